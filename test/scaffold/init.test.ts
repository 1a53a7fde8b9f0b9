import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initTree, initTreeWithSchemas, ScaffoldError } from '../../src/scaffold/init.js';
import { newVersion } from '../../src/scaffold/new-version.js';
import { starterTree } from '../../src/scaffold/templates.js';
import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import type { ConsumerFile, ContractFile, EndpointFile } from '../../src/model/types.js';
import { loadSchemaFile } from '../../src/schema/load.js';
import {
  languageServerSchema,
  readJson,
  readYaml,
  refPath,
  schemaValidator,
  treeFileProblems,
  walk,
} from './helpers.js';

const STARTER = [
  'contractguard.yaml',
  'hello-webhook/endpoint.yaml',
  'hello-webhook/v1/contract.yaml',
  'hello-webhook/v1/input.schema.json',
  'hello-webhook/v1/output.schema.json',
  'consumers/hello-cron.yaml',
  'consumers/fixtures/hello-cron/expects.schema.json',
  'consumers/fixtures/hello-cron/request.json',
  'consumers/fixtures/hello-cron/response.json',
];

let repo: string;

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-init-'));
});

afterEach(() => {
  fs.rmSync(repo, { recursive: true, force: true });
});

async function refusal(run: () => Promise<unknown>): Promise<string> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScaffoldError);
  return (err as ScaffoldError).message;
}

