/**
 * `canary collect`: a canary report built from Prometheus (docs/canary.md, "Collecting from Prometheus").
 *
 * Each number is one instant query evaluated at the window's end over a range of exactly the window
 * (`increase(…[600s])`), so a window is one number per side per measure, whatever the scrape interval, and a
 * counter reset inside the window is handled by `increase`. By default the OpenTelemetry HTTP server
 * conventions: the histogram `http_server_request_duration_seconds` with labels `http_route` (the endpoint's
 * route with `{major}` filled in for each side), `http_request_method`, `http_response_status_code` (errors are
 * 5xx). Percentiles are read from the summed buckets here (as `histogram_quantile` does), so the report can say
 * which bucket each lies in, and the summed buckets go into the report (`latencyHistogramMs`) for the
 * two-sample latency comparison. A side whose queries match no series is `noData`, never zeros.
 */
import type { CanaryPrometheus, EndpointFile } from '../model/types.js';
import { type Matcher, PrometheusError, type PrometheusClient, type Sample, selector } from './prometheus.js';
import type { CanaryReport, CanarySide, CanarySource, CanaryStats } from './report.js';
import { type Bucket, histogramQuantile, type Percentile } from './statistics.js';

export const DEFAULT_HISTOGRAM = 'http_server_request_duration_seconds';
export const DEFAULT_LABELS = {
  route: 'http_route',
  method: 'http_request_method',
  status: 'http_response_status_code',
} as const;

export interface CollectInput {
  endpoint: Pick<EndpointFile, 'name' | 'route' | 'method' | 'canary'>;
  baseline: number;
  candidate: number;
  /** The window ends here … */
  end: Date;
  /** … and lasts this long (whole seconds). */
  windowMs: number;
  client: PrometheusClient;
}

type Side = 'baseline' | 'candidate';
/** One query, recorded in the report with its answer (by default the sum of the samples). */
type Ask = (
  side: Side,
  measure: string,
  query: string,
  valueOf?: (samples: readonly Sample[]) => number | null,
) => Promise<Sample[]>;

export async function collectCanary(input: CollectInput): Promise<CanaryReport> {
  const { endpoint, end, windowMs, client } = input;
  if (windowMs < 1000 || windowMs % 1000 !== 0) {
    throw new PrometheusError('--window must be whole seconds, at least 1s');
  }
  const config = endpoint.canary?.prometheus ?? {};
  const queries: CanarySource['queries'] = [];
  const ask: Ask = async (side, measure, query, valueOf = sum) => {
    const result = await client.query(query, end);
    const value = result.length === 0 ? null : valueOf(result);
    queries.push({ side, measure, query, value: value === null || Number.isFinite(value) ? value : null });
    return result;
  };
  const sides = {} as Record<Side, CanarySide>;
  for (const side of ['baseline', 'candidate'] as const) {
    sides[side] = await collectSide(side, input[side], input, config, ask);
  }
  return {
    endpoint: endpoint.name,
    baseline: { major: input.baseline },
    candidate: { major: input.candidate },
    window: { start: new Date(end.getTime() - windowMs).toISOString(), end: end.toISOString() },
    versions: { baseline: sides.baseline, candidate: sides.candidate },
    source: { prometheus: client.url, queries },
  };
}

/** The PromQL of one side, as `collectSide` asks it: also what docs and tests show. */
export function sideQueries(
  endpoint: Pick<EndpointFile, 'route' | 'method'>,
  major: number,
  windowMs: number,
  config: CanaryPrometheus = {},
): { selector: string; requests: string; errors: string; buckets: string; business: Record<string, string> } {
  const histogram = config.histogram ?? DEFAULT_HISTOGRAM;
  const labels = { ...DEFAULT_LABELS, ...config.labels };
  const route = endpoint.route.replaceAll('{major}', String(major));
  const base: Matcher[] = [
    { label: labels.route, op: '=', value: route },
    { label: labels.method, op: '=', value: endpoint.method ?? 'POST' },
    ...Object.entries(config.selectors ?? {}).map(([label, value]): Matcher => ({ label, op: '=', value })),
  ];
  const range = `[${windowMs / 1000}s]`;
  const errors: Matcher[] = [...base, { label: labels.status, op: '=~', value: '5..' }];
  const business = Object.fromEntries(
    Object.entries(config.business ?? {}).map(([name, template]) => [
      name,
      template
        .replaceAll('$window', `${windowMs / 1000}s`)
        .replaceAll('$major', String(major))
        .replaceAll('$route', JSON.stringify(route).slice(1, -1)),
    ]),
  );
  return {
    selector: `${histogram}_count${selector(base)}`,
    requests: `sum(increase(${histogram}_count${selector(base)}${range}))`,
    errors: `sum(increase(${histogram}_count${selector(errors)}${range}))`,
    buckets: `sum by (le) (increase(${histogram}_bucket${selector(base)}${range}))`,
    business,
  };
}

