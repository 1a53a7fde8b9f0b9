import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { diffTrees } from '../../src/tree/diff.js';
import type { TreeChange } from '../../src/tree/types.js';
import { type EndpointSpec, type TreeSpec, contractFile, positions, tree } from './helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

const project = (changes: TreeChange[]) =>
  changes.map(({ area, rule, severity, path }) => ({ area, rule, severity, path }));

const INPUT = { type: 'object', properties: { customerId: { type: 'string' } } };
const OUTPUT = {
  type: 'object',
  properties: { status: { enum: ['active'] }, legacyId: { type: 'string' } },
};

const sync = (
  versions: EndpointSpec['versions'],
  aliases?: Record<string, number>,
): TreeSpec['endpoints'] => ({
  'sync-customers': { versions, ...(aliases ? { aliases } : {}) },
});

describe('diffTrees: pairing versions', () => {
  it('pairs by endpoint and major: changed, unchanged, added, removed; sorted by endpoint then major', async () => {
    const base = tree({
      endpoints: {
        ...sync({ 3: { version: '3.2.0' }, 2: { version: '2.9.0', status: 'deprecated' } }),
        'export-orders': { versions: { 1: {} } },
      },
    });
    const head = tree({
      endpoints: {
        ...sync({
          2: { version: '2.9.0', status: 'deprecated' },
          3: { version: '3.3.0', operational: { timeoutMs: 5000 } },
          4: { version: '4.0.0' },
        }),
      },
    });
    const { versions } = await diffTrees(base, head);
    expect(
      versions.map((v) => [v.endpoint, v.major, v.kind, v.baseVersion, v.headVersion, v.verdict]),
    ).toEqual([
      ['export-orders', 1, 'removed', '1.0.0', undefined, 'breaking'],
      ['sync-customers', 2, 'unchanged', '2.9.0', '2.9.0', 'none'],
      ['sync-customers', 3, 'changed', '3.2.0', '3.3.0', 'breaking'],
      ['sync-customers', 4, 'added', undefined, '4.0.0', 'additive'],
    ]);
    expect(project(versions[0]?.changes ?? [])).toEqual([
      { area: 'meta', rule: 'major-removed', severity: 'breaking', path: '' },
    ]);
    expect(project(versions[2]?.changes ?? [])).toEqual([
      {
        area: 'operational',
        rule: 'timeout-decreased',
        severity: 'breaking',
        path: '/operational/timeoutMs',
      },
    ]);
    expect(versions[3]?.changes).toEqual([
      expect.objectContaining({
        area: 'meta',
        rule: 'major-added',
        severity: 'additive',
        message: 'New major v4; existing callers stay on their major and keep working.',
        position: { file: contractFile('sync-customers', 4), line: 1, column: 1, side: 'head' },
      }),
    ]);
    expect(versions[0]?.changes[0]?.position?.side).toBe('base');
  });

  it('diffs input and output schemas by direction, plus contract rules, most severe first', async () => {
    const base = tree({
      endpoints: sync({ 3: { input: INPUT, output: OUTPUT, auth: { roles: ['crm-sync'] } } }),
    });
    const head = tree({
      endpoints: sync({
        3: {
          input: { ...INPUT, required: ['customerId'] },
          output: {
            type: 'object',
            properties: {
              status: { enum: ['active', 'frozen'] },
              legacyId: { type: 'string' },
              extra: { type: 'string' },
            },
          },
          auth: { roles: [] },
          owner: '@acme/platform',
        },
      }),
    });
    const { versions } = await diffTrees(base, head);
    expect(project(versions[0]?.changes ?? [])).toEqual([
      { area: 'input', rule: 'required-added', severity: 'breaking', path: '/required' },
      { area: 'output', rule: 'enum-value-added', severity: 'breaking', path: '/properties/status/enum' },
      { area: 'output', rule: 'property-added', severity: 'additive', path: '/properties/extra' },
      { area: 'auth', rule: 'auth-role-removed', severity: 'additive', path: '/auth/roles/crm-sync' },
      { area: 'meta', rule: 'owner-changed', severity: 'none', path: '/owner' },
    ]);
  });

  it('uses head policy semantics and rule overrides; options override both', async () => {
    const base = tree({ endpoints: sync({ 3: { output: OUTPUT } }) });
    const widened = {
      type: 'object',
      properties: { status: { enum: ['active', 'frozen'] }, legacyId: { type: 'string' } },
    };
    const head = (policy: TreeSpec['policy']) =>
      tree({ policy, endpoints: sync({ 3: { output: widened } }) });
    const severityWith = async (policy: TreeSpec['policy'], overrides?: Parameters<typeof diffTrees>[2]) =>
      (await diffTrees(base, head(policy), overrides)).versions[0]?.changes.map((c) => c.severity);
    expect(await severityWith({})).toEqual(['breaking']);
    expect(await severityWith({ rules: { 'enum-value-added': { output: 'dangerous' } } })).toEqual([
      'dangerous',
    ]);
    expect(
      await severityWith(
        { rules: { 'enum-value-added': { output: 'dangerous' } } },
        { overrides: { 'enum-value-added': { output: 'none' } } },
      ),
    ).toEqual(['none']);
  });

  it('reports alias moves from endpoint.yaml', async () => {
    const base = tree({ endpoints: sync({ 3: {}, 4: {} }, { prod: 3, staging: 4, old: 3 }) });
    const head = tree({ endpoints: sync({ 3: {}, 4: {} }, { prod: 4, staging: 4, latest: 4 }) });
    expect((await diffTrees(base, head)).aliasMoves).toEqual([
      { endpoint: 'sync-customers', alias: 'latest', to: 4 },
      { endpoint: 'sync-customers', alias: 'old', from: 3 },
      { endpoint: 'sync-customers', alias: 'prod', from: 3, to: 4 },
    ]);
  });
});

