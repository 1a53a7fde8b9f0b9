import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { diffTrees, oneRowEach } from '../../src/tree/diff.js';
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

  it('contract rules are overridden by `rules:` like schema rules, on the side they are judged on', async () => {
    const base = tree({ endpoints: sync({ 3: { operational: { timeoutMs: 30000 } } }) });
    const head = (policy: TreeSpec['policy']) =>
      tree({ policy, endpoints: sync({ 3: { operational: { timeoutMs: 1000 } } }) });
    const changeWith = async (policy: TreeSpec['policy'], overrides?: Parameters<typeof diffTrees>[2]) =>
      (await diffTrees(base, head(policy), overrides)).versions[0]?.changes[0];
    expect((await changeWith({}))?.severity).toBe('breaking');
    const dangerous = await changeWith({ rules: { 'timeout-decreased': { input: 'dangerous' } } });
    expect(dangerous).toMatchObject({ rule: 'timeout-decreased', severity: 'dangerous' });
    // The rule's own consequence stays; only the severity is policy.
    expect(dangerous?.message).toBe(
      'The timeout dropped from 30000 ms to 1000 ms; requests that took longer now fail.',
    );
    expect((await changeWith({ rules: { 'timeout-decreased': { output: 'none' } } }))?.severity).toBe(
      'breaking',
    );
    expect(
      (
        await changeWith(
          { rules: { 'timeout-decreased': { input: 'dangerous' } } },
          { overrides: { 'timeout-decreased': { input: 'additive' } } },
        )
      )?.severity,
    ).toBe('additive');
  });

  it('an overridden contract rule without its own consequence gets the wording of its new severity', async () => {
    const base = tree({ endpoints: sync({ 3: { sideEffects: { retries: { max: 1 } } } }) });
    const head = tree({
      policy: { rules: { 'retries-increased': { output: 'dangerous' } } },
      endpoints: sync({ 3: { sideEffects: { retries: { max: 3 } } } }),
    });
    expect((await diffTrees(base, head)).versions[0]?.changes[0]).toMatchObject({
      rule: 'retries-increased',
      severity: 'dangerous',
      message: 'The endpoint now retries up to 3 times (was 1); some callers may be affected; review it.',
    });
  });

  it('a major added or removed takes its override too', async () => {
    const base = tree({ endpoints: sync({ 3: {} }) });
    const head = tree({
      policy: { rules: { 'major-added': { input: 'dangerous' } } },
      endpoints: sync({ 3: {}, 4: {} }),
    });
    expect((await diffTrees(base, head)).versions[1]?.changes[0]).toMatchObject({
      rule: 'major-added',
      severity: 'dangerous',
    });
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

describe('diffTrees: every edit is reported, the ones without effect as `none`', () => {
  const file = 'contracts/sync-customers/v3/input.schema.json';
  const documented = (descriptions: Record<string, string | undefined>, title?: string) => ({
    type: 'object',
    ...(title === undefined ? {} : { title }),
    properties: Object.fromEntries(
      Object.entries(descriptions).map(([name, description]) => [
        name,
        { type: 'string', ...(description === undefined ? {} : { description }) },
      ]),
    ),
  });

  it('a description edited, added or removed, and a title edited: one `none` change each, at its line', async () => {
    const base = tree({
      endpoints: sync({ 3: { input: documented({ a: 'old', b: undefined, c: 'gone' }, 'Request') } }),
      position: positions({ [`${file}#/properties/c/description`]: 9 }),
    });
    const head = tree({
      endpoints: sync({ 3: { input: documented({ a: 'new', b: 'added', c: undefined }, 'Sync request') } }),
      position: positions({
        [`${file}#/title`]: 2,
        [`${file}#/properties/a/description`]: 5,
        [`${file}#/properties/b/description`]: 7,
      }),
    });
    const [version] = (await diffTrees(base, head)).versions;
    expect(version?.kind).toBe('changed');
    expect(version?.verdict).toBe('none');
    expect(
      version?.changes.map((c) => [
        c.rule,
        c.severity,
        c.area,
        c.path,
        c.message,
        c.position?.line,
        c.position?.side,
      ]),
    ).toEqual([
      [
        'description-changed',
        'none',
        'input',
        '/properties/a/description',
        'The description of `a` changed.',
        5,
        'head',
      ],
      [
        'description-changed',
        'none',
        'input',
        '/properties/b/description',
        '`b` now has a description.',
        7,
        'head',
      ],
      [
        'description-changed',
        'none',
        'input',
        '/properties/c/description',
        'The description of `c` was removed.',
        9,
        'base',
      ],
      ['description-changed', 'none', 'input', '/title', 'The title of the request changed.', 2, 'head'],
    ]);
  });

  it('a described definition used twice is one change, where it is first used', async () => {
    const schema = (description: string) => ({
      type: 'object',
      properties: { from: { $ref: '#/$defs/Day' }, to: { $ref: '#/$defs/Day' } },
      $defs: { Day: { type: 'string', description } },
    });
    const base = tree({ endpoints: sync({ 3: { input: schema('A day.') } }) });
    const head = tree({ endpoints: sync({ 3: { input: schema('A calendar day (UTC).') } }) });
    const changes = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(changes.map(({ rule, path }) => ({ rule, path }))).toEqual([
      { rule: 'description-changed', path: '/properties/from/description' },
    ]);
  });

  it("the endpoint's owner in endpoint.yaml is told once, with the endpoint's highest major", async () => {
    const endpoint = (owner: string): TreeSpec['endpoints'] => ({
      'sync-customers': { owner, versions: { 2: {}, 3: {} } },
    });
    const base = tree({ endpoints: endpoint('@acme/crm-team') });
    const head = tree({
      endpoints: endpoint('@acme/platform'),
      position: positions({ 'contracts/sync-customers/endpoint.yaml#/owner': 2 }),
    });
    const { versions } = await diffTrees(base, head);
    expect(versions.map((v) => [v.major, v.kind])).toEqual([
      [2, 'unchanged'],
      [3, 'changed'],
    ]);
    expect(versions[1]?.changes).toEqual([
      expect.objectContaining({
        rule: 'endpoint-owner-changed',
        severity: 'none',
        area: 'meta',
        message:
          'The owner of sync-customers in endpoint.yaml changed from @acme/crm-team to @acme/platform; ' +
          'approvals of its breaking changes still come from @acme/crm-team until this is merged, then from @acme/platform.',
        position: { file: 'contracts/sync-customers/endpoint.yaml', line: 2, column: 3, side: 'head' },
      }),
    ]);
  });
});

describe('diffTrees: one row per change', () => {
  const contact = (note: boolean) => ({
    type: 'object',
    properties: {
      contact: {
        anyOf: ['email', 'phone', 'slack'].map((kind) => ({
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: kind }, ...(note ? { note: { type: 'string' } } : {}) },
        })),
      },
    },
  });

  it('a property removed from every anyOf branch is one change with one fingerprint', async () => {
    const base = tree({ endpoints: sync({ 3: { output: contact(true) } }) });
    const head = tree({ endpoints: sync({ 3: { output: contact(false) } }) });
    const changes = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(project(changes)).toEqual([
      {
        area: 'output',
        rule: 'property-removed',
        severity: 'breaking',
        path: '/properties/contact/anyOf/*/properties/note',
      },
    ]);
    expect(changes[0]?.message).toBe(
      '`contact.note` (all anyOf branches) was removed; consumers that read it will get undefined.',
    );
  });
});

