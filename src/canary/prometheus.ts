/**
 * The Prometheus HTTP API, as `canary collect` needs it: instant queries (`/api/v1/query`) through Node's
 * fetch, and PromQL built with properly escaped label values. Every failure — unreachable, a timeout, an
 * HTTP error, an API error, an answer that is not the API's — is a `PrometheusError` with one line to show.
 */

export class PrometheusError extends Error {}

/**
 * A PromQL string literal. PromQL reads double-quoted strings with Go's escapes, of which JSON's (\\, \",
 * \n, \uXXXX, …) are a subset, so JSON.stringify quotes any label value safely.
 */
export function promString(value: string): string {
  return JSON.stringify(value);
}

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** `{a="x",b=~"5.."}`; label names are checked (zod) before they get here, values escaped here. */
export function selector(matchers: readonly Matcher[]): string {
  return `{${matchers.map((m) => `${m.label}${m.op}${promString(m.value)}`).join(',')}}`;
}

export interface Sample {
  labels: Record<string, string>;
  /** NaN and ±Inf as Prometheus writes them ("NaN", "+Inf"). */
  value: number;
}

export interface PrometheusClient {
  /** The Prometheus base URL, as given. */
  readonly url: string;
  /** An instant query evaluated at `time`: the samples of the resulting vector (a scalar as one sample). */
  query(promql: string, time: Date): Promise<Sample[]>;
}

export interface ClientOptions {
  /** Per request; default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function prometheusClient(base: string, options: ClientOptions = {}): PrometheusClient {
  let root: URL;
  try {
    root = new URL(base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new PrometheusError(
      `--prometheus must be a URL (e.g. http://localhost:9090), not ${JSON.stringify(base)}`,
    );
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') {
    throw new PrometheusError(`--prometheus must be an http or https URL, not ${JSON.stringify(base)}`);
  }
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const endpoint = new URL('api/v1/query', root);
  return {
    url: base,
    async query(promql, time) {
      const body = new URLSearchParams({ query: promql, time: (time.getTime() / 1000).toFixed(3) });
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new PrometheusError(`cannot reach Prometheus at ${base}: ${reason(err)}`);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (err) {
        throw new PrometheusError(`cannot read Prometheus' answer from ${base}: ${reason(err)}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new PrometheusError(
          `${base} answered HTTP ${response.status} without the Prometheus API's JSON; is it Prometheus?`,
        );
      }
      const answer = json as { status?: unknown; error?: unknown; errorType?: unknown; data?: unknown };
      if (answer.status !== 'success') {
        const what = typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
        const type = typeof answer.errorType === 'string' ? `${answer.errorType}: ` : '';
        throw new PrometheusError(
          `Prometheus at ${base} answered an error for ${promql}: ${type}${oneLine(what)}`,
        );
      }
      return samples(answer.data, base);
    },
  };
}

function samples(data: unknown, base: string): Sample[] {
  const d = data as { resultType?: unknown; result?: unknown } | null;
  const bad = () => new PrometheusError(`${base} answered a query with data that is not an instant vector`);
  if (d === null || typeof d !== 'object') throw bad();
  if (d.resultType === 'scalar') {
    const [, value] = d.result as [number, string];
    return [{ labels: {}, value: parseValue(value) }];
  }
  if (d.resultType !== 'vector' || !Array.isArray(d.result)) throw bad();
  return d.result.map((entry: unknown) => {
    const e = entry as { metric?: unknown; value?: unknown };
    if (e.metric === null || typeof e.metric !== 'object' || !Array.isArray(e.value)) throw bad();
    return { labels: e.metric as Record<string, string>, value: parseValue(e.value[1]) };
  });
}

function parseValue(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  if (value === '+Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return Number(value);
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'no answer in time';
    const cause = (err as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown } | null)?.code;
    if (typeof code === 'string') return code;
    return oneLine(err.message);
  }
  return oneLine(String(err));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
