import { describe, expect, it } from 'vitest';
import { loadContractSet, mergePolicy } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import { DEFAULT_POLICY, type ContractSet } from '../../src/model/types.js';
import { TREES, treeDir } from './helpers.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

const load = (dir: string, maxBytes?: number): Promise<ContractSet> =>
  loadContractSet(
    new FsSource(dir),
    maxBytes === undefined ? { root: 'contracts' } : { root: 'contracts', maxBytes },
  );

const loadBasic = (): Promise<ContractSet> => load(path.join(TREES, 'basic'));

/** Property access on a resolved (untyped) schema graph. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) current = (current as Record<string | number, unknown>)[key];
  return current;
}

const V1 = 'contracts/sync-customers/v1';

describe('loadContractSet on a valid tree', () => {
  it('finds no problems', async () => {
    expect((await loadBasic()).problems).toEqual([]);
  });

  it('loads the endpoint and its versions by major', async () => {
    const set = await loadBasic();
    const endpoint = set.endpoints.get('sync-customers');
    expect(endpoint?.file).toBe('contracts/sync-customers/endpoint.yaml');
    expect(endpoint?.endpoint.aliases).toEqual({ prod: 1, staging: 2, latest: 2 });
    expect([...(endpoint?.versions.keys() ?? [])]).toEqual([1, 2]);
    expect(endpoint?.versions.get(1)).toMatchObject({
      endpoint: 'sync-customers',
      major: 1,
      file: `${V1}/contract.yaml`,
      contract: { version: '1.3.0', status: 'deprecated' },
    });
  });

  it('does not take a folder of shared schemas for an endpoint', async () => {
    expect([...(await loadBasic()).endpoints.keys()]).toEqual(['sync-customers']);
  });

  it('loads the consumers', async () => {
    const set = await loadBasic();
    expect(set.consumers).toHaveLength(1);
    expect(set.consumers[0]).toMatchObject({
      file: 'contracts/consumers/retool-ops-dashboard.yaml',
      consumer: { name: 'retool-ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 1 }] },
    });
  });

  it('keeps rule overrides where no rule id reads as a built-in (`constructor`)', () => {
    const policy = mergePolicy({ rules: { 'enum-value-added': { output: 'dangerous' } } });
    expect(policy.rules['constructor']).toBeUndefined();
    expect(policy.rules['enum-value-added']).toEqual({ output: 'dangerous' });
  });

  it('merges contractguard.yaml over the default policy', async () => {
    const set = await loadBasic();
    expect(set.policyFile).toBe('contracts/contractguard.yaml');
    expect(set.policy).toEqual({
      ...DEFAULT_POLICY,
      failOn: 'dangerous',
      deprecationWindowDays: 60,
      approvers: ['@acme/api-owners'],
      rules: { 'enum-value-added': { output: 'dangerous' } },
    });
  });

  it('applies the default policy when there is no contractguard.yaml', async () => {
    const set = await load(treeDir('basic', { 'contracts/contractguard.yaml': null }));
    expect(set.policy).toEqual(DEFAULT_POLICY);
    expect(set.policyFile).toBeUndefined();
  });

  it('resolves $refs across files, including a shared schema and its $defs', async () => {
    const output = (await loadBasic()).endpoints.get('sync-customers')?.versions.get(1)?.output;
    expect(output?.file).toBe('sync-customers/v1/output.schema.json');
    expect(
      at(output?.root, 'properties', 'customer', 'properties', 'address', 'properties', 'country', 'enum'),
    ).toEqual(['DE', 'FR', 'US']);
  });

  it('gives a nested schema node the line and column of its source', async () => {
    const set = await loadBasic();
    const output = set.endpoints.get('sync-customers')?.versions.get(1)?.output;
    const country = at(
      output?.root,
      'properties',
      'customer',
      'properties',
      'address',
      'properties',
      'country',
    );
    const origin = output?.origins.get(country as object);
    expect(origin).toEqual({
      file: 'shared/customer.schema.json',
      pointer: '/$defs/address/properties/country',
    });
    expect(set.position(origin?.file ?? '', origin?.pointer ?? '')).toEqual({
      file: 'contracts/shared/customer.schema.json',
      line: 15,
      column: 9,
    });
  });

  it('accepts file paths relative to the repository root in position()', async () => {
    const set = await loadBasic();
    expect(set.position('contracts/shared/customer.schema.json', '/$defs/address')).toEqual({
      file: 'contracts/shared/customer.schema.json',
      line: 11,
      column: 5,
    });
  });

  it('places a pointer that does not exist at its nearest ancestor', async () => {
    const set = await loadBasic();
    expect(set.position('shared/customer.schema.json', '/properties/id/maxLength')).toEqual(
      set.position('shared/customer.schema.json', '/properties/id'),
    );
  });

  it('gives the nodes of an inline schema pointers inside contract.yaml', async () => {
    const set = await loadBasic();
    const input = set.endpoints.get('sync-customers')?.versions.get(2)?.input;
    const items = at(input?.root, 'properties', 'customerIds', 'items') as object;
    const origin = input?.origins.get(items);
    expect(origin).toEqual({
      file: 'sync-customers/v2/contract.yaml',
      pointer: '/input/properties/customerIds/items',
    });
    expect(set.position(origin?.file ?? '', origin?.pointer ?? '')).toEqual({
      file: 'contracts/sync-customers/v2/contract.yaml',
      line: 12,
      column: 7,
    });
  });
});

describe('loadContractSet problems', () => {
  it('reports a $ref that leaves the contract root, at its line', async () => {
    const dir = treeDir('basic', {
      [`${V1}/input.schema.json`]:
        '{\n  "type": "object",\n  "properties": { "a": { "$ref": "../../../../secret.json" } }\n}\n',
      'secret.json': '{}',
    });
    const set = await load(dir);
    expect(set.problems).toEqual([
      {
        file: `${V1}/input.schema.json`,
        line: 3,
        column: 34,
        message: "$ref '../../../../secret.json' leaves the contract root contracts (at /properties/a/$ref)",
      },
    ]);
    expect(set.endpoints.get('sync-customers')?.versions.has(1)).toBe(false);
    expect(set.endpoints.get('sync-customers')?.versions.has(2)).toBe(true);
  });

  it('refuses a URL $ref in contract.yaml, at its line', async () => {
    const dir = treeDir('basic', {
      [`${V1}/contract.yaml`]: (await import('node:fs'))
        .readFileSync(path.join(TREES, 'basic', V1, 'contract.yaml'), 'utf8')
        .replace('{ $ref: ./input.schema.json }', '{ $ref: "https://example.com/input.json" }'),
    });
    const [problem] = (await load(dir)).problems;
    expect(problem).toEqual({
      file: `${V1}/contract.yaml`,
      line: 7,
      column: 16,
      field: 'input.$ref',
      message:
        "`input`: refusing to fetch remote $ref 'https://example.com/input.json'; contractguard never fetches, vendor the schema into the contract root",
    });
  });

  it('reports a $ref to a file that does not exist', async () => {
    const dir = treeDir('basic', { [`${V1}/input.schema.json`]: null });
    const [problem] = (await load(dir)).problems;
    expect(problem).toMatchObject({ file: `${V1}/contract.yaml`, line: 7, field: 'input.$ref' });
    expect(problem?.message).toBe(
      "`input`: cannot read $ref './input.schema.json': no such file in the contract tree (`contracts/sync-customers/v1/input.schema.json`)",
    );
  });

  it('reports a bad keyword of an inline schema at its line in contract.yaml', async () => {
    const fs = await import('node:fs');
    const file = 'contracts/sync-customers/v2/contract.yaml';
    const text = fs
      .readFileSync(path.join(TREES, 'basic', file), 'utf8')
      .replace('items: { type: string }', 'items: { type: strin }');
    const [problem] = (await load(treeDir('basic', { [file]: text }))).problems;
    expect(problem).toMatchObject({
      file,
      line: 12,
      column: 22,
      field: 'input.properties.customerIds.items.type',
    });
    expect(problem?.message).toMatch(/^`input`: /);
  });

  it('reports a deprecation replacement that is not a major of the endpoint', async () => {
    const fs = await import('node:fs');
    const file = `${V1}/contract.yaml`;
    const text = fs
      .readFileSync(path.join(TREES, 'basic', file), 'utf8')
      .replace('replacement: 2', 'replacement: 5');
    expect((await load(treeDir('basic', { [file]: text }))).problems).toEqual([
      {
        file,
        line: 6,
        column: 47,
        field: 'deprecation.replacement',
        message: '`deprecation.replacement` is 5, but `sync-customers` has no v5/ (majors: 1, 2)',
      },
    ]);
  });

  it('reports a schema file that is not valid JSON, at its line and column', async () => {
    const dir = treeDir('basic', {
      [`${V1}/input.schema.json`]: '{\n  "type": "object",\n  "required": [,]\n}\n',
    });
    const [problem] = (await load(dir)).problems;
    expect(problem).toMatchObject({ file: `${V1}/input.schema.json`, line: 3, column: 16 });
    expect(problem?.message).toMatch(/^invalid JSON: /);
  });

  it('reports a binary file', async () => {
    const dir = treeDir('basic', { [`${V1}/input.schema.json`]: Buffer.from([0x7b, 0x00, 0x7d]) });
    expect((await load(dir)).problems).toEqual([
      {
        file: `${V1}/input.schema.json`,
        message: 'binary file (it holds NUL bytes); contract files are UTF-8 text',
      },
    ]);
  });

  it('reports a file that is not valid UTF-8 as binary', async () => {
    const dir = treeDir('basic', {
      'contracts/consumers/retool-ops-dashboard.yaml': Buffer.from([0x6e, 0xff, 0xfe]),
    });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/consumers/retool-ops-dashboard.yaml',
        message: 'binary file (not valid UTF-8); contract files are UTF-8 text',
      },
    ]);
  });

  it('reports a file over the size limit without failing the load', async () => {
    const dir = treeDir('basic', { [`${V1}/input.schema.json`]: `{"description": "${'x'.repeat(4096)}"}` });
    const set = await load(dir, 2048);
    expect(set.problems).toEqual([
      { file: `${V1}/input.schema.json`, message: 'file is 4.0 KiB; the limit is 2 KiB (maxBytes)' },
    ]);
    expect(set.endpoints.get('sync-customers')?.versions.has(2)).toBe(true);
  });

  it('ignores a binary file nothing refers to', async () => {
    const dir = treeDir('basic', { 'contracts/docs/diagram.png': Buffer.from([0x89, 0x50, 0x00, 0x01]) });
    expect((await load(dir)).problems).toEqual([]);
  });

  it('reports version folders without endpoint.yaml', async () => {
    const dir = treeDir('basic', { 'contracts/sync-customers/endpoint.yaml': null });
    const set = await load(dir);
    expect(set.problems).toEqual([
      {
        file: `${V1}/contract.yaml`,
        message:
          '`contracts/sync-customers/` has version folders but no endpoint.yaml: add `contracts/sync-customers/endpoint.yaml` (name, owner, route)',
      },
    ]);
    expect(set.endpoints.size).toBe(0);
  });

  it('reports a version folder without contract.yaml', async () => {
    const dir = treeDir('basic', { 'contracts/sync-customers/v3/input.schema.json': '{}' });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/sync-customers/v3/input.schema.json',
        message:
          'version folder `contracts/sync-customers/v3/` has no contract.yaml: add one, or remove the folder',
      },
    ]);
  });

  it('reports a contract.yaml in a folder that is not v<major>', async () => {
    const dir = treeDir('basic', { 'contracts/sync-customers/V3/contract.yaml': 'x: 1\n' });
    expect((await load(dir)).problems[0]).toMatchObject({
      file: 'contracts/sync-customers/V3/contract.yaml',
      message: '`V3/` is not a version folder: a major version lives in a folder named v<major> (v1, v2, …)',
    });
  });

  it('reports an alias pointing at a major that does not exist', async () => {
    const dir = treeDir('basic', {
      'contracts/sync-customers/endpoint.yaml': (await import('node:fs'))
        .readFileSync(path.join(TREES, 'basic/contracts/sync-customers/endpoint.yaml'), 'utf8')
        .replace('staging: 2', 'staging: 3'),
    });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/sync-customers/endpoint.yaml',
        line: 6,
        column: 30,
        field: 'aliases.staging',
        message: 'alias `staging` points at v3, which does not exist (majors: 1, 2)',
      },
    ]);
  });

  it('reports an alias pointing at a retired version', async () => {
    const fs = await import('node:fs');
    const contract = fs.readFileSync(path.join(TREES, 'basic', V1, 'contract.yaml'), 'utf8');
    const dir = treeDir('basic', {
      [`${V1}/contract.yaml`]: contract.replace('status: deprecated', 'status: retired'),
    });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/sync-customers/endpoint.yaml',
        line: 6,
        column: 18,
        field: 'aliases.prod',
        message: 'alias `prod` points at v1, which is retired: point it at an active major',
      },
    ]);
  });

  it('reports a consumer using an endpoint that does not exist', async () => {
    const fs = await import('node:fs');
    const file = 'contracts/consumers/retool-ops-dashboard.yaml';
    const text = fs
      .readFileSync(path.join(TREES, 'basic', file), 'utf8')
      .replace('endpoint: sync-customers', 'endpoint: sync-customer');
    expect((await load(treeDir('basic', { [file]: text }))).problems).toEqual([
      {
        file,
        line: 6,
        column: 15,
        field: 'uses[0].endpoint',
        message:
          'consumer uses endpoint `sync-customer`, which does not exist under `contracts/`; did you mean `sync-customers`?',
      },
    ]);
  });

  it('reports a consumer using a major that does not exist', async () => {
    const fs = await import('node:fs');
    const file = 'contracts/consumers/retool-ops-dashboard.yaml';
    const text = fs.readFileSync(path.join(TREES, 'basic', file), 'utf8').replace('version: 1', 'version: 7');
    expect((await load(treeDir('basic', { [file]: text }))).problems).toEqual([
      {
        file,
        line: 7,
        column: 14,
        field: 'uses[0].version',
        message: 'consumer uses v7 of `sync-customers`, which has no such major (majors: 1, 2)',
      },
    ]);
  });

  it('reports a fixture file that does not exist', async () => {
    const dir = treeDir('basic', { 'contracts/consumers/fixtures/retool/request-basic.json': null });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/consumers/retool-ops-dashboard.yaml',
        line: 10,
        column: 18,
        field: 'uses[0].fixtures[0].request',
        message:
          'fixture "./fixtures/retool/request-basic.json" does not exist (`contracts/consumers/fixtures/retool/request-basic.json`)',
      },
    ]);
  });

  it('keeps loading the rest of the tree when one contract is invalid', async () => {
    const dir = treeDir('basic', { [`${V1}/contract.yaml`]: 'endpoint: sync-customers\n' });
    const set = await load(dir);
    expect(set.problems.length).toBeGreaterThan(0);
    expect(set.problems.every((p) => p.file === `${V1}/contract.yaml`)).toBe(true);
    expect([...(set.endpoints.get('sync-customers')?.versions.keys() ?? [])]).toEqual([2]);
    expect(set.consumers).toHaveLength(1);
  });

  it('asks for .yaml when a file is named .yml', async () => {
    const dir = treeDir('basic', { 'contracts/consumers/other.yml': 'name: other\n' });
    expect((await load(dir)).problems).toEqual([
      {
        file: 'contracts/consumers/other.yml',
        message: 'contractguard reads `contracts/consumers/other.yaml`: rename this file (.yml is not read)',
      },
    ]);
  });
});

describe('loadContractSet: unreadable endpoints and majors (issue 12 item 2)', () => {
  it('a valid tree has nothing unreadable', async () => {
    expect((await loadBasic()).unreadable).toEqual([]);
  });

  it('marks a major whose contract.yaml does not validate, with the problems that say why', async () => {
    const dir = treeDir('basic', { [`${V1}/contract.yaml`]: 'endpoint: sync-customers\n' });
    const set = await load(dir);
    expect(set.unreadable?.map((u) => [u.endpoint, u.major])).toEqual([['sync-customers', 1]]);
    expect(set.unreadable?.[0]?.problems).toEqual(
      set.problems.filter((p) => p.file === `${V1}/contract.yaml`),
    );
  });

  it('marks a major whose contract.yaml is not YAML at all', async () => {
    const dir = treeDir('basic', { [`${V1}/contract.yaml`]: 'endpoint: [sync-customers\n' });
    const set = await load(dir);
    expect(set.unreadable).toMatchObject([{ endpoint: 'sync-customers', major: 1 }]);
    expect(set.unreadable?.[0]?.problems[0]?.message).toMatch(/^invalid YAML: this `\[` is never closed/);
  });

  it('marks a major whose schema lives in a shared file that does not parse: the problem is in that file', async () => {
    const dir = treeDir('basic', { 'contracts/shared/customer.schema.json': '{ "type": "object", }' });
    const set = await load(dir);
    expect(set.unreadable?.map((u) => u.major)).toEqual([1, 2]);
    for (const part of set.unreadable ?? []) {
      expect(part.problems).toMatchObject([
        { file: 'contracts/shared/customer.schema.json', line: 1, column: 19 },
      ]);
    }
  });

  it('marks a major whose contract.yaml is unusable (binary)', async () => {
    const dir = treeDir('basic', { [`${V1}/contract.yaml`]: Buffer.from([0x65, 0, 0x66]) });
    const set = await load(dir);
    expect(set.unreadable).toMatchObject([
      { endpoint: 'sync-customers', major: 1, problems: [{ file: `${V1}/contract.yaml` }] },
    ]);
  });

  it('marks a version folder without contract.yaml', async () => {
    const dir = treeDir('basic', { [`${V1}/contract.yaml`]: null });
    const set = await load(dir);
    expect(set.unreadable).toMatchObject([{ endpoint: 'sync-customers', major: 1 }]);
  });

  it('marks the endpoint when its endpoint.yaml does not validate: then none of its majors is read', async () => {
    const dir = treeDir('basic', {
      'contracts/sync-customers/endpoint.yaml': 'name: sync-customers\nroute: /x/v{major}\n',
    });
    const set = await load(dir);
    expect(set.unreadable).toMatchObject([{ endpoint: 'sync-customers' }]);
    expect(set.unreadable?.[0]?.major).toBeUndefined();
    expect(set.endpoints.has('sync-customers')).toBe(false);
  });

  it('marks the endpoint when endpoint.yaml is missing', async () => {
    const dir = treeDir('basic', { 'contracts/sync-customers/endpoint.yaml': null });
    const set = await load(dir);
    expect(set.unreadable).toMatchObject([{ endpoint: 'sync-customers' }]);
    expect(set.unreadable?.[0]?.problems[0]?.message).toMatch(/has version folders but no endpoint\.yaml/);
  });

  it('a contract that loads with a problem beyond its schema (an unreal date) is not unreadable', async () => {
    const contract = fs.readFileSync(path.join(TREES, 'basic', V1, 'contract.yaml'), 'utf8');
    const dir = treeDir('basic', {
      [`${V1}/contract.yaml`]: contract.replace(/date: \S+?([,}])/, 'date: 2099-02-30$1'),
    });
    const set = await load(dir);
    expect(set.problems.some((p) => /February 2099 has 28 days/.test(p.message))).toBe(true);
    expect(set.unreadable).toEqual([]);
  });
});

describe('loadContractSet: spelling', () => {
  it('a $ref to a missing file names the file next to it that it probably meant', async () => {
    const contract = fs.readFileSync(path.join(TREES, 'basic', V1, 'contract.yaml'), 'utf8');
    const dir = treeDir('basic', {
      [`${V1}/contract.yaml`]: contract.replace('./output.schema.json', './outptu.schema.json'),
    });
    const problem = (await load(dir)).problems.find((p) => p.file === `${V1}/contract.yaml`);
    expect(problem?.message).toMatch(
      /no such file in the contract tree .*; did you mean `output\.schema\.json`\?/,
    );
  });

  it('a misspelt schema keyword is a problem at the keyword, with the keyword it meant', async () => {
    const schema = {
      type: 'object',
      properties: { id: { type: 'string', maxLenght: 20 } },
    };
    const dir = treeDir('basic', { [`${V1}/input.schema.json`]: JSON.stringify(schema, null, 2) });
    const set = await load(dir);
    expect(set.problems).toEqual([
      {
        file: `${V1}/input.schema.json`,
        line: 6,
        column: 20,
        message:
          '`maxLenght` is not a JSON Schema keyword; did you mean `maxLength`? Validators ignore unknown keywords, so as written it constrains nothing (name an annotation of your own `x-maxLenght`)',
      },
    ]);
    // Only reported: the major still loads and is compared.
    expect(set.endpoints.get('sync-customers')?.versions.has(1)).toBe(true);
  });

  it('a misspelt keyword in a schema written inline in contract.yaml is found at its line there', async () => {
    const file = 'contracts/sync-customers/v2/contract.yaml';
    const contract = fs.readFileSync(path.join(TREES, 'basic', file), 'utf8');
    const dir = treeDir('basic', {
      [file]: contract.replace('dryRun: { type: boolean }', 'dryRun: { type: boolean, defualt: false }'),
    });
    const problems = (await load(dir)).problems;
    const line = contract.split('\n').findIndex((l) => l.includes('dryRun:')) + 1;
    expect(problems).toMatchObject([
      {
        file,
        line,
        message: expect.stringMatching(/^`defualt` is not a JSON Schema keyword; did you mean `default`\?/),
      },
    ]);
  });
});
