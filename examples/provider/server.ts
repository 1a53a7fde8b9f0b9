/**
 * The example provider: a small real HTTP implementation of contracts-example's current majors, with
 * in-memory data — what `contractguard verify` checks in `npm run demo:verify` and in the tests. Built with
 * faults (faults.ts), it drifts from its contracts in one way each.
 *
 *   POST /internal/syncCustomers/v3   sync-customers v3
 *   POST /internal/exportOrders/v1    export-orders v1
 *   POST /internal/enrichEvents/v1    enrich-events v1
 *
 * Every route wants `Authorization: Bearer <token>`; errors are `{ "code", "message" }` with the status the
 * contract declares for the code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApiError } from './api.js';
import { enrichEventsV1 } from './enrich-events.js';
import { exportOrdersV1 } from './export-orders.js';
import type { Fault } from './faults.js';
import { createState, type ProviderState } from './state.js';
import { syncCustomersV3 } from './sync-customers.js';

/** The credentials the example provider accepts unless told otherwise. */
export const DEMO_TOKEN = 'verify-demo-token';

/** Largest request body read. */
const MAX_BODY_BYTES = 1024 * 1024;

interface Route {
  handle: (state: ProviderState, body: unknown) => unknown;
  /** The code the endpoint declares for a body that is not JSON. */
  invalidCode: string;
}

const ROUTES: Record<string, Route> = {
  '/internal/syncCustomers/v3': { handle: syncCustomersV3, invalidCode: 'INVALID_REQUEST' },
  '/internal/exportOrders/v1': { handle: exportOrdersV1, invalidCode: 'INVALID_REQUEST' },
  '/internal/enrichEvents/v1': { handle: enrichEventsV1, invalidCode: 'INVALID_EVENT' },
};

export interface ProviderOptions {
  faults?: readonly Fault[];
  /** The bearer token required (default `DEMO_TOKEN`). */
  token?: string;
}

export interface RunningProvider {
  /** `http://127.0.0.1:<port>`: the base URL to verify. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function createProvider(opts: ProviderOptions = {}): Server {
  const state = createState(opts.faults ?? []);
  const token = opts.token ?? DEMO_TOKEN;
  return createServer((req, res) => {
    serve(state, token, req, res).catch((error: unknown) => {
      reply(res, 500, {
        code: 'INTERNAL_ERROR',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  });
}

/** Starts a provider on loopback (`port` 0: any free port). */
export async function startProvider(
  opts: ProviderOptions & { port?: number } = {},
): Promise<RunningProvider> {
  const server = createProvider(opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  state: ProviderState,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const route = ROUTES[new URL(req.url ?? '/', 'http://localhost').pathname];
  if (route === undefined) return reply(res, 404, { code: 'NOT_FOUND', message: 'no such endpoint' });
  if (req.method !== 'POST') return reply(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
  if (!state.faults.has('auth-not-enforced') && req.headers.authorization !== `Bearer ${token}`) {
    return reply(res, 401, { code: 'UNAUTHORIZED', message: 'a service token is required' });
  }
  try {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(400, route.invalidCode, 'the body is not JSON', true);
    }
    reply(res, 200, route.handle(state, body));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.invalidInput && state.faults.has('server-error-on-invalid-input')) {
      // The fault: the script crashes on input it did not expect instead of refusing it.
      return reply(res, 500, { code: 'INTERNAL_ERROR', message: `TypeError: ${error.message}` });
    }
    if (error.invalidInput && state.faults.has('undeclared-error-code')) {
      return reply(res, 400, { code: 'VALIDATION_FAILED', message: error.message });
    }
    reply(res, error.status, { code: error.code, message: error.message });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > MAX_BODY_BYTES) throw new ApiError(413, 'BATCH_TOO_LARGE', 'the body is too large', true);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
