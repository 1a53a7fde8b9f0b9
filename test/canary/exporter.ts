/**
 * A small exporter on loopback, as a service instrumented with OpenTelemetry and exported to Prometheus
 * shows it: the histogram `http_server_request_duration_seconds` (`_bucket`, `_count`, `_sum`) with labels
 * `http_route`, `http_request_method`, `http_response_status_code`, and a `scenario` label so that several
 * canaries live side by side in one Prometheus. Each series grows at its own rate per second from the moment
 * the exporter starts; requests spread over the buckets as `BUCKETS` says. A series whose rate is 0 is not
 * exported (OpenTelemetry creates a series only once it has seen a request with those labels).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { BUCKETS } from './prometheus-server.js';

export interface LiveSeries {
  scenario: string;
  route: string;
  status: string;
  /** Requests per second. */
  perSecond: number;
}

export interface Exporter {
  /** `127.0.0.1:PORT`, as a scrape target. */
  readonly target: string;
  stop(): Promise<void>;
}

const NAME = 'http_server_request_duration_seconds';

/** The exposition text at `elapsed` seconds after the start. */
export function exposition(series: readonly LiveSeries[], elapsed: number): string {
  const lines = [`# HELP ${NAME} Duration of HTTP server requests.`, `# TYPE ${NAME} histogram`];
  for (const s of series) {
    if (s.perSecond <= 0) continue;
    const n = Math.floor(s.perSecond * elapsed);
    const labels =
      `scenario="${s.scenario}",http_route="${s.route}",http_request_method="POST",` +
      `http_response_status_code="${s.status}"`;
    let share = 0;
    for (const [le, part] of BUCKETS) {
      share += part;
      lines.push(`${NAME}_bucket{${labels},le="${le}"} ${Math.round(n * share)}`);
    }
    lines.push(`${NAME}_bucket{${labels},le="+Inf"} ${n}`);
    lines.push(`${NAME}_sum{${labels}} ${(n * 0.12).toFixed(3)}`);
    lines.push(`${NAME}_count{${labels}} ${n}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function startExporter(series: readonly LiveSeries[]): Promise<Exporter> {
  const started = Date.now();
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(exposition(series, (Date.now() - started) / 1000));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Waits until Prometheus holds at least `samples` scrapes of `series` (a selector) within the last `range`,
 * polling its query API; gives up after `timeoutMs`.
 */
export async function waitForSamples(
  prometheus: string,
  series: string,
  samples: number,
  range: string,
  timeoutMs = 60_000,
): Promise<void> {
  const query = `count_over_time(${series}[${range}])`;
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
    const answer = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
    seen = Math.min(...(answer.data?.result ?? []).map((r) => Number(r.value[1])), Infinity);
    if (seen !== Infinity && seen >= samples) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Prometheus did not scrape ${samples} samples of ${series} in ${timeoutMs} ms (${seen})`);
}
