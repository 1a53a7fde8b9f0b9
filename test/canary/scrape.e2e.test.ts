/**
 * `contractguard canary run` as a process against a real Prometheus that scrapes a live exporter every second:
 * one exporter, one Prometheus, three canaries side by side (told apart by a `scenario` label, which each
 * tree's `canary.prometheus.selectors` picks) — clean, 10% errors, thin — then an unreachable Prometheus, and
 * `--publish` into a local fake GitHub API, read back as the promotion bot reads a canary check run.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decidePromotion } from '../../src/canary/promotion.js';
import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import { readCanaryCheckOutput } from '../../src/github/canary-check.js';
import { FakeGitHub } from '../action/harness.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';
import type { Outcome } from '../helpers/cli.js';
import { freePort } from '../helpers/local-server.js';

import { type Exporter, type LiveSeries, startExporter, waitForSamples } from './exporter.js';
import {
  type PrometheusServer,
  startScrapingPrometheus,
  syncCustomersCanaryYaml,
} from './prometheus-server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const V2 = '/internal/syncCustomers/v2';
const V3 = '/internal/syncCustomers/v3';
const SCENARIOS = ['clean', 'errors', 'thin'] as const;
const WINDOW = '8s';

/** Requests per second. Baseline v2 everywhere: 200/s, 0.5% errors. */
const SERIES: LiveSeries[] = SCENARIOS.flatMap((scenario) => [
  { scenario, route: V2, status: '200', perSecond: 199 },
  { scenario, route: V2, status: '500', perSecond: 1 },
  ...{
    // Clean: 100/s without errors (no 5xx series at all).
    clean: [{ scenario, route: V3, status: '200', perSecond: 100 }],
    // 10% errors.
    errors: [
      { scenario, route: V3, status: '200', perSecond: 90 },
      { scenario, route: V3, status: '500', perSecond: 10 },
    ],
    // Thin: 3/s and about 1% errors — nowhere near enough to tell.
    thin: [
      { scenario, route: V3, status: '200', perSecond: 3 },
      { scenario, route: V3, status: '500', perSecond: 0.03 },
    ],
  }[scenario],
]);

const endpointYaml = (scenario: string) => syncCustomersCanaryYaml(2, `selectors: { scenario: ${scenario} }`);

let exporter: Exporter | undefined;
let prometheus: PrometheusServer | undefined;
let github: FakeGitHub | undefined;
let cli = '';
let tmp = '';
let end = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-scrape-'));
  for (const scenario of SCENARIOS) {
    cpSync(join(repo, 'contracts-example'), join(tmp, scenario, 'contracts'), { recursive: true });
    writeFileSync(
      join(tmp, scenario, 'contracts', 'sync-customers', 'endpoint.yaml'),
      endpointYaml(scenario),
    );
  }
  exporter = await startExporter(SERIES);
  prometheus = await startScrapingPrometheus([exporter.target]);
  github = await new FakeGitHub().start();
  cli = await bundleCli();
  // The window needs its scrapes: 8 s of them, plus two for the edges.
  await waitForSamples(
    prometheus.url,
    `http_server_request_duration_seconds_count{scenario="thin",http_route="${V3}",http_response_status_code="200"}`,
    10,
    '11s',
  );
  end = new Date().toISOString();
}, 90_000);

