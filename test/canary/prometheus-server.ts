/**
 * A real `prometheus` (Debian's package; .ci/run installs it) on a free loopback port, over a temporary
 * storage directory holding the test's fixture: OpenMetrics text backfilled with `promtool tsdb
 * create-blocks-from openmetrics`, so the data are exact and nothing waits for scrapes. `stop` kills it,
 * waits for the exit and removes the directory.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, stopped } from '../helpers/local-server.js';

export interface PrometheusServer {
  readonly url: string;
  stop(): Promise<void>;
}

function requireTool(tool: string): void {
  if (spawnSync(tool, ['--version']).error !== undefined) {
    throw new Error(
      `${tool} is not installed: the canary collect tests need a real Prometheus (apt-get install prometheus; .ci/run installs it)`,
    );
  }
}

/** Backfills `openMetrics` (ending in `# EOF`) and starts Prometheus on it. */
export async function startPrometheus(openMetrics: string): Promise<PrometheusServer> {
  requireTool('prometheus');
  requireTool('promtool');
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-prometheus-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(join(dir, 'fixture.om'), openMetrics);
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
    execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', 'fixture.om', 'data'], {
      cwd: dir,
      stdio: 'pipe',
    });
  } catch (err) {
    cleanup();
    const e = err as { stderr?: Buffer };
    throw new Error(`promtool could not backfill the fixture: ${e.stderr?.toString('utf8') ?? String(err)}`);
  }
  return launch(dir, cleanup);
}

/**
 * Starts Prometheus scraping `targets` (host:port on loopback, `/metrics`) every second, as job `canary`,
 * over an empty storage directory.
 */
export async function startScrapingPrometheus(targets: readonly string[]): Promise<PrometheusServer> {
  requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-prometheus-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: canary',
      '    static_configs:',
      `      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]`,
      '',
    ].join('\n'),
  );
  return launch(dir, cleanup);
}

async function launch(dir: string, cleanup: () => void): Promise<PrometheusServer> {
  // The port is free when probed; another process may take it before Prometheus binds it, hence a few tries.
  let last = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const ready = await new Promise<boolean>((resolve) => {
      // A Prometheus that neither gets ready nor exits is given up on (and killed below), not waited for forever.
      const giveUp = setTimeout(() => resolve(false), 30_000);
      const done = (ok: boolean) => {
        clearTimeout(giveUp);
        resolve(ok);
      };
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Server is ready to receive web requests')) done(true);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', () => done(false));
    });
    if (ready) {
      return {
        url: `http://127.0.0.1:${port}`,
        stop: async () => {
          await stopped(child);
          cleanup();
        },
      };
    }
    last = output;
    await stopped(child);
  }
  cleanup();
  throw new Error(`prometheus did not start:\n${last}`);
}

/** One OpenTelemetry-style HTTP server histogram series set, growing by `perStep` every `stepSeconds`. */
export interface SeriesPlan {
  route: string;
  status: string;
  /** Requests added per step, by time: (seconds since start) → count. */
  perStep: (t: number) => number;
}

/** Bucket upper bounds (seconds) and the share of requests in each bucket (the rest in +Inf). */
export const BUCKETS: readonly (readonly [number, number])[] = [
  [0.05, 0.25],
  [0.1, 0.5],
  [0.25, 0.15],
  [0.5, 0.07],
  [1, 0.03],
];

/**
 * OpenMetrics text of `http_server_request_duration_seconds` for the plans, from `start` (unix seconds)
 * for `steps` steps of `stepSeconds`. Requests are spread over buckets by `BUCKETS`; counts are cumulative.
 */
export function histogramFixture(
  plans: readonly SeriesPlan[],
  start: number,
  steps: number,
  stepSeconds: number,
): string {
  const name = 'http_server_request_duration_seconds';
  const lines = [
    `# HELP ${name} Duration of HTTP server requests.`,
    `# TYPE ${name} histogram`,
    `# UNIT ${name} seconds`,
  ];
  for (const plan of plans) {
    const labels = `http_route="${plan.route}",http_request_method="POST",http_response_status_code="${plan.status}"`;
    const totals: number[] = [];
    let total = 0;
    for (let i = 0; i <= steps; i++) {
      if (i > 0) total += plan.perStep((i - 1) * stepSeconds);
      totals.push(total);
    }
    const at = (i: number) => start + i * stepSeconds;
    let cumulativeShare = 0;
    for (const [le, share] of BUCKETS) {
      cumulativeShare += share;
      totals.forEach((n, i) =>
        lines.push(`${name}_bucket{${labels},le="${le}"} ${Math.round(n * cumulativeShare)} ${at(i)}`),
      );
    }
    totals.forEach((n, i) => lines.push(`${name}_bucket{${labels},le="+Inf"} ${n} ${at(i)}`));
    totals.forEach((n, i) => lines.push(`${name}_count{${labels}} ${n} ${at(i)}`));
    totals.forEach((n, i) => lines.push(`${name}_sum{${labels}} ${(n * 0.12).toFixed(3)} ${at(i)}`));
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/**
 * contracts-example's sync-customers `endpoint.yaml` with a canary block (rollback over 1% errors or a p95
 * over 1.5× the baseline's) that promotes `prod` from v`prod`; `prometheus` is the YAML under `prometheus:`.
 */
export const syncCustomersCanaryYaml = (prod: number, prometheus: string) => `name: sync-customers
owner: '@acme/crm-team'
route: /internal/syncCustomers/v{major}
aliases: { prod: ${prod}, staging: 3, latest: 3 }
canary:
  check: 'canary / sync-customers'
  strategy: header
  minRequests: 20
  rollbackWhen:
    errorRate: { above: 0.01 }
    p95LatencyMs: { aboveRatioToBaseline: 1.5 }
  prometheus:
    ${prometheus}
  promote: { alias: prod }
`;
