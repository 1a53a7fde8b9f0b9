/**
 * The bot's front door for webhook deliveries, ahead of Probot's own middleware, which reads any body
 * whole, answers a payload its handlers cannot read with HTTP 500 and logs the error with the whole
 * payload attached. Here a delivery is:
 *
 * 1. refused with 413 when its body is over GitHub's 25 MB cap — from `Content-Length` before reading, or
 *    as soon as a chunked body passes it; the rest is read and dropped, never kept;
 * 2. refused with 400 when a webhook header is missing or the signature does not verify (before parsing);
 * 3. refused with 400 when it is not JSON, or lacks a field the handlers read (`payloadProblem`);
 * 4. handed to the app; answered 200 when the handlers are done, 500 when one failed, or 202 after 9 s
 *    while they go on (GitHub gives up on a delivery after 10 s).
 *
 * Every answer is one line of text, and every log line names the delivery by id, event, action and
 * repository only (`deliverySummary`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { errorText, httpStatus } from './client.js';
import { deliverySummary } from './delivery-summary.js';
import { payloadProblem } from './webhook-payload.js';

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
/** GitHub waits 10 s for an answer; answer 202 before that while the handlers go on. */
export const ANSWER_WITHIN_MS = 9_000;

/** Probot's webhooks (`probot.webhooks`), as far as the intake uses them. */
export interface DeliveryReceiver {
  verify(payload: string, signature: string): Promise<boolean>;
  receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
}

export interface IntakeLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface IntakeOptions {
  /** The webhook path, e.g. `/api/github/webhooks`. */
  path: string;
  log: IntakeLog;
  maxBytes?: number;
  answerWithinMs?: number;
}

const HEADERS = ['x-github-event', 'x-github-delivery', 'x-hub-signature-256'] as const;
/** How much of a refused body is read and dropped before the connection is cut. */
const DRAIN_LIMIT = 2 * MAX_PAYLOAD_BYTES;

/** A request handler: true when the request was a webhook delivery (answered), false to pass it on. */
export function webhookIntake(
  receiver: DeliveryReceiver,
  opts: IntakeOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const maxBytes = opts.maxBytes ?? MAX_PAYLOAD_BYTES;
  const answerWithinMs = opts.answerWithinMs ?? ANSWER_WITHIN_MS;
  const { log } = opts;
  const path = pathOf(opts.path);
  return async (req, res) => {
    if (pathOf(req.url) !== path) return false;
    if (req.method !== 'POST') return answer(res, 405, `${req.method ?? '?'} is not allowed here; POST`);
    if (!/^\s*application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      drain(req);
      return answer(res, 415, 'Content-Type must be application/json');
    }
    const missing = HEADERS.filter((h) => typeof req.headers[h] !== 'string');
    if (missing.length > 0) {
      drain(req);
      return answer(res, 400, `missing header ${missing.join(', ')}`);
    }
    const id = req.headers['x-github-delivery'] as string;
    const name = req.headers['x-github-event'] as string;
    const signature = req.headers['x-hub-signature-256'] as string;
    const head = { id, name };

    const body = await readBody(req, maxBytes);
    if (body === 'too-large') {
      log.warn(`${deliverySummary(head)}: refused, the body is over ${maxBytes} bytes`);
      return answer(res, 413, `payload too large: over ${maxBytes} bytes (GitHub sends at most 25 MB)`);
    }
    if (body === 'aborted') return true;
    const text = body.toString('utf8');
    if (!(await receiver.verify(text, signature).catch(() => false))) {
      log.warn(`${deliverySummary(head)}: refused, the signature does not match the webhook secret`);
      return answer(res, 400, 'signature does not match the payload and the webhook secret');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      log.warn(`${deliverySummary(head)}: refused, the body is not JSON`);
      return answer(res, 400, 'the body is not JSON');
    }
    const problem = payloadProblem(name, payload);
    if (problem !== undefined) {
      log.warn(`${deliverySummary({ id, name, payload })}: refused, ${problem}`);
      return answer(res, 400, problem);
    }
    await handle(receiver, unloggable({ id, name, payload }), res, log, answerWithinMs);
    return true;
  };
}

/** Hands the delivery to the app; answers when it is done, or 202 once `answerWithinMs` have passed. */
async function handle(
  receiver: DeliveryReceiver,
  event: { id: string; name: string; payload: unknown },
  res: ServerResponse,
  log: IntakeLog,
  answerWithinMs: number,
): Promise<void> {
  const summary = deliverySummary(event);
  let answered = false;
  const timer = setTimeout(() => {
    answered = true;
    answer(res, 202, 'accepted; still processing');
  }, answerWithinMs);
  try {
    await receiver.receive(event);
    log.info(`${summary}: done`);
    if (!answered) answer(res, 200, 'ok');
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
    const why = errors
      .map(
        (e) => (httpStatus(e) === undefined ? '' : `GitHub answered HTTP ${httpStatus(e)}: `) + errorText(e),
      )
      .join('; ');
    log.error(`${summary}: failed: ${why}`);
    if (!answered) answer(res, 500, `a handler failed: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The event with its payload readable but not enumerable. @octokit/webhooks attaches the event to every error
 * on the way (Probot's event context, an installation token that could not be had, a handler's failure) and
 * Probot logs those errors: a logger serialises enumerable properties only, so the payload stays out.
 */
function unloggable(event: { id: string; name: string; payload: unknown }): typeof event {
  const { payload, ...head } = event;
  return Object.defineProperty(head, 'payload', { value: payload, enumerable: false }) as typeof event;
}

type Body = Buffer | 'too-large' | 'aborted';

/** The body, unless it is (or announces itself as) over `maxBytes`: then the rest is read and dropped. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    drain(req);
    return Promise.resolve('too-large');
  }
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks = [];
      req.off('data', onData);
      drain(req);
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks, size) : 'too-large'));
    req.once('error', () => resolve('aborted'));
    req.once('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

/** Reads the rest of a refused body without keeping it, up to a bound; past it, cuts the connection. */
function drain(req: IncomingMessage): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > DRAIN_LIMIT) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function answer(res: ServerResponse, status: number, text: string): true {
  if (!res.headersSent) {
    const line = `${text.replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(line);
  }
  return true;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
  } catch {
    return '';
  }
}