describe('initTree', () => {
  it('writes the starter tree under contracts/ and returns what it created', async () => {
    const created = await initTree(repo);
    expect(created).toEqual(STARTER.map((f) => `contracts/${f}`));
    expect(walk(repo)).toEqual([...created].sort());
  });

  it('writes a tree that is valid: contract, endpoint and consumer agree, fixtures match their schemas', async () => {
    await initTree(repo);
    const root = path.join(repo, 'contracts');
    const at = (rel: string): string => path.join(root, rel);

    expect(treeFileProblems(root)).toEqual([]);
    const policy = readYaml(at('contractguard.yaml'));
    expect(policy).toMatchObject({ semantics: 'pragmatic', failOn: 'breaking', deprecationWindowDays: 90 });

    const endpoint = readYaml(at('hello-webhook/endpoint.yaml')) as unknown as EndpointFile;
    expect(endpoint).toMatchObject({ name: 'hello-webhook', aliases: { prod: 1, latest: 1 } });
    expect(endpoint.route).toContain('{major}');
    expect(endpoint.canary).toBeUndefined(); // shown as a comment only

    const contractFile = at('hello-webhook/v1/contract.yaml');
    const contract = readYaml(contractFile) as unknown as ContractFile;
    expect(contract).toMatchObject({ endpoint: 'hello-webhook', version: '1.0.0', status: 'active' });
    expect(contract.owner).toBe(endpoint.owner);

    const consumerFile = at('consumers/hello-cron.yaml');
    const consumer = readYaml(consumerFile) as unknown as ConsumerFile;
    expect(consumer).toMatchObject({ name: 'hello-cron', kind: 'job' });
    const use = consumer.uses[0];
    expect(use).toMatchObject({ endpoint: 'hello-webhook', version: 1 });

    const validate = schemaValidator(root);
    for (const rel of walk(root).filter((f) => f.endsWith('.schema.json'))) {
      expect(() => loadSchemaFile(at(rel), { root }), rel).not.toThrow();
    }
    const fixture = use?.fixtures?.[0];
    const request = readJson(path.resolve(path.dirname(consumerFile), fixture?.request ?? ''));
    const response = readJson(path.resolve(path.dirname(consumerFile), fixture?.response ?? ''));
    expect(validate(refPath(contractFile, contract.input), request)).toEqual([]);
    expect(validate(refPath(contractFile, contract.output), response)).toEqual([]);
    expect(validate(refPath(consumerFile, use?.expects), response)).toEqual([]);
  });

  it('writes a tree the loader accepts with no problems, under any root', async () => {
    await initTree(repo);
    const set = await loadContractSet(new FsSource(repo), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    expect([...set.endpoints.keys()]).toEqual(['hello-webhook']);
    expect(set.consumers.map((c) => c.consumer.name)).toEqual(['hello-cron']);

    await initTree(repo, { root: 'services/api/contracts' });
    const nested = await loadContractSet(new FsSource(repo), { root: 'services/api/contracts' });
    expect(nested.problems).toEqual([]);
  });

  it('writes no `$schema` line when the package is not installed: none that points at nothing', async () => {
    await initTree(repo);
    for (const file of walk(path.join(repo, 'contracts')).filter((f) => f.endsWith('.yaml'))) {
      expect(languageServerSchema(path.join(repo, 'contracts', file)), file).toBeUndefined();
    }
    expect(await initTreeWithSchemas(path.join(repo, 'again'))).toEqual({
      created: STARTER.map((f) => `contracts/${f}`),
    });
  });

  it('points editors at the installed package’s schemas, which exist', async () => {
    const schemas = path.join(repo, 'node_modules/contractguard/schemas');
    fs.mkdirSync(schemas, { recursive: true });
    for (const kind of ['contractguard', 'endpoint', 'contract', 'consumer'])
      fs.writeFileSync(path.join(schemas, `${kind}.schema.json`), '{}');
    const { schemas: found } = await initTreeWithSchemas(repo);
    expect(found).toBe('node_modules/contractguard/schemas');
    for (const [file, kind] of [
      ['contracts/contractguard.yaml', 'contractguard'],
      ['contracts/hello-webhook/v1/contract.yaml', 'contract'],
      ['contracts/hello-webhook/endpoint.yaml', 'endpoint'],
      ['contracts/consumers/hello-cron.yaml', 'consumer'],
    ] as const) {
      const target = languageServerSchema(path.join(repo, file));
      expect(target, file).toBe(path.join(schemas, `${kind}.schema.json`));
      expect(fs.existsSync(target as string), file).toBe(true);
    }
  });

  it('points editors at a given URL as it is', async () => {
    await initTree(repo, { root: 'api/contracts', schemaBase: 'https://example.com/cg/schemas/' });
    const first = fs.readFileSync(path.join(repo, 'api/contracts/hello-webhook/v1/contract.yaml'), 'utf8');
    expect(first.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://example.com/cg/schemas/contract.schema.json',
    );
  });

  it('refuses a given schema folder that does not hold the schemas, and writes nothing', async () => {
    expect(await refusal(() => initTree(repo, { schemaBase: 'vendor/schemas' }))).toBe(
      "vendor/schemas holds no contract.schema.json: give the folder of contractguard's schemas (node_modules/contractguard/schemas once it is installed) or their URL",
    );
    expect(fs.existsSync(path.join(repo, 'contracts'))).toBe(false);
  });

  it('writes into the directory itself with root "."', async () => {
    const created = await initTree(repo, { root: '.' });
    expect(created).toEqual(STARTER);
  });

  it('refuses to overwrite anything, and then writes nothing', async () => {
    const policy = path.join(repo, 'contracts/contractguard.yaml');
    fs.mkdirSync(path.dirname(policy), { recursive: true });
    fs.writeFileSync(policy, 'failOn: never\n');
    expect(await refusal(() => initTree(repo))).toBe(
      'refusing to overwrite contracts/contractguard.yaml; nothing was written (move it away, or pass another --root)',
    );
    expect(walk(repo)).toEqual(['contracts/contractguard.yaml']);
    expect(fs.readFileSync(policy, 'utf8')).toBe('failOn: never\n');

    await initTree(repo, { root: 'elsewhere' });
    expect(await refusal(() => initTree(repo, { root: 'elsewhere' }))).toMatch(
      /^refusing to overwrite elsewhere\/contractguard\.yaml, elsewhere\/hello-webhook\/endpoint\.yaml, .*; nothing was written \(move them away, or pass another --root\)$/,
    );
  });

  it('refuses a root that is a file or outside the directory', async () => {
    fs.writeFileSync(path.join(repo, 'contracts'), '');
    expect(await refusal(() => initTree(repo))).toBe(
      'contracts exists and is not a folder; nothing was written',
    );
    expect(await refusal(() => initTree(repo, { root: '../up' }))).toBe(
      "contract root '../up' must be a folder inside the repository",
    );
  });

  it('the starter endpoint can be taken to v2 with new-version', async () => {
    await initTree(repo);
    const result = await newVersion(repo, {
      root: 'contracts',
      endpoint: 'hello-webhook',
      now: new Date('2026-11-25T00:00:00Z'),
    });
    expect(result.created).toContain('contracts/hello-webhook/v2/contract.yaml');
    expect(readYaml(path.join(repo, 'contracts/hello-webhook/v1/contract.yaml')).deprecation).toEqual({
      date: '2027-02-23',
      replacement: 2,
    });
    expect(result.message).toContain(
      'Aliases unchanged: prod → 1, latest → 1; move `latest` when v2 is ready',
    );
    expect(result.message).toContain('Consumers still on v1: hello-cron');
  });

  it('templates: without a schema target, no file has a schema comment', () => {
    const files = starterTree({ schemaFor: () => undefined });
    for (const f of files) expect(f.text).not.toContain('yaml-language-server');
  });

  it('templates: every YAML file starts with the schema comment and mentions the docs', () => {
    const files = starterTree({ schemaFor: (_file, schema) => `S/${schema}` });
    expect(files.map((f) => f.path)).toEqual(STARTER);
    for (const f of files.filter((x) => x.path.endsWith('.yaml'))) {
      expect(f.text).toMatch(
        /^# yaml-language-server: \$schema=S\/(contractguard|endpoint|contract|consumer)\n/,
      );
      expect(f.text).toContain('docs/design.md');
    }
  });
});
