/**
 * `contractguard canary collect` and `evaluate` as processes against a real Prometheus holding a backfilled
 * OpenTelemetry HTTP histogram: three 10-minute windows of one canary — clean, 10% errors, thin — a side
 * without series, an unreachable Prometheus and one answering an error.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseCanaryReport } from '../../src/canary/report.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';
import { freePort } from '../helpers/local-server.js';

import {
  histogramFixture,
  type PrometheusServer,
  startPrometheus,
  syncCustomersCanaryYaml,
} from './prometheus-server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const START = Date.parse('2026-11-25T09:00:00Z') / 1000;
const at = (minutes: number) => new Date((START + minutes * 60) * 1000).toISOString();
const STEP = 15;

const ENDPOINT = syncCustomersCanaryYaml(
  3,
  `business:
      synced: 'sum(increase(http_server_request_duration_seconds_count{http_route="$route",http_response_status_code="200"}[$window]))'`,
);

let prometheus: PrometheusServer | undefined;
let cli = '';
let tmp = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-collect-'));
  for (const tree of ['good', 'broken']) {
    cpSync(join(repo, 'contracts-example'), join(tmp, tree, 'contracts'), { recursive: true });
  }
  writeFileSync(join(tmp, 'good', 'contracts', 'sync-customers', 'endpoint.yaml'), ENDPOINT);
  writeFileSync(
    join(tmp, 'broken', 'contracts', 'sync-customers', 'endpoint.yaml'),
    ENDPOINT.replace(/synced: '.*'/, "synced: 'sum(rate(x[$window]'"),
  );
  // Baseline v2: 200 requests per 15 s, 1 of them a 500. Candidate v3: first hour 50 per step and clean,
  // second hour 45 + 5 errors (10%), third hour 1 per step (thin) and clean.
  const fixture = histogramFixture(
    [
      { route: '/internal/syncCustomers/v2', status: '200', perStep: () => 199 },
      { route: '/internal/syncCustomers/v2', status: '500', perStep: () => 1 },
      {
        route: '/internal/syncCustomers/v3',
        status: '200',
        perStep: (t) => (t < 3600 ? 50 : t < 7200 ? 45 : 1),
      },
      { route: '/internal/syncCustomers/v3', status: '500', perStep: (t) => (t >= 3600 && t < 7200 ? 5 : 0) },
    ],
    START,
    (3 * 3600) / STEP,
    STEP,
  );
  // One after the other: a failure after Prometheus started still leaves it to afterAll to stop.
  prometheus = await startPrometheus(fixture);
  cli = await bundleCli();
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

async function collect(end: string, tree = 'good', url = prometheus?.url ?? '') {
  return runCli(
    cli,
    ['canary', 'collect', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '3'].concat([
      '--prometheus',
      url,
      '--window',
      '10m',
      '--end',
      end,
    ]),
    join(tmp, tree),
  );
}

/** collect, save the report, evaluate it: the report and the evaluation's JSON and exit code. */
async function verdict(end: string) {
  const collected = await collect(end);
  expect(collected.stderr).toBe('');
  expect(collected.code).toBe(0);
  const parsed = parseCanaryReport(collected.stdout, 'collected');
  expect(parsed.problems).toEqual([]);
  const file = `report-${end.replaceAll(':', '')}.json`;
  writeFileSync(join(tmp, 'good', file), collected.stdout);
  const evaluated = await runCli(
    cli,
    ['canary', 'evaluate', file, '--now', end, '--format', 'json'],
    join(tmp, 'good'),
  );
  const result = JSON.parse(evaluated.stdout) as {
    verdict: string;
    criteria: { name: string; measured: number | null; outcome: string; explanation: string }[];
  };
  return { report: parsed.value!, code: evaluated.code, ...result };
}

