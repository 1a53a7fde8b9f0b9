import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  consumerFileSchema,
  contractFileSchema,
  endpointFileSchema,
  FILE_SCHEMAS,
  jsonSchemaFiles,
  policyFileSchema,
} from '../../src/model/schemas.js';
import type { ConsumerFile, ContractFile, EndpointFile, PolicyFile } from '../../src/model/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Type level: each zod schema produces exactly its interface (tsc checks these lines, both ways).
const _contractOut: ContractFile = {} as z.infer<typeof contractFileSchema>;
const _contractIn: z.infer<typeof contractFileSchema> = {} as ContractFile;
const _endpointOut: EndpointFile = {} as z.infer<typeof endpointFileSchema>;
const _endpointIn: z.infer<typeof endpointFileSchema> = {} as EndpointFile;
const _consumerOut: ConsumerFile = {} as z.infer<typeof consumerFileSchema>;
const _consumerIn: z.infer<typeof consumerFileSchema> = {} as ConsumerFile;
const _policyOut: PolicyFile = {} as z.infer<typeof policyFileSchema>;
const _policyIn: z.infer<typeof policyFileSchema> = {} as PolicyFile;

describe('published JSON Schemas', () => {
  it('are up to date with src/model/schemas.ts (run `npm run schemas` when this fails)', () => {
    for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
      const file = path.join(REPO, 'schemas', name);
      expect(fs.existsSync(file), `schemas/${name} is missing`).toBe(true);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')), `schemas/${name} is stale`).toEqual(schema);
    }
  });

  it('carry an $id, a title and a description, and reject unknown keys', () => {
    for (const schema of Object.values(jsonSchemaFiles())) {
      expect(schema).toMatchObject({
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: expect.stringMatching(/^urn:contractguard:schema:/),
        title: expect.any(String),
        description: expect.any(String),
        type: 'object',
        additionalProperties: false,
      });
    }
  });

  it('describe every field of contract.yaml, for editor help', () => {
    const schema = jsonSchemaFiles()[FILE_SCHEMAS.contract.file] as { properties: Record<string, object> };
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property, key).toHaveProperty('description');
    }
  });

  it('are what the yaml-language-server modelines of the fixture tree point at', () => {
    const root = path.join(REPO, 'test/fixtures/trees/basic/contracts');
    const yamlFiles = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.yaml'),
    );
    expect(yamlFiles.length).toBeGreaterThan(3);
    for (const rel of yamlFiles) {
      const first = fs.readFileSync(path.join(root, rel), 'utf8').split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, rel).not.toBeNull();
      expect(fs.existsSync(path.resolve(root, path.dirname(rel), match?.[1] ?? '')), rel).toBe(true);
    }
  });
});

describe('zod file schemas', () => {
  it('reject unknown keys at every level', () => {
    const result = endpointFileSchema.safeParse({
      name: 'a',
      owner: '@o/t',
      route: '/a/v{major}',
      canary: { check: 'c', strategy: 'header', extra: 1 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['extra'],
      path: ['canary'],
    });
  });

  it('accept a minimal policy file (every key optional)', () => {
    expect(policyFileSchema.safeParse({}).success).toBe(true);
  });

  it('require positive whole-number alias targets', () => {
    const base = { name: 'a', owner: '@o', route: '/a/v{major}' };
    expect(endpointFileSchema.safeParse({ ...base, aliases: { prod: 3 } }).success).toBe(true);
    expect(endpointFileSchema.safeParse({ ...base, aliases: { prod: 0 } }).success).toBe(false);
    expect(endpointFileSchema.safeParse({ ...base, aliases: { prod: 2.5 } }).success).toBe(false);
  });

  it('accept an inline schema, a boolean or a $ref for input and output', () => {
    const base = { endpoint: 'a', version: '1.0.0', owner: '@o/t', status: 'active' };
    for (const input of [{ $ref: './in.json' }, { type: 'object' }, true]) {
      expect(contractFileSchema.safeParse({ ...base, input, output: false }).success).toBe(true);
    }
    expect(contractFileSchema.safeParse({ ...base, input: 'in.json', output: false }).success).toBe(false);
  });
});
