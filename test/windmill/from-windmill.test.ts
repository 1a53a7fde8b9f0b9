/** `init --from-windmill` scaffolding (src/scaffold/from-windmill.ts), on a temporary folder. */
import { describe, expect, it } from 'vitest';

import { initFromWindmill } from '../../src/scaffold/from-windmill.js';
import { ScaffoldError } from '../../src/scaffold/fs.js';
import { tempDir, writeFiles } from '../load/helpers.js';
import { text } from './helpers.js';

const META = 'schema:\n  type: object\n  properties: { id: { type: string } }\n';

describe('initFromWindmill', () => {
  it('writes one endpoint per script, named in kebab-case after the script file', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'f/crm/sync_customers.script.yaml': META,
      'f/crm/sync_customers.py': 'def main(id: str): pass\n',
      'f/billing/ExportInvoices.script.yaml': META,
    });
    const result = await initFromWindmill(dir, { workspace: '.', owner: '@acme/crm-team' });
    expect(result.endpoints).toEqual([
      { name: 'export-invoices', script: 'f/billing/ExportInvoices' },
      { name: 'sync-customers', script: 'f/crm/sync_customers' },
    ]);
    expect(result.created).toEqual([
      'contracts/export-invoices/endpoint.yaml',
      'contracts/export-invoices/v1/contract.yaml',
      'contracts/sync-customers/endpoint.yaml',
      'contracts/sync-customers/v1/contract.yaml',
    ]);
    const contract = text(dir, 'contracts/sync-customers/v1/contract.yaml');
    expect(contract).toContain('input: { windmill: f/crm/sync_customers }');
    expect(contract).toContain('version: 1.0.0');
    expect(result.placeholderOwner).toBe(false);
  });

  it('two scripts of the same name get their folders in the endpoint name', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'f/crm/sync.script.yaml': META, 'f/billing/sync.script.yaml': META });
    const result = await initFromWindmill(dir, { workspace: '.' });
    expect(result.endpoints.map((e) => e.name)).toEqual(['billing-sync', 'crm-sync']);
    expect(result.placeholderOwner).toBe(true);
  });

  it('skips a script without a schema, and an endpoint folder that exists', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'f/a/one.script.yaml': 'summary: no schema\n',
      'f/a/two.script.yaml': META,
      'contracts/two/endpoint.yaml': 'name: two\n',
    });
    const result = await initFromWindmill(dir, { workspace: '.' });
    expect(result.created).toEqual([]);
    expect(result.skipped).toEqual([
      {
        script: 'f/a/one',
        reason: 'f/a/one.script.yaml has no `schema` (run `wmill script generate-metadata`)',
      },
      { script: 'f/a/two', reason: 'contracts/two already exists' },
    ]);
  });

  it('refuses a folder without scripts, and a root outside the workspace folder', async () => {
    const dir = tempDir();
    await expect(initFromWindmill(dir, { workspace: '.' })).rejects.toThrow(
      /no Windmill scripts under \. \(no \*\.script\.yaml\)/,
    );
    writeFiles(dir, { 'windmill/f/a/b.script.yaml': META });
    await expect(initFromWindmill(dir, { workspace: 'windmill', root: 'contracts' })).rejects.toThrow(
      ScaffoldError,
    );
    const result = await initFromWindmill(dir, { workspace: 'windmill' });
    expect(result.root).toBe('windmill/contracts');
  });

  it('refuses an owner that is not a GitHub team or user', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'f/a/b.script.yaml': META });
    await expect(initFromWindmill(dir, { workspace: '.', owner: 'crm team' })).rejects.toThrow(/--owner/);
  });
});
