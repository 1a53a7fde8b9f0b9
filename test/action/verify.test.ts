/** The bundled Action in verify mode: an endpoint major run against a real provider, published as a check run. */
import { cpSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import type { Fault } from '../../examples/provider/faults.js';
import { DEMO_TOKEN, startProvider, type RunningProvider } from '../../examples/provider/server.js';
import { pushEvent, ROOT, runAction, useActionTestbed } from './harness.js';

const bed = useActionTestbed();
let provider: RunningProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

async function run(inputs: Record<string, string>, faults: Fault[] = []) {
  provider = await startProvider({ faults });
  const repo = bed.repo();
  cpSync(join(ROOT, 'contracts-example'), join(repo.dir, 'contracts'), { recursive: true });
  const sha = repo.commit('contracts');
  const result = await runAction({
    workspace: repo.dir,
    eventName: 'push',
    payload: pushEvent(sha, sha),
    api: bed.api,
    inputs: {
      mode: 'verify',
      endpoint: 'sync-customers',
      major: '3',
      'base-url': provider.url,
      headers: `Authorization: Bearer ${DEMO_TOKEN}\n`,
      ...inputs,
    },
  });
  return { sha, result };
}

describe('the Action in verify mode', () => {
  it('publishes a successful check run `verify / <endpoint> v<major>` with the Markdown report', async () => {
    const { sha, result } = await run({});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
    expect(bed.api.checkRuns).toHaveLength(1);
    expect(bed.api.checkRuns[0]).toMatchObject({
      name: 'verify / sync-customers v3',
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'sync-customers v3 passed verification' },
    });
    const summary = bed.api.checkRuns[0]?.output?.summary ?? '';
    expect(summary).toMatch(/^### ✅ contractguard verify: sync-customers v3 passed verification\n/);
    expect(summary).toContain('| ✅ pass | `auth` | request without credentials |');
    expect(result.summary.trimEnd()).toBe(summary.trimEnd());
  });

  it('fails the step on a failed check, with a failing check run that names it', async () => {
    const { result } = await run({}, ['auth-not-enforced']);
    expect(result.code).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.stdout).toContain('::error::contractguard: verify sync-customers v3: 1 check failed');
    expect(bed.api.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(bed.api.checkRuns[0]?.output?.summary).toContain(
      '| ❌ fail | `auth` | request without credentials | auth is not enforced',
    );
  });

  it('masks the header values in the log and never writes them into the report', async () => {
    const { result } = await run({});
    expect(result.stdout).toContain(`::add-mask::Bearer ${DEMO_TOKEN}`);
    expect(bed.api.checkRuns[0]?.output?.summary).not.toContain(DEMO_TOKEN);
    expect(result.outputs['report-json:content']).toContain('"Authorization": "<redacted>"');
    expect(result.outputs['report-json:content']).not.toContain(DEMO_TOKEN);
  });

  it('fails with one line, publishing nothing, when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { result } = await run({ 'base-url': `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::contractguard: cannot reach http://127.0.0.1:${port}/internal/syncCustomers/v3: connection refused (ECONNREFUSED)`,
    );
    expect(bed.api.checkRuns).toEqual([]);
  });

  it('fails with one line for a major the tree does not have', async () => {
    const { result } = await run({ major: '7' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::contractguard: sync-customers has no major v7; its majors are v2, v3',
    );
    expect(bed.api.checkRuns).toEqual([]);
  });
});