describe('diffTrees: positions', () => {
  const schemaFile = (major: number, side: 'input' | 'output') =>
    `contracts/sync-customers/v${major}/${side}.schema.json`;

  it('schema changes map their origin (relative to the contract root) through head, at the keyword line', async () => {
    const base = tree({ endpoints: sync({ 3: { output: OUTPUT } }) });
    const head = tree({
      endpoints: sync({
        3: {
          output: { ...OUTPUT, properties: { ...OUTPUT.properties, status: { enum: ['active', 'frozen'] } } },
        },
      }),
      position: positions({
        [`${schemaFile(3, 'output')}#/properties/status`]: 7,
        [`${schemaFile(3, 'output')}#/properties/status/enum`]: 8,
      }),
    });
    const [change] = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(change?.position).toEqual({ file: schemaFile(3, 'output'), line: 8, column: 3, side: 'head' });
  });

  it('removals are shown in base', async () => {
    const base = tree({
      endpoints: sync({ 3: { output: OUTPUT } }),
      position: positions({ [`${schemaFile(3, 'output')}#/properties/legacyId`]: 12 }),
    });
    const head = tree({
      endpoints: sync({ 3: { output: { type: 'object', properties: { status: { enum: ['active'] } } } } }),
      position: positions({ [`${schemaFile(3, 'output')}#/properties`]: 3 }),
    });
    const [change] = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(change?.rule).toBe('property-removed');
    expect(change?.position).toEqual({ file: schemaFile(3, 'output'), line: 12, column: 3, side: 'base' });
  });

  it('contract rules point at the contract.yaml field; removed list items at their index in base', async () => {
    const file = contractFile('sync-customers', 3);
    const base = tree({
      endpoints: sync({
        3: {
          operational: { timeoutMs: 30000 },
          errors: [
            { code: 'A', status: 400 },
            { code: 'CRM_TIMEOUT', status: 504 },
          ],
        },
      }),
      position: positions({ [`${file}#/errors/1`]: 21 }),
    });
    const head = tree({
      endpoints: sync({ 3: { operational: { timeoutMs: 1000 }, errors: [{ code: 'A', status: 400 }] } }),
      position: positions({ [`${file}#/operational/timeoutMs`]: 14, [`${file}#/errors/0`]: 20 }),
    });
    const changes = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    const at = (rule: string) => changes.find((c) => c.rule === rule)?.position;
    expect(at('timeout-decreased')).toEqual({ file, line: 14, column: 3, side: 'head' });
    expect(at('error-code-removed')).toEqual({ file, line: 21, column: 3, side: 'base' });
  });

  it("a field gone from both sides' maps falls back to its nearest written parent", async () => {
    const file = contractFile('sync-customers', 3);
    const base = tree({ endpoints: sync({ 3: { operational: { timeoutMs: 30000 } } }) });
    const head = tree({
      endpoints: sync({ 3: { operational: { timeoutMs: 1000 } } }),
      position: positions({ [`${file}#/operational`]: 13 }),
    });
    const [change] = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(change?.position).toEqual({ file, line: 13, column: 3, side: 'head' });
  });
});

