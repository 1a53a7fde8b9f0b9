/**
 * `contractguard diff` end to end: real git repositories, each PR outcome of the versioning policy, and the
 * bad inputs a contract tree can hold. Exit codes: 0 pass, 1 policy failed, 2 bad input.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { baseTree, cli, Repo } from './helpers.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

function start(): Repo {
  repo = new Repo();
  repo.write(baseTree()).commit('base');
  repo.git('checkout', '-qb', 'pr');
  return repo;
}

const V2 = 'contracts/sync-customers/v2';
const requireTenant = (dir: string) => ({
  [`${dir}/input.schema.json`]: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['customerId', 'tenantId'],
    properties: {
      customerId: { type: 'string' },
      tenantId: { type: 'string' },
      dryRun: { type: 'boolean', default: false },
    },
  },
});
const diff = (...extra: string[]) => cli(['diff', '--base', 'main', '--head', 'pr', ...extra], repo.dir);

describe('contractguard diff: policy outcomes', () => {
  it('passes an additive change with a minor bump', async () => {
    start().write({
      [`${V2}/output.schema.json`]: {
        ...(baseTree()[`${V2}/output.schema.json`] as object),
        properties: {
          id: { type: 'string' },
          status: { $ref: '#/$defs/Status' },
          email: { type: 'string', format: 'email' },
          segment: { type: 'string' },
        },
      },
      [`${V2}/contract.yaml`]: (baseTree()[`${V2}/contract.yaml`] as string).replace(
        'version: 2.1.0',
        'version: 2.2.0',
      ),
    });
    repo.commit('additive');
    const r = await diff();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/additive/i);
    expect(r.stdout).toMatch(/segment/);
  });

  it('fails an additive change without a minor bump and names the version to use', async () => {
    start().write({
      [`${V2}/output.schema.json`]: {
        ...(baseTree()[`${V2}/output.schema.json`] as object),
        properties: {
          id: { type: 'string' },
          status: { $ref: '#/$defs/Status' },
          email: { type: 'string', format: 'email' },
          segment: { type: 'string' },
        },
      },
    });
    repo.commit('additive, no bump');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2\.2\.0/);
  });

  it('fails a breaking change inside an existing major and says to add a new one', async () => {
    start().write(requireTenant(V2)).commit('breaking in v2');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/v2/);
    expect(r.stdout).toMatch(/tenantId/);
    expect(r.stdout).toMatch(/new-version sync-customers|add v3/);
    expect(r.stdout).toMatch(/contracts\/sync-customers\/v2\/input\.schema\.json:\d+/);
  });

  it('passes the same change as a new major', async () => {
    start();
    const out = await cli(['new-version', 'sync-customers'], repo.dir);
    expect(out.code).toBe(0);
    repo.write(requireTenant('contracts/sync-customers/v3')).commit('v3');
    const r = await diff();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('reads an uncommitted working tree when --head is not given', async () => {
    start().write(requireTenant(V2));
    const r = await cli(['diff', '--base', 'main'], repo.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/tenantId/);
  });

  it('passes quickly and says so when nothing in the contracts changed', async () => {
    start().write({ 'README.md': 'unrelated\n' }).commit('docs');
    const r = await diff();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no (contract )?changes|no breaking/i);
  });

  it('counts an approval of every change', async () => {
    start()
      .write({
        ...requireTenant(V2),
        [`${V2}/contract.yaml`]: (baseTree()[`${V2}/contract.yaml`] as string).replace(
          'version: 2.1.0',
          'version: 2.2.0',
        ),
      })
      .commit('approved break in v2, with a bump');
    const r = await diff('--approve', 'all=@acme-lead');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/@acme-lead/);
  });

  it('fails when an alias points at a major that does not exist', async () => {
    start().write({
      'contracts/sync-customers/endpoint.yaml':
        'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\naliases: { prod: 7 }\n',
    });
    repo.commit('bad alias');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/prod/);
  });

  it('fails when a major that consumers still use is removed, naming them', async () => {
    start().remove(V2).write({
      'contracts/sync-customers/endpoint.yaml':
        'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\naliases: { prod: 1 }\n',
    });
    repo.commit('remove v2');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ops-dashboard/);
  });

  it("fails when head no longer accepts a consumer's recorded response, naming the consumer", async () => {
    start().write({
      'contracts/consumers/ops-dashboard.yaml':
        'name: ops-dashboard\nowner: "@acme/ops"\nkind: dashboard\nuses:\n  - endpoint: sync-customers\n' +
        '    version: 2\n    fixtures:\n      - response: ./fixtures/ops/response.json\n',
      'contracts/consumers/fixtures/ops/response.json': { id: 'c-1', status: 'frozen' },
    });
    repo.commit('a fixture the output does not admit');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ops-dashboard/);
    expect(r.stdout).toMatch(/consumer-contract-broken/);
    expect(r.stdout).toMatch(/response\.json:\d+/);
  });

  it('prints JSON and SARIF that parse', async () => {
    start().write(requireTenant(V2)).commit('breaking in v2');
    const json = JSON.parse((await diff('--format', 'json')).stdout) as { passed: boolean; verdict: string };
    expect(json.passed).toBe(false);
    expect(json.verdict).toBe('breaking');
    const sarif = JSON.parse((await diff('--format', 'sarif')).stdout) as {
      version: string;
      runs: unknown[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
  });
});

describe('contractguard diff: bad contract files fail the check with file and line', () => {
  const contract = `${V2}/contract.yaml`;
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'malformed YAML',
      { [contract]: 'endpoint: sync-customers\nversion: [2.1.0\nowner: x\n' },
      /contract\.yaml:\d+/,
    ],
    ['duplicate keys', { [contract]: 'endpoint: sync-customers\nendpoint: again\n' }, /contract\.yaml:2/],
    ['a YAML alias bomb', { [contract]: 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n' }, /alias/i],
    [
      'a $ref leaving the contract root',
      { [`${V2}/input.schema.json`]: { $ref: '../../../../etc/passwd' } },
      /input\.schema\.json.*leaves the contract root/,
    ],
    [
      'a $ref to a URL',
      { [`${V2}/input.schema.json`]: { $ref: 'https://example.com/schema.json' } },
      /input\.schema\.json.*refusing to fetch/,
    ],
    [
      'a binary file',
      { [`${V2}/output.schema.json`]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) },
      /binary/i,
    ],
    [
      'a file over the size limit',
      { [`${V2}/output.schema.json`]: `{"description":"${'x'.repeat(6 * 1024 * 1024)}"}` },
      /limit/i,
    ],
  ];
  for (const [name, files, message] of cases) {
    it(`${name}`, async () => {
      start().write(files).commit(name);
      const r = await diff();
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(message);
    });
  }
});

describe('contractguard diff: bad usage exits 2 with one line', () => {
  it('a base ref that does not exist', async () => {
    start();
    const r = await cli(['diff', '--base', 'nope'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope/);
  });

  it('a directory that is not a git repository', async () => {
    repo = new Repo();
    repo.remove('.git');
    const r = await cli(['diff', '--base', 'main'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing --base', async () => {
    start();
    const r = await cli(['diff'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--base is required/);
  });
});
