/**
 * The only code of `contractguard verify` that talks to the endpoint. Verification sends real requests to a
 * real system, so every request is bounded: how many a run may make, how large a body may be each way, how
 * long each may take, and how many are in flight at once. Every request carries `X-Contractguard-Verify: 1`
 * (so the endpoint and its logs can tell verification traffic apart), redirects are followed only to the same
 * origin (never to another host, which could be handed the credentials), and header values given on the
 * command line are redacted in everything recorded.
 */
import type { HttpMethod } from '../model/types.js';
import type { CheckId, ReceivedResponse, SentRequest } from './report.js';

export const VERIFY_HEADER = 'X-Contractguard-Verify';

export interface HttpLimits {
  /** Requests a run may make; later requests are not sent (the cases say so). */
  maxRequests: number;
  /** Largest request body sent, in bytes. */
  maxRequestBytes: number;
  /** Largest response body read, in bytes; a longer one is cut off and reported. */
  maxResponseBytes: number;
  /** Time limit of each request, response body included, in milliseconds. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxRequests: 200,
  maxRequestBytes: 1024 * 1024,
  maxResponseBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  concurrency: 4,
};

/** Same-origin redirects followed before giving up. */
const MAX_REDIRECTS = 3;
/** Characters of a non-JSON body kept for the report. */
const TEXT_EXCERPT = 2_000;

export interface Target {
  /** Base URL and route, `{major}` filled in. */
  url: string;
  method: HttpMethod;
  /** Headers from the command line (sent as given, recorded redacted). */
  headers: Record<string, string>;
}

/** Why a request got no response. */
export type NoResponse = { kind: 'budget' | 'too-large' | 'redirect' | 'network'; message: string };

/** One request and what came back: a response, or why there was none. */
export interface Exchange {
  check: CheckId;
  /** The case, as the result names it. */
  name: string;
  request: SentRequest;
  response?: ReceivedResponse;
  /** For a response: whether its body parsed as JSON (`response.body` then holds it). */
  json?: boolean;
  failure?: NoResponse;
}

export interface SendOptions {
  /** Header names (any case) not to send, though given on the command line: the auth check's. */
  without?: readonly string[];
}

/** The endpoint gave no HTTP response to the first request: nothing else can be checked. */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${url}: ${reason}`);
    this.name = 'UnreachableError';
  }
}

export class HttpRunner {
  /** Every exchange of the run, in the order sent (the `errors` check reads them all). */
  readonly exchanges: Exchange[] = [];
  private sent = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Settles once the first request has an answer: until then nothing else is sent. */
  private firstAnswer: Promise<void> | undefined;
  private unreachable: UnreachableError | undefined;

  constructor(
    readonly target: Target,
    readonly limits: HttpLimits = DEFAULT_LIMITS,
  ) {}

  /** Requests sent so far. */
  get count(): number {
    return this.sent;
  }

  /**
   * Sends `body` as JSON and records the exchange. Throws `UnreachableError` when the first request of the
   * run gets no HTTP response (connection refused, unknown host, timeout); later failures are recorded.
   */
  async send(check: CheckId, name: string, body: unknown, opts: SendOptions = {}): Promise<Exchange> {
    if (this.firstAnswer === undefined) {
      let settle = () => {};
      this.firstAnswer = new Promise((resolve) => (settle = resolve));
      try {
        const exchange = await this.record(check, name, body, opts);
        if (exchange.failure?.kind === 'network') {
          this.unreachable = new UnreachableError(this.target.url, exchange.failure.message);
          throw this.unreachable;
        }
        return exchange;
      } finally {
        settle();
      }
    }
    await this.firstAnswer;
    if (this.unreachable) throw this.unreachable;
    return this.record(check, name, body, opts);
  }

  private async record(check: CheckId, name: string, body: unknown, opts: SendOptions): Promise<Exchange> {
    const without = new Set((opts.without ?? []).map((h) => h.toLowerCase()));
    const given = Object.entries(this.target.headers).filter(([h]) => !without.has(h.toLowerCase()));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...Object.fromEntries(given),
      [VERIFY_HEADER]: '1',
    };
    const redacted = {
      ...headers,
      ...Object.fromEntries(given.map(([h]) => [h, '<redacted>'])),
    };
    const request: SentRequest = {
      method: this.target.method,
      url: this.target.url,
      headers: redacted,
      body,
    };
    const exchange: Exchange = { check, name, request };
    this.exchanges.push(exchange);
    const text = JSON.stringify(body);
    if (this.sent >= this.limits.maxRequests) {
      exchange.failure = {
        kind: 'budget',
        message: `not sent: the run already made ${this.limits.maxRequests} requests (its limit)`,
      };
      return exchange;
    }
    if (Buffer.byteLength(text) > this.limits.maxRequestBytes) {
      exchange.failure = {
        kind: 'too-large',
        message: `not sent: the body is larger than ${this.limits.maxRequestBytes} bytes`,
      };
      return exchange;
    }
    this.sent++;
    await this.slot();
    try {
      await this.exchange(exchange, headers, text);
    } finally {
      this.release();
    }
    return exchange;
  }

  private async exchange(exchange: Exchange, headers: Record<string, string>, text: string): Promise<void> {
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    let url = this.target.url;
    try {
      for (let hop = 0; ; hop++) {
        const response = await fetch(url, {
          method: this.target.method,
          headers,
          body: text,
          redirect: 'manual',
          signal,
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location !== null) {
          await response.body?.cancel();
          const next = new URL(location, url);
          if (next.origin !== new URL(this.target.url).origin) {
            exchange.failure = {
              kind: 'redirect',
              message: `answered ${response.status}, a redirect to another origin (${next.origin}), which is not followed: point --base-url at the origin that serves the endpoint`,
            };
            return;
          }
          if (hop >= MAX_REDIRECTS) {
            exchange.failure = { kind: 'redirect', message: `redirected more than ${MAX_REDIRECTS} times` };
            return;
          }
          url = next.href;
          continue;
        }
        await this.read(exchange, response);
        return;
      }
    } catch (error) {
      exchange.failure = { kind: 'network', message: describeNetworkError(error, this.limits.timeoutMs) };
    }
  }

  private async read(exchange: Exchange, response: Response): Promise<void> {
    const contentType = response.headers.get('content-type') ?? undefined;
    const bytes = await readBounded(response, this.limits.maxResponseBytes);
    if (bytes === undefined) {
      exchange.failure = {
        kind: 'too-large',
        message: `answered ${response.status} with a body larger than ${this.limits.maxResponseBytes} bytes (not read further)`,
      };
      return;
    }
    const text = new TextDecoder().decode(bytes);
    const received: ReceivedResponse = { status: response.status };
    if (contentType !== undefined) received.contentType = contentType;
    try {
      received.body = text === '' ? undefined : (JSON.parse(text) as unknown);
      exchange.json = text !== '';
    } catch {
      exchange.json = false;
    }
    if (!exchange.json && text !== '') received.text = text.slice(0, TEXT_EXCERPT);
    exchange.response = received;
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.limits.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

/** The body, or undefined when it is longer than `max` bytes (the rest is not read). */
async function readBounded(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

/** "connection refused (ECONNREFUSED)", "no response within 10000 ms": one line, no stack. */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no response within ${timeoutMs} ms`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return `${NETWORK_CAUSES[code] ?? String(cause?.message ?? code)} (${code})`;
  if (cause?.message === 'bad port') {
    // Node's fetch refuses ports of other protocols (the WHATWG "bad port" list: 25, 4190, 6000, …).
    return 'fetch refuses this port (it belongs to another protocol): serve the endpoint on another port';
  }
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
