/** src/scaffold/add-endpoint.ts: a new endpoint folder in a contract tree. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import { addEndpoint, defaultRoute, PLACEHOLDER_OWNER } from '../../src/scaffold/add-endpoint.js';
import { initTree, ScaffoldError } from '../../src/scaffold/init.js';
import { languageServerSchema, readYaml, treeFileProblems, walk } from './helpers.js';

let repo: string;

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-add-endpoint-'));
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

async function refusal(run: () => Promise<unknown>): Promise<string> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScaffoldError);
  return (err as ScaffoldError).message;
}

describe('addEndpoint', () => {
  it('writes endpoint.yaml and a v1 with its contract and schemas, and returns them', async () => {
    const result = await addEndpoint(repo, 'billing-sync', { owner: '@acme/billing' });
    expect(result).toEqual({
      created: [
        'contracts/billing-sync/endpoint.yaml',
        'contracts/billing-sync/v1/contract.yaml',
        'contracts/billing-sync/v1/input.schema.json',
        'contracts/billing-sync/v1/output.schema.json',
      ],
      placeholderOwner: false,
    });
    expect(walk(repo)).toEqual(result.created);
  });

  it('writes a tree that loads without a problem, owner and route as given or by convention', async () => {
    await addEndpoint(repo, 'billing-sync', { owner: '@acme/billing' });
    const set = await loadContractSet(new FsSource(repo), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    expect(treeFileProblems(path.join(repo, 'contracts'))).toEqual([]);
    const endpoint = set.endpoints.get('billing-sync');
    expect(endpoint?.endpoint).toMatchObject({
      owner: '@acme/billing',
      route: '/internal/billingSync/v{major}',
      aliases: { prod: 1, latest: 1 },
    });
    expect(endpoint?.versions.get(1)?.contract).toMatchObject({ version: '1.0.0', owner: '@acme/billing' });
  });

  it('without --owner, writes a placeholder that approves nothing, and says so', async () => {
    const result = await addEndpoint(repo, 'billing-sync');
    expect(result.placeholderOwner).toBe(true);
    expect(readYaml(path.join(repo, 'contracts/billing-sync/endpoint.yaml')).owner).toBe(PLACEHOLDER_OWNER);
  });

  it('joins an existing tree, which stays valid', async () => {
    await initTree(repo);
    await addEndpoint(repo, 'billing-sync', { owner: '@acme/billing' });
    const set = await loadContractSet(new FsSource(repo), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    expect([...set.endpoints.keys()]).toEqual(['billing-sync', 'hello-webhook']);
  });

  it('uses the `$schema` lines the tree’s endpoints already have', async () => {
    fs.mkdirSync(path.join(repo, 'contracts/other/v1'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, 'contracts/other/endpoint.yaml'),
      '# yaml-language-server: $schema=../../tools/endpoint.schema.json\nname: other\n',
    );
    fs.writeFileSync(
      path.join(repo, 'contracts/other/v1/contract.yaml'),
      '# yaml-language-server: $schema=../../../tools/contract.schema.json\n',
    );
    await addEndpoint(repo, 'billing-sync');
    expect(languageServerSchema(path.join(repo, 'contracts/billing-sync/endpoint.yaml'))).toBe(
      path.join(repo, 'tools/endpoint.schema.json'),
    );
    expect(languageServerSchema(path.join(repo, 'contracts/billing-sync/v1/contract.yaml'))).toBe(
      path.join(repo, 'tools/contract.schema.json'),
    );
  });

  it('writes no `$schema` line when no schemas are to be found', async () => {
    await addEndpoint(repo, 'billing-sync');
    expect(languageServerSchema(path.join(repo, 'contracts/billing-sync/endpoint.yaml'))).toBeUndefined();
  });

  it('refuses an endpoint that exists, and points at new-version', async () => {
    await addEndpoint(repo, 'billing-sync');
    expect(await refusal(() => addEndpoint(repo, 'billing-sync'))).toBe(
      'contracts/billing-sync already exists; nothing was written (a new major of it: `contractguard new-version billing-sync`)',
    );
  });

  it('refuses a name that is not kebab-case, and the consumers folder', async () => {
    expect(await refusal(() => addEndpoint(repo, 'Billing_Sync'))).toMatch(
      /^endpoint name "Billing_Sync" must be lowercase words joined by hyphens/,
    );
    expect(await refusal(() => addEndpoint(repo, 'consumers'))).toMatch(/^`consumers` is the folder/);
    expect(fs.readdirSync(repo)).toEqual([]);
  });

  it('refuses an owner or a route the contract would reject', async () => {
    expect(await refusal(() => addEndpoint(repo, 'a', { owner: 'acme' }))).toMatch(/^--owner must be/);
    expect(await refusal(() => addEndpoint(repo, 'a', { route: '/internal/a' }))).toMatch(
      /^--route must start with \/ and hold \{major\}/,
    );
  });

  it('derives the route from the name', () => {
    expect(defaultRoute('sync-customers')).toBe('/internal/syncCustomers/v{major}');
    expect(defaultRoute('a')).toBe('/internal/a/v{major}');
  });
});
