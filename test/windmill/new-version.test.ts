/** `new-version` of a Windmill-backed endpoint (src/scaffold/from-windmill.ts `windmillNextMajor`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

import { newVersion } from '../../src/scaffold/new-version.js';
import { example, exampleEditing, text } from './helpers.js';

const run = (dir: string) =>
  newVersion(dir, { root: 'contracts', endpoint: 'sync-customers', now: new Date('2027-01-01T00:00:00Z') });

describe('new-version of a Windmill-backed endpoint', () => {
  it('copies the script’s metadata and code to the _v2 path, not its triggers and schedules', async () => {
    const dir = example({ 'f/crm/sync_customers.script.lock': 'requests==2.32.3\n' });
    const result = await run(dir);
    expect(result.created).toEqual([
      'contracts/sync-customers/v2/contract.yaml',
      'f/crm/sync_customers_v2.py',
      'f/crm/sync_customers_v2.script.lock',
      'f/crm/sync_customers_v2.script.yaml',
    ]);
    const v2 = text(dir, 'contracts/sync-customers/v2/contract.yaml');
    expect(v2).toContain('input: { windmill: f/crm/sync_customers_v2 }');
    expect(v2).toContain('`schema` in\n# f/crm/sync_customers_v2.script.yaml');
    expect(text(dir, 'f/crm/sync_customers_v2.script.yaml')).toBe(
      text(dir, 'f/crm/sync_customers.script.yaml'),
    );
    expect(result.message).toContain('callers by path (/p/f/crm/sync_customers) stay on v1');
    expect(result.edited).toEqual(['contracts/sync-customers/v1/contract.yaml']);
  });

  it('refuses when the next script exists, writing nothing', async () => {
    const dir = example({ 'f/crm/sync_customers_v2.script.yaml': 'schema: { type: object }\n' });
    await expect(run(dir)).rejects.toThrow(
      'f/crm/sync_customers_v2.script.yaml already exists: v2 would read it; remove or rename it first',
    );
    expect(fs.existsSync(path.join(dir, 'contracts/sync-customers/v2'))).toBe(false);
  });

  it('refuses a script path that leaves the workspace', async () => {
    const dir = exampleEditing(
      'contracts/sync-customers/v1/contract.yaml',
      'f/crm/sync_customers }',
      'f/../../etc/x }',
    );
    await expect(run(dir)).rejects.toThrow('is not a Windmill script path');
  });
});