describe('oneRowEach', () => {
  const row = (fingerprint: string, line: number): TreeChange => ({
    endpoint: 'sync-customers',
    major: 3,
    area: 'output',
    rule: 'enum-value-added',
    severity: 'breaking',
    path: `/p/${fingerprint}`,
    message: '`status` may now be "frozen".',
    fingerprint,
    position: { file: 'contracts/sync-customers/v3/output.schema.json', line, column: 3, side: 'head' },
  });

  it('keeps the first of two rows with the same sentence at the same line, and rows at other lines', () => {
    expect(oneRowEach([row('a', 7), row('b', 7), row('c', 9)]).map((c) => c.fingerprint)).toEqual(['a', 'c']);
  });
});

describe('diffTrees: a required property removed', () => {
  it('is one change, not also "no longer required"', async () => {
    const output = (withLegacy: boolean) => ({
      type: 'object',
      required: withLegacy ? ['id', 'legacyId'] : ['id'],
      properties: { id: { type: 'string' }, ...(withLegacy ? { legacyId: { type: 'string' } } : {}) },
    });
    const base = tree({ endpoints: sync({ 3: { output: output(true) } }) });
    const head = tree({ endpoints: sync({ 3: { output: output(false) } }) });
    const changes = (await diffTrees(base, head)).versions[0]?.changes ?? [];
    expect(project(changes)).toEqual([
      { area: 'output', rule: 'property-removed', severity: 'breaking', path: '/properties/legacyId' },
    ]);
  });
});

describe('diffTrees: a new major says what changes for callers who move to it', () => {
  it('is compared with the previous live major: its changes, not counted as changes of the PR, and the deadline', async () => {
    const v3 = { version: '3.2.0', input: INPUT, deprecation: { date: '2027-03-31', replacement: 4 } };
    const base = tree({
      endpoints: sync({ 2: { status: 'retired' }, 3: { ...v3, deprecation: undefined } }),
    });
    const head = tree({
      endpoints: sync({
        2: { status: 'retired' },
        3: v3,
        4: {
          version: '4.0.0',
          input: { ...INPUT, required: ['customerId'] },
          auth: { roles: ['crm-admin'] },
        },
      }),
    });
    const added = (await diffTrees(base, head)).versions.find((v) => v.kind === 'added');
    expect(added?.verdict).toBe('additive');
    expect(project(added?.changes ?? [])).toEqual([
      { area: 'meta', rule: 'major-added', severity: 'additive', path: '' },
    ]);
    expect(added?.migration?.from).toBe(3);
    expect(added?.migration?.deadline).toBe('2027-03-31');
    expect(project(added?.migration?.changes ?? [])).toEqual([
      { area: 'input', rule: 'required-added', severity: 'breaking', path: '/required' },
      { area: 'auth', rule: 'auth-role-added', severity: 'breaking', path: '/auth/roles/crm-admin' },
    ]);
  });

  it('a first major has nothing to migrate from', async () => {
    const added = (await diffTrees(tree(), tree({ endpoints: sync({ 1: {} }) }))).versions[0];
    expect(added?.kind).toBe('added');
    expect(added?.migration).toBeUndefined();
  });

  it('the same contract under a new major meets no change', async () => {
    const head = tree({ endpoints: sync({ 3: { input: INPUT }, 4: { input: INPUT } }) });
    const added = (await diffTrees(tree({ endpoints: sync({ 3: { input: INPUT } }) }), head)).versions[1];
    expect(added?.migration).toEqual({ from: 3, changes: [] });
  });
});
