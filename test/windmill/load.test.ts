/** The loader on a Windmill workspace (examples/windmill): contracts that refer to scripts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import { checkConsumers } from '../../src/consumers/fixtures.js';
import { tempDir } from '../load/helpers.js';
import { EXAMPLE, example, exampleEditing } from './helpers.js';

const load = (dir: string) => loadContractSet(new FsSource(dir), { root: 'contracts' });

describe('loading a Windmill-backed contract', () => {
  it('reads the input schema from the script metadata, positioned there', async () => {
    const set = await load(example());
    expect(set.problems).toEqual([]);
    const v1 = set.endpoints.get('sync-customers')?.versions.get(1);
    expect(v1?.windmill).toEqual({
      script: 'f/crm/sync_customers',
      file: 'f/crm/sync_customers.script.yaml',
    });
    const root = v1?.input.root as Record<string, unknown>;
    expect(Object.keys(root.properties as object)).toEqual(['customer_ids', 'dry_run']);
    expect(root.order).toBeUndefined();
    const origin = v1?.input.origins.get(root);
    expect(origin).toEqual({ file: '../f/crm/sync_customers.script.yaml', pointer: '/schema' });
    expect(set.position('f/crm/sync_customers.script.yaml', '/schema/required')?.line).toBe(21);
  });

  it('maps the script settings and the HTTP trigger onto the contract', async () => {
    const set = await load(example());
    const contract = set.endpoints.get('sync-customers')?.versions.get(1)?.contract;
    expect(contract?.operational).toEqual({
      timeoutMs: 300_000,
      concurrency: { limit: 4, windowSeconds: 60 },
      responseMode: 'sync',
    });
    expect(contract?.auth).toEqual({ scheme: 'api_key' });
    expect(contract?.http).toEqual({ route: 'crm/sync_customers', method: 'post' });
  });

  it('the flow, the schedule and the HTTP trigger calling the script are its consumers', async () => {
    const set = await load(example());
    expect(set.consumers.map((c) => [c.consumer.name, c.consumer.kind, c.file])).toEqual([
      ['HTTP trigger f/crm/sync_customers', 'service', 'f/crm/sync_customers.http_trigger.yaml'],
      ['schedule f/ops/hourly_sync', 'job', 'f/ops/hourly_sync.schedule.yaml'],
      ['flow f/ops/nightly_sync', 'pipeline', 'f/ops/nightly_sync.flow/flow.yaml'],
    ]);
    expect(set.consumers[2]?.requests?.[0]?.unchecked).toEqual(['customer_ids']);
    expect(set.consumers.map((c) => c.direct === true)).toEqual([false, true, true]);
    expect(await checkConsumers(set)).toEqual([]);
  });

  it('a schedule passing arguments the script rejects is a problem at the argument', async () => {
    const dir = exampleEditing('f/ops/hourly_sync.schedule.yaml', 'dry_run: false', 'dry_run: maybe');
    const problems = await checkConsumers(await load(dir));
    expect(problems).toEqual([
      expect.objectContaining({
        consumer: 'schedule f/ops/hourly_sync',
        kind: 'fixture-request',
        file: 'f/ops/hourly_sync.schedule.yaml',
        line: 8,
        message:
          'schedule f/ops/hourly_sync passes arguments that are not valid sync-customers v1 input: `dry_run` must be boolean',
      }),
    ]);
  });

  it('an argument given by an expression is never reported missing', async () => {
    const dir = exampleEditing(
      'f/crm/sync_customers.script.yaml',
      '  required:\n    - customer_ids',
      '  required:\n    - customer_ids\n    - dry_run',
    );
    const problems = await checkConsumers(await load(dir));
    // The schedule passes both; the flow passes dry_run statically and customer_ids by expression.
    expect(problems).toEqual([]);
  });

  it('a script that does not exist is a problem at `input.windmill`, with a guess', async () => {
    const contract = 'contracts/sync-customers/v1/contract.yaml';
    const set = await load(exampleEditing(contract, 'f/crm/sync_customers }', 'f/crm/sync_customer }'));
    expect(set.problems).toEqual([
      expect.objectContaining({
        file: contract,
        line: 9,
        message:
          '`input.windmill`: no Windmill script `f/crm/sync_customer` at this ref (`f/crm/sync_customer.script.yaml` does not exist); did you mean `f/crm/sync_customers`?',
      }),
    ]);
    expect(set.endpoints.get('sync-customers')?.versions.size).toBe(0);
    expect(set.unreadable).toEqual([expect.objectContaining({ endpoint: 'sync-customers', major: 1 })]);
  });

  it('`output` cannot be read from Windmill', async () => {
    const contract = 'contracts/sync-customers/v1/contract.yaml';
    const set = await load(
      exampleEditing(contract, 'output: true', 'output: { windmill: f/crm/sync_customers }'),
    );
    expect(set.problems.map((p) => p.message)).toEqual([
      '`output` cannot be read from Windmill: a script declares no output schema; write one (or `output: true` to skip output checks)',
    ]);
  });

  it('a tree without Windmill contracts reads no Windmill file', async () => {
    const dir = example({ 'contracts/sync-customers': null });
    const set = await load(dir);
    expect(set.consumers).toEqual([]);
    expect(set.problems).toEqual([]);
  });
});

describe('Windmill script paths', () => {
  it('a path with `..` is refused at `input.windmill`', async () => {
    const contract = 'contracts/sync-customers/v1/contract.yaml';
    const set = await load(exampleEditing(contract, 'f/crm/sync_customers }', 'f/../../etc/passwd }'));
    expect(set.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      [
        contract,
        9,
        '`input.windmill` "f/../../etc/passwd" is not a Windmill script path: write it as in the workspace, e.g. f/crm/sync_customers',
      ],
    ]);
  });
});

describe('a workspace in a folder of the repository', () => {
  it('is the folder holding the contract root', async () => {
    const dir = tempDir();
    fs.cpSync(EXAMPLE, path.join(dir, 'windmill'), { recursive: true });
    const set = await loadContractSet(new FsSource(dir), { root: 'windmill/contracts' });
    expect(set.problems).toEqual([]);
    expect(set.endpoints.get('sync-customers')?.versions.get(1)?.windmill?.file).toBe(
      'windmill/f/crm/sync_customers.script.yaml',
    );
    expect(set.consumers.map((c) => c.file)).toContain('windmill/f/ops/hourly_sync.schedule.yaml');
    expect(set.position('windmill/f/crm/sync_customers.script.yaml', '/timeout')?.line).toBe(23);
  });
});
