/** The bundled Action in canary mode: a report judged against the tree's policy, published as a check run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readCanaryCheckOutput } from '../../src/github/canary-check.js';
import { type Exporter, startExporter, waitForSamples } from '../canary/exporter.js';
import { type PrometheusServer, startScrapingPrometheus } from '../canary/prometheus-server.js';
import { baseTree, Repo } from '../e2e/helpers.js';
import { freePort } from '../helpers/local-server.js';
import { useActionTestbed, pushEvent, runAction, shallowClone } from './harness.js';

const bed = useActionTestbed();
let origin: Repo | undefined;

const ENDPOINT =
  'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\n' +
  'aliases: { prod: 1, latest: 2 }\n' +
  'canary:\n' +
  "  check: 'canary / sync-customers'\n" +
  '  strategy: header\n' +
  '  minRequests: 100\n' +
  '  rollbackWhen:\n' +
  '    errorRate: { above: 0.01 }\n' +
  '  promote: { alias: prod }\n';

function report(requests: number, errors: number): Record<string, unknown> {
  const stats = (n: number, e: number) => ({
    requests: n,
    errors: e,
    latencyMs: { p50: 10, p95: 20, p99: 30 },
  });
  return {
    endpoint: 'sync-customers',
    baseline: { major: 1 },
    candidate: { major: 2 },
    window: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T12:00:00Z' },
    versions: { baseline: stats(1000, 1), candidate: stats(requests, errors) },
  };
}

async function run(canaryReport: unknown, inputs: Record<string, string> = { report: 'canary.json' }) {
  origin = bed.repo();
  const sha = origin
    .write({
      ...baseTree(),
      'contracts/sync-customers/endpoint.yaml': ENDPOINT,
      'canary.json': canaryReport,
    })
    .commit('canary');
  const dir = shallowClone(origin.dir, 'main');
  bed.track(dir);
  const result = await runAction({
    workspace: dir,
    eventName: 'push',
    payload: pushEvent(sha, sha),
    api: bed.api,
    inputs: { mode: 'canary', ...inputs },
  });
  return { sha, result };
}

describe('the Action in canary mode', () => {
  it('publishes a successful check run with the table and the marked JSON on promote', async () => {
    const { sha, result } = await run(report(500, 1));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe('promote');
    expect(bed.api.checkRuns).toHaveLength(1);
    const check = bed.api.checkRuns[0]!;
    expect(check).toMatchObject({
      name: 'canary / sync-customers',
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
    });
    const summary = check.output?.summary ?? '';
    expect(summary).toContain('| criterion | measured | passes when | outcome | why |');
    expect(summary).toContain('| error rate `errorRate.above` | 0.2% | ≤ 1% | ✅ pass |');
    const read = readCanaryCheckOutput(summary);
    expect(read.problem).toBeUndefined();
    expect(read.value).toMatchObject({
      verdict: 'promote',
      endpoint: 'sync-customers',
      baseline: 1,
      candidate: 2,
    });
    expect(read.value?.criteria.map((c) => c.name)).toEqual(['minRequests', 'errorRate.above']);
    // The measurements travel too: the promotion bot judges them itself.
    expect(read.value?.report.versions.candidate).toMatchObject({ requests: 500, errors: 1 });
    expect(result.summary).toContain('<!-- contractguard:canary\n{');
    expect(result.summary).not.toContain('```json');
  });

  it('fails the step on rollback, with a failing check run', async () => {
    const { result } = await run(report(500, 50));
    expect(result.code).toBe(1);
    expect(result.outputs.verdict).toBe('rollback');
    expect(bed.api.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(readCanaryCheckOutput(bed.api.checkRuns[0]?.output?.summary).value?.verdict).toBe('rollback');
  });

  it('on rollback, leads with the failing criterion: in the title, the why line and the first table row', async () => {
    await run(report(500, 50));
    const output = bed.api.checkRuns[0]?.output;
    expect(output?.title).toBe('canary sync-customers v2: rollback — error rate 10% (passes when ≤ 1%)');
    const summary = output?.summary ?? '';
    expect(summary.split('\n')[0]).toBe('### ❌ roll back: canary `sync-customers` v2 against v1');
    expect(summary).toContain('**Why:** error rate 10% (passes when ≤ 1%).');
    const rows = summary.split('\n').filter((line) => /^\| [^-c]/.test(line));
    expect(rows[0]).toMatch(/^\| error rate `errorRate\.above` \| 10% \| ≤ 1% \| ❌ fail \|/);
  });

  it('does not fail the step on hold: the check run is neutral', async () => {
    const { result } = await run(report(10, 0));
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe('hold');
    expect(bed.api.checkRuns[0]).toMatchObject({ conclusion: 'neutral' });
  });

  it('fails without publishing anything when the report is invalid', async () => {
    const { result } = await run({ endpoint: 'sync-customers' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('`canary.json`: `baseline` is missing');
    expect(bed.api.checkRuns).toEqual([]);
  });
});

describe('the Action in canary mode with prometheus-url', () => {
  let exporter: Exporter | undefined;
  let prometheus: PrometheusServer | undefined;
  const V1 = '/internal/syncCustomers/v1';
  const V2 = '/internal/syncCustomers/v2';

  beforeAll(async () => {
    // A live exporter (baseline v1 at 200/s, candidate v2 at 100/s, both clean), scraped every second.
    exporter = await startExporter([
      { scenario: 'action', route: V1, status: '200', perSecond: 200 },
      { scenario: 'action', route: V2, status: '200', perSecond: 100 },
    ]);
    prometheus = await startScrapingPrometheus([exporter.target]);
    await waitForSamples(
      prometheus.url,
      `http_server_request_duration_seconds_count{http_route="${V2}"}`,
      10,
      '11s',
    );
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.stop();
  });

  const collect = (url: string) => ({
    'prometheus-url': url,
    window: '8s',
    endpoint: 'sync-customers',
    baseline: '1',
    candidate: '2',
  });

  it('collects the window ending now, judges it and publishes the check run the bot reads', async () => {
    const { sha, result } = await run({}, collect(prometheus?.url ?? ''));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe('promote');
    expect(bed.api.checkRuns).toHaveLength(1);
    expect(bed.api.checkRuns[0]).toMatchObject({
      name: 'canary / sync-customers',
      head_sha: sha,
      conclusion: 'success',
    });
    const read = readCanaryCheckOutput(bed.api.checkRuns[0]?.output?.summary);
    expect(read.problem).toBeUndefined();
    expect(read.value?.report.source?.prometheus).toBe(prometheus?.url);
    expect(read.value?.report.versions.candidate).toMatchObject({ errors: 0 });
    expect((read.value?.report.versions.candidate as { requests: number }).requests).toBeGreaterThan(300);
  });

  it('fails the step with one line and publishes nothing when Prometheus cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { result } = await run({}, collect(closed));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::contractguard: cannot reach Prometheus at ${closed}: ECONNREFUSED`,
    );
    expect(bed.api.checkRuns).toEqual([]);
  });

  it('refuses a report and prometheus-url together', async () => {
    const { result } = await run({}, { report: 'canary.json', ...collect(prometheus?.url ?? '') });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('mode canary takes the report input or prometheus-url, not both');
    expect(bed.api.checkRuns).toEqual([]);
  });
});