describe('diffTrees: fingerprints', () => {
  it('the same change at a different line has the same fingerprint', async () => {
    const file = contractFile('sync-customers', 3);
    const base = tree({ endpoints: sync({ 3: { operational: { timeoutMs: 30000 }, input: INPUT } }) });
    const changed = { operational: { timeoutMs: 1000 }, input: { ...INPUT, required: ['customerId'] } };
    const headAt = (line: number) =>
      tree({
        endpoints: sync({ 3: changed }),
        position: positions({
          [`${file}#/operational/timeoutMs`]: line,
          [`contracts/sync-customers/v3/input.schema.json#/required`]: line + 1,
        }),
      });
    const first = (await diffTrees(base, headAt(10))).versions[0]?.changes ?? [];
    const second = (await diffTrees(base, headAt(40))).versions[0]?.changes ?? [];
    expect(first.map((c) => c.position?.line)).not.toEqual(second.map((c) => c.position?.line));
    expect(first.map((c) => c.fingerprint)).toEqual(second.map((c) => c.fingerprint));
    expect(first).toHaveLength(2);
  });

  it('reordering a list keeps fingerprints; one change per enum value gets its own', async () => {
    const base = tree({ endpoints: sync({ 3: { errors: [{ code: 'A', status: 400 }], output: OUTPUT } }) });
    const headWith = (errors: { code: string; status: number }[]) =>
      tree({
        endpoints: sync({
          3: {
            errors,
            output: {
              ...OUTPUT,
              properties: { ...OUTPUT.properties, status: { enum: ['active', 'frozen', 'closed'] } },
            },
          },
        }),
      });
    const one = (
      await diffTrees(
        base,
        headWith([
          { code: 'A', status: 400 },
          { code: 'B', status: 409 },
        ]),
      )
    ).versions[0];
    const two = (
      await diffTrees(
        base,
        headWith([
          { code: 'B', status: 409 },
          { code: 'A', status: 400 },
        ]),
      )
    ).versions[0];
    expect(one?.changes.map((c) => c.fingerprint)).toEqual(two?.changes.map((c) => c.fingerprint));
    const enumChanges = one?.changes.filter((c) => c.rule === 'enum-value-added') ?? [];
    expect(enumChanges).toHaveLength(2);
    expect(new Set(enumChanges.map((c) => c.fingerprint)).size).toBe(2);
  });
});

describe('diffTrees: unreadable files', () => {
  it('a version missing from head because its files did not load is neither removed nor reported', async () => {
    const base = tree({ endpoints: sync({ 3: {}, 4: {} }) });
    const head = tree({
      endpoints: sync({ 3: {} }),
      problems: [
        { file: 'contracts/sync-customers/v4/contract.yaml', line: 3, message: 'expected a string' },
      ],
    });
    const { versions } = await diffTrees(base, head);
    expect(versions.map((v) => [v.major, v.kind])).toEqual([[3, 'unchanged']]);
  });

  it('a version missing from base because its files did not load there is not reported as added', async () => {
    const base = tree({
      endpoints: sync({ 3: {} }),
      problems: [{ file: 'contracts/sync-customers/endpoint.yaml', message: 'bad' }],
    });
    const head = tree({ endpoints: sync({ 3: {}, 4: {} }) });
    expect((await diffTrees(base, head)).versions.map((v) => [v.major, v.kind])).toEqual([[3, 'unchanged']]);
  });
});
