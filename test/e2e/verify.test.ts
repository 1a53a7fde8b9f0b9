/**
 * `contractguard verify` end to end: the real CLI as a child process (src/cli.ts bundled), against real HTTP
 * servers on loopback — the example provider as its contracts say, and one build per fault. Exit codes: 0
 * every check passed, 1 a check failed (the failing check names the fault), 2 bad input or an endpoint that
 * cannot be reached.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Fault } from '../../examples/provider/faults.js';
import { DEMO_TOKEN, startProvider, type RunningProvider } from '../../examples/provider/server.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';
import type { Outcome } from '../helpers/cli.js';

const REPO = new URL('../../', import.meta.url).pathname;
let cli: string;
const running: RunningProvider[] = [];

beforeAll(async () => {
  cli = await bundleCli();
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.close()));
});

async function provider(faults: Fault[] = []): Promise<string> {
  const started = await startProvider({ faults });
  running.push(started);
  return started.url;
}

function verify(endpoint: string, major: number, baseUrl: string, ...extra: string[]): Promise<Outcome> {
  return runCli(
    cli,
    [
      'verify',
      '--root',
      'contracts-example',
      '--endpoint',
      endpoint,
      '--major',
      String(major),
      '--base-url',
      baseUrl,
      '--header',
      `Authorization: Bearer ${DEMO_TOKEN}`,
      '--format',
      'json',
      ...extra,
    ],
    REPO,
  );
}

const validateReport = new Ajv({ strict: false }).compile(
  JSON.parse(readFileSync(`${REPO}schemas/verify-report.schema.json`, 'utf8')) as object,
);

/** The failed results of a JSON report (checked against its published schema), as `check: message`. */
function failures(outcome: Outcome): string[] {
  const report = JSON.parse(outcome.stdout) as VerifyReport;
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return report.results.filter((r) => r.status === 'fail').map((r) => `${r.check}: ${r.message}`);
}

describe.concurrent('contractguard verify, as a process', () => {
  it.each([
    ['sync-customers', 3],
    ['export-orders', 1],
    ['enrich-events', 1],
  ])('passes every check of %s v%i against the example provider (exit 0)', async (endpoint, major) => {
    const outcome = await verify(endpoint, major, await provider());
    expect(outcome.stderr).toBe('');
    expect(failures(outcome)).toEqual([]);
    expect(outcome.code).toBe(0);
  });

  it.each<[Fault, string, number, RegExp]>([
    ['output-type-drift', 'sync-customers', 3, /^fixtures: .*`counts\.synced` must be integer/],
    [
      'rejects-unknown-fields',
      'enrich-events',
      1,
      /^generated-valid: the minimal request with an unknown extra field/,
    ],
    [
      'server-error-on-invalid-input',
      'sync-customers',
      3,
      /^generated-invalid: .* got 500 `INTERNAL_ERROR`, a server error/,
    ],
    [
      'undeclared-error-code',
      'sync-customers',
      3,
      /^generated-invalid: .*code `VALIDATION_FAILED`, which sync-customers v3 does not declare/,
    ],
    ['not-idempotent', 'sync-customers', 3, /^idempotency: not idempotent: .*`customers\[0\]\.updatedAt`/],
    [
      'drops-consumer-field',
      'sync-customers',
      3,
      /^fixtures: .*slack-customer-lookup reads `customers\[0\]\.companyName`, which is missing/,
    ],
    ['auth-not-enforced', 'sync-customers', 3, /^auth: auth is not enforced/],
    [
      'duplicate-items-across-pages',
      'export-orders',
      1,
      /^pagination: .*item `ord_7Hq2Lm` is on page 1 and again on page 2/,
    ],
  ])('fails a provider with the fault %s, naming it (exit 1)', async (fault, endpoint, major, named) => {
    const outcome = await verify(endpoint, major, await provider([fault]));
    expect(outcome.stderr).toBe('');
    expect(failures(outcome)).toContainEqual(expect.stringMatching(named));
    expect(outcome.code).toBe(1);
  });

  it('prints the failing check in the text report a reader sees', async () => {
    const outcome = await verify(
      'sync-customers',
      3,
      await provider(['auth-not-enforced']),
      '--format',
      'text',
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(
      /^✖ contractguard verify: sync-customers v3 failed verification: 1 of \d+ checks failed\n/,
    );
    expect(outcome.stdout).toContain(
      '  ✖ auth               request without credentials\n      auth is not enforced',
    );
  });

  it('exits 2 with one line naming the URL and the cause when nothing answers', async () => {
    const { createServer } = await import('node:http');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await verify('sync-customers', 3, `http://127.0.0.1:${port}`);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toBe(
      `contractguard verify: cannot reach http://127.0.0.1:${port}/internal/syncCustomers/v3: connection refused (ECONNREFUSED)\n`,
    );
  });

  it('exits 2 with one line for an endpoint the tree does not have', async () => {
    const outcome = await verify('sync-orders', 1, 'http://127.0.0.1:1');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      'unknown endpoint "sync-orders" in contracts-example; the endpoints are enrich-events, export-orders, sync-customers\n',
    );
  });
});