describe('canary collect against a real Prometheus', () => {
  it('builds the report from the OpenTelemetry histogram, recording the queries; a clean candidate promotes', async () => {
    const { report, code, verdict: v, criteria } = await verdict(at(50));
    expect(report.window).toEqual({ start: at(40), end: at(50) });
    // 40 steps of 15 s in the window: exact counts, no extrapolation.
    expect(report.versions.baseline).toMatchObject({ requests: 8000, errors: 40 });
    expect(report.versions.candidate).toMatchObject({
      requests: 2000,
      errors: 0,
      // 25% ≤ 50 ms, 75% ≤ 100 ms, 90% ≤ 250 ms, 97% ≤ 500 ms: p95 interpolated in (250, 500].
      latencyBucketsMs: { p50: { lower: 50, upper: 100 }, p95: { lower: 250, upper: 500 } },
      business: { synced: 2000 },
    });
    const candidate = report.versions.candidate as { latencyMs: { p50: number; p95: number } };
    expect(candidate.latencyMs.p50).toBeCloseTo(75, 6);
    expect(candidate.latencyMs.p95).toBeCloseTo(250 + (250 * 5) / 7, 2);
    expect(report.source?.prometheus).toBe(prometheus?.url);
    expect(report.source?.queries).toContainEqual({
      side: 'candidate',
      measure: 'errors',
      query:
        'sum(increase(http_server_request_duration_seconds_count{http_route="/internal/syncCustomers/v3",http_request_method="POST",http_response_status_code=~"5.."}[600s]))',
      value: 0,
    });
    // The bucket query is recorded with its +Inf count: the observations the percentiles come from.
    expect(report.source?.queries).toContainEqual(
      expect.objectContaining({ side: 'candidate', measure: 'latency.buckets', value: 2000 }),
    );
    expect(report.source?.queries.map((q) => `${q.side} ${q.measure}`)).toEqual([
      'baseline requests',
      'baseline errors',
      'baseline latency.buckets',
      'baseline business.synced',
      'candidate requests',
      'candidate errors',
      'candidate latency.buckets',
      'candidate business.synced',
    ]);
    expect(v).toBe('promote');
    expect(code).toBe(0);
    expect(criteria.find((c) => c.name === 'errorRate.above')?.explanation).toContain(
      'below the limit of 1% with 95% confidence',
    );
  });

  it('rolls back a candidate with 10% errors', async () => {
    const { report, code, verdict: v, criteria } = await verdict(at(110));
    expect(report.versions.candidate).toMatchObject({ requests: 2000, errors: 200 });
    expect(v).toBe('rollback');
    expect(code).toBe(1);
    expect(criteria.find((c) => c.name === 'errorRate.above')).toMatchObject({
      measured: 0.1,
      outcome: 'fail',
    });
  });

  it('holds a thin candidate: too few requests to show its rate below the limit', async () => {
    const { report, code, verdict: v, criteria } = await verdict(at(170));
    expect(report.versions.candidate).toMatchObject({ requests: 40, errors: 0 });
    expect(v).toBe('hold');
    expect(code).toBe(3);
    const rate = criteria.find((c) => c.name === 'errorRate.above');
    expect(rate?.outcome).toBe('insufficient-data');
    expect(rate?.explanation).toMatch(/about \d+ more requests \(\d+ in all\) would settle it/);
  });

  it('reports a side without series as noData, never zeros, and evaluation holds', async () => {
    const { report, code, verdict: v } = await verdict(at(-60));
    expect(report.versions.candidate).toEqual({
      noData: `no series matched http_server_request_duration_seconds_count{http_route="/internal/syncCustomers/v3",http_request_method="POST"} in the 600s before ${at(-60)}`,
    });
    expect(v).toBe('hold');
    expect(code).toBe(3);
  });

  it('canary run collects and evaluates in one step', async () => {
    const args = ['canary', 'run', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '3'];
    const window = ['--prometheus', prometheus?.url ?? '', '--window', '10m', '--end', at(110)];
    const text = await runCli(cli, [...args, ...window], join(tmp, 'good'));
    expect(text.stderr).toBe('');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'errorRate.above: 200 errors in 2000 requests is 10%, 95% bounds 8.95% to 11.2% (one-sided Wilson): above the limit of 1% with 95% confidence',
    );
    const json = await runCli(cli, [...args, ...window, '--format', 'json'], join(tmp, 'good'));
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { verdict: string; report: { source: unknown } };
    expect(Object.keys(parsed)).toEqual(['verdict', 'criteria', 'report']);
    expect(parsed.verdict).toBe('rollback');
    expect(parsed.report.source).toMatchObject({ prometheus: prometheus?.url });
  });

  it('exits 2 with one line when Prometheus answers an error', async () => {
    const { code, stdout, stderr } = await collect(at(50), 'broken');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      `Prometheus at ${prometheus?.url} answered an error for sum(rate(x[600s]: bad_data: invalid parameter`,
    );
  });

  it('exits 2 with one line when Prometheus cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { code, stdout, stderr } = await collect(at(50), 'good', closed);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(new RegExp(`^cannot reach Prometheus at ${closed}: ECONNREFUSED$`));
  });
});
