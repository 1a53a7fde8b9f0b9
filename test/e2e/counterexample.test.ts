/**
 * Counterexamples end to end, through the CLI as a child process: `diff-schemas` (JSON and text) and the
 * tree report of `contractguard diff` (JSON), where a consumer's recorded request is preferred when it is
 * the proof. Every instance shown is checked again here with ajv.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';
import { baseTree, Repo } from './helpers.js';

let cli: string;
let tmp: string;
let repo: Repo | undefined;
beforeAll(async () => {
  cli = await bundleCli();
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-counterexample-'));
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => repo?.cleanup());

function accepts(schema: SchemaValue, value: unknown): boolean {
  const compiled = compileResolved(
    resolveSchema(schema, {
      file: 'x.json',
      readDocument: () => {
        throw new Error('no files');
      },
    }),
  );
  if ('error' in compiled) throw new Error(compiled.error);
  const errors = validateWith(compiled, value);
  if ('error' in errors) throw new Error(errors.error);
  return errors.length === 0;
}

const OLD = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['customerId'],
  properties: { customerId: { type: 'string' }, status: { enum: ['active', 'paused'] } },
};
const NEW = {
  ...OLD,
  properties: { customerId: { type: 'string', maxLength: 8 }, status: { enum: ['active'] } },
};

interface JsonChange {
  rule: string;
  counterexample?: { value: unknown; validAgainst: string; fixture?: { consumer: string; file: string } };
}

describe('diff-schemas shows verified counterexamples', () => {
  it('JSON: every breaking change of the input carries one, valid against old and invalid against new', async () => {
    writeFileSync(join(tmp, 'old.json'), JSON.stringify(OLD));
    writeFileSync(join(tmp, 'new.json'), JSON.stringify(NEW));
    const r = await runCli(
      cli,
      ['diff-schemas', '--direction', 'input', '--format', 'json', 'old.json', 'new.json'],
      tmp,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const changes = (JSON.parse(r.stdout) as { changes: JsonChange[] }).changes;
    expect(changes.map((c) => c.rule).sort()).toEqual(['enum-value-removed', 'max-length-added']);
    const byRule = new Map(changes.map((c) => [c.rule, c.counterexample]));
    expect(byRule.get('enum-value-removed')).toEqual({
      value: { customerId: 'contractguard'.slice(0, 8), status: 'paused' },
      validAgainst: 'old',
    });
    for (const c of changes) {
      expect(c.counterexample?.validAgainst).toBe('old');
      expect(accepts(OLD, c.counterexample?.value)).toBe(true);
      expect(accepts(NEW, c.counterexample?.value)).toBe(false);
    }
  });

  it('text: the sentence after the change, and none for an additive output', async () => {
    const r = await runCli(cli, ['diff-schemas', '--direction', 'input', 'old.json', 'new.json'], tmp);
    expect(r.stdout).toContain(
      'e.g. this request was accepted before and is rejected now: `{"customerId":"contract","status":"paused"}`',
    );
    const out = await runCli(cli, ['diff-schemas', '--direction', 'output', 'old.json', 'new.json'], tmp);
    expect(out.stdout).not.toContain('e.g.');
  });
});

describe('contractguard diff: the tree report', () => {
  it("prefers the consumer's recorded request when it is the proof", async () => {
    const V2 = 'contracts/sync-customers/v2';
    const tree = baseTree();
    repo = new Repo();
    repo
      .write({
        ...tree,
        'contracts/consumers/ops-dashboard.yaml':
          'name: ops-dashboard\nowner: "@acme/ops"\nkind: dashboard\nuses:\n  - endpoint: sync-customers\n' +
          '    version: 2\n    fixtures:\n      - request: ./fixtures/sync-request.json\n',
        'contracts/consumers/fixtures/sync-request.json': { customerId: 'cus_0001', dryRun: true },
      })
      .commit('base');
    repo.git('checkout', '-qb', 'pr');
    const input = tree[`${V2}/input.schema.json`] as { properties: Record<string, object> };
    repo
      .write({
        [`${V2}/input.schema.json`]: {
          ...input,
          properties: { ...input.properties, customerId: { type: 'string', maxLength: 4 } },
        },
      })
      .commit('narrow customerId');
    const r = await runCli(cli, ['diff', '--base', 'main', '--head', 'pr', '--format', 'json'], repo.dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { versions: { major: number; changes: JsonChange[] }[] };
    const change = report.versions
      .find((v) => v.major === 2)
      ?.changes.find((c) => c.rule === 'max-length-added');
    expect(change?.counterexample).toEqual({
      value: { customerId: 'cus_0001', dryRun: true },
      validAgainst: 'old',
      fixture: { consumer: 'ops-dashboard', file: 'sync-request.json' },
    });
    const text = await runCli(cli, ['diff', '--base', 'main', '--head', 'pr'], repo.dir);
    expect(text.stdout).toContain(
      "e.g. ops-dashboard's recorded request sync-request.json was accepted before and is rejected now: " +
        '`{"customerId":"cus_0001","dryRun":true}`',
    );
  }, 60_000);
});