async function collectSide(
  side: Side,
  major: number,
  input: CollectInput,
  config: CanaryPrometheus,
  ask: Ask,
): Promise<CanarySide> {
  const q = sideQueries(input.endpoint, major, input.windowMs, config);
  const window = `${input.windowMs / 1000}s`;
  const requestSamples = await ask(side, 'requests', q.requests);
  if (requestSamples.length === 0) {
    return { noData: `no series matched ${q.selector} in the ${window} before ${input.end.toISOString()}` };
  }
  const requests = Math.round(sum(requestSamples));
  if (!(requests > 0)) {
    return { noData: `${q.selector} counted no requests in the ${window} before ${input.end.toISOString()}` };
  }
  const errorSamples = await ask(side, 'errors', q.errors);
  // No 5xx series at all is a real zero: the request series exist, and OpenTelemetry creates a series per
  // status code only once one is seen.
  const errors = Math.min(requests, Math.round(errorSamples.length === 0 ? 0 : sum(errorSamples)));
  // Recorded with the +Inf bucket's count: how many observations the percentiles come from.
  const bucketSamples = await ask(
    side,
    'latency.buckets',
    q.buckets,
    (samples) => samples.find((s) => s.labels.le === '+Inf')?.value ?? null,
  );
  const scale = (config.unit ?? 'seconds') === 'seconds' ? 1000 : 1;
  const buckets: Bucket[] = bucketSamples
    .map((s) => ({ le: Number(s.labels.le === '+Inf' ? Infinity : s.labels.le), count: s.value }))
    .filter((b) => !Number.isNaN(b.le) && Number.isFinite(b.count));
  const percentiles = {
    p50: histogramQuantile(0.5, buckets),
    p95: histogramQuantile(0.95, buckets),
    p99: histogramQuantile(0.99, buckets),
  };
  if (percentiles.p50 === undefined || percentiles.p95 === undefined || percentiles.p99 === undefined) {
    return {
      noData: `${q.selector} counted requests, but ${q.buckets} has no usable buckets (a +Inf bucket with observations)`,
    };
  }
  const ms = (n: number) => round(n * scale);
  const stats: CanaryStats = {
    requests,
    errors,
    latencyMs: {
      p50: ms(percentiles.p50.value),
      p95: ms(percentiles.p95.value),
      p99: ms(percentiles.p99.value),
    },
    latencyBucketsMs: {
      p50: bucketMs(percentiles.p50, scale),
      p95: bucketMs(percentiles.p95, scale),
      p99: bucketMs(percentiles.p99, scale),
    },
    latencyHistogramMs: [...buckets]
      .sort((a, b) => a.le - b.le)
      .map((b) => ({ le: Number.isFinite(b.le) ? round(b.le * scale) : null, count: round(b.count) })),
  };
  const business: Record<string, number> = {};
  for (const [name, query] of Object.entries(q.business)) {
    const result = await ask(side, `business.${name}`, query);
    if (result.length > 1) {
      throw new PrometheusError(
        `canary.prometheus.business.${name} must give one number per side, but ${query} gave ${result.length} series; aggregate it (e.g. sum(...))`,
      );
    }
    const value = result[0]?.value;
    // No series: the metric is absent from the report, which evaluation reads as missing data, not 0.
    if (value !== undefined && Number.isFinite(value)) business[name] = value;
  }
  if (Object.keys(q.business).length > 0) stats.business = business;
  return stats;
}

function bucketMs(p: Percentile, scale: number): { lower: number; upper: number | null } {
  return { lower: round(p.lower * scale), upper: Number.isFinite(p.upper) ? round(p.upper * scale) : null };
}

function sum(samples: readonly Sample[]): number {
  return samples.reduce((total, s) => total + s.value, 0);
}

/** Microsecond precision is plenty for milliseconds and keeps float noise out of the report. */
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