afterAll(async () => {
  await github?.stop();
  await prometheus?.stop();
  await exporter?.stop();
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

interface RunJson {
  verdict: string;
  criteria: { name: string; measured: number | null; outcome: string; explanation: string }[];
  report: {
    versions: { candidate: { requests: number; errors: number } };
    source: { prometheus: string; queries: { query: string }[] };
  };
}

const RUN = ['canary', 'run', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '3'];

function run(scenario: string, extra: string[] = [], url = prometheus?.url ?? ''): Promise<Outcome> {
  return runCli(
    cli,
    [...RUN, '--prometheus', url, '--window', WINDOW, '--end', end, '--format', 'json', ...extra],
    join(tmp, scenario),
  );
}

function parsed(outcome: Outcome): RunJson {
  expect(outcome.stderr).toBe('');
  return JSON.parse(outcome.stdout) as RunJson;
}

/** Runs `scenario`, expects `verdict` and its exit code, and returns the JSON. */
async function runExpecting(scenario: string, verdict: string, code: number): Promise<RunJson> {
  const outcome = await run(scenario);
  const json = parsed(outcome);
  expect(json.verdict).toBe(verdict);
  expect(outcome.code).toBe(code);
  return json;
}

const criterion = (json: RunJson, name: string) => json.criteria.find((c) => c.name === name);

describe('canary run against a Prometheus scraping a live exporter', () => {
  it('promotes a clean candidate: its error rate is below 1% and its p95 within 1.5× the baseline with 95% confidence', async () => {
    const json = await runExpecting('clean', 'promote', 0);
    expect(json.report.versions.candidate.requests).toBeGreaterThan(500);
    expect(json.report.versions.candidate.errors).toBe(0);
    expect(json.report.source.queries[0]?.query).toContain('scenario="clean"');
    expect(criterion(json, 'errorRate.above')?.explanation).toContain(
      'below the limit of 1% with 95% confidence',
    );
    expect(criterion(json, 'p95LatencyMs.aboveRatioToBaseline')?.explanation).toMatch(
      /95% bounds [\d.]+× to [\d.]+× \(two-sample: .*\): within the limit of 1\.5× with 95% confidence$/,
    );
  });

  it('rolls back a candidate with 10% errors', async () => {
    const json = await runExpecting('errors', 'rollback', 1);
    const rate = criterion(json, 'errorRate.above');
    expect(rate?.outcome).toBe('fail');
    expect(rate?.measured).toBeGreaterThan(0.08);
    expect(rate?.measured).toBeLessThan(0.12);
    expect(rate?.explanation).toContain('above the limit of 1% with 95% confidence');
  });

  it('holds a thin candidate near the limit, saying how many requests would settle it', async () => {
    const json = await runExpecting('thin', 'hold', 3);
    expect(json.report.versions.candidate.requests).toBeLessThan(60);
    const rate = criterion(json, 'errorRate.above');
    expect(rate?.outcome).toBe('insufficient-data');
    expect(rate?.explanation).toMatch(/not yet clear against the limit of 1%; at this rate/);
    expect(criterion(json, 'p95LatencyMs.aboveRatioToBaseline')?.outcome).toBe('insufficient-data');
  });

  it('exits 2 with one line when Prometheus cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { code, stdout, stderr } = await run('clean', [], closed);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(new RegExp(`^cannot reach Prometheus at ${closed}: ECONNREFUSED$`));
  });

  it('--publish writes the check run the promotion bot reads and would act on', async () => {
    const api = github!;
    const sha = 'a'.repeat(40);
    const outcome = await runWithEnv(
      [...RUN, '--prometheus', prometheus?.url ?? '', '--window', WINDOW, '--end', end, '--publish'],
      join(tmp, 'clean'),
      { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: sha, GITHUB_API_URL: api.url },
    );
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      `published: check run "canary / sync-customers" on acme/api at ${sha.slice(0, 12)}`,
    );
    expect(api.checkRuns).toHaveLength(1);
    const check = api.checkRuns[0]!;
    expect(check).toMatchObject({
      name: 'canary / sync-customers',
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
    });
    expect(api.requests.find((r) => r.method === 'POST')?.authorization).toBe('token test-token');
    // What the bot does with it: read the hidden block, judge the measurements again against the policy.
    const read = readCanaryCheckOutput(check.output?.summary);
    expect(read.problem).toBeUndefined();
    const set = await loadContractSet(new FsSource(join(tmp, 'clean')), { root: 'contracts' });
    const decision = decidePromotion(set.endpoints.get('sync-customers')!, read.value!, new Date(end));
    expect(decision).toMatchObject({
      step: { action: 'pull', kind: 'promote', alias: 'prod', current: 2, target: 3 },
    });
  });

  it("--publish exits 2 with GitHub's reason when it refuses the check run", async () => {
    const outcome = await runWithEnv(
      [...RUN, '--prometheus', prometheus?.url ?? '', '--window', WINDOW, '--end', end, '--publish'],
      join(tmp, 'clean'),
      {
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'acme/elsewhere',
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_API_URL: github?.url ?? '',
      },
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(
      /^cannot publish the check run canary \/ sync-customers to acme\/elsewhere: Not Found.*\n$/,
    );
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--publish without a token says so and collects nothing', async () => {
    const outcome = await runWithEnv(
      [
        ...RUN,
        '--prometheus',
        prometheus?.url ?? '',
        '--window',
        WINDOW,
        '--publish',
        '--sha',
        'a'.repeat(40),
      ],
      join(tmp, 'clean'),
      { GITHUB_REPOSITORY: 'acme/api' },
    );
    expect(outcome).toEqual({
      code: 2,
      stdout: '',
      stderr: '--publish needs a GitHub token in the environment variable GITHUB_TOKEN\n',
    });
  });
});

/** The bundled CLI with an environment of its own (no GITHUB_* from the one running the tests). */
function runWithEnv(argv: string[], cwd: string, env: Record<string, string>): Promise<Outcome> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_')),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...argv], { cwd, env: { ...base, ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}
