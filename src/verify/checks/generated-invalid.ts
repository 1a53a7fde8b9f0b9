/**
 * `generated-invalid`: requests the contract says are invalid — a required field left out, a wrong type, a
 * value out of range — must get a 4xx whose error code is declared in `errors` with that status. A 5xx
 * fails (it tells callers to retry what can never succeed); a 2xx is a warning: the endpoint is more lenient
 * than its contract, which no caller may rely on.
 */
import type { VerifyContext } from '../context.js';
import { INVALID_KINDS, invalidRequest, type InvalidKind } from '../invalid.js';
import { answered, declareHint, result, undeclaredError } from '../judge.js';
import type { CheckResult } from '../report.js';

const CHECK = 'generated-invalid';

const NAMES: Record<InvalidKind, string> = {
  'missing-required': 'missing required field',
  'wrong-type': 'wrong type',
  'out-of-range': 'out-of-range value',
};

export async function checkGeneratedInvalid(ctx: VerifyContext): Promise<CheckResult[]> {
  return Promise.all(INVALID_KINDS.map((kind) => sendInvalid(ctx, kind)));
}

async function sendInvalid(ctx: VerifyContext, kind: InvalidKind): Promise<CheckResult> {
  const name = NAMES[kind];
  const base = kind === 'missing-required' ? ctx.minimal : ctx.full;
  if ('none' in base) return result(CHECK, name, 'skip', base.none);
  const invalid = invalidRequest(
    ctx.version.input,
    kind,
    'body' in ctx.minimal ? ctx.minimal.body : undefined,
    'body' in ctx.full ? ctx.full.body : undefined,
  );
  if ('none' in invalid) return result(CHECK, name, 'skip', invalid.none);
  const exchange = await ctx.runner.send(CHECK, name, invalid.body);
  const status = exchange.response?.status;
  const fault = `an invalid request (${invalid.fault})`;
  if (status === undefined) {
    return result(
      CHECK,
      name,
      'fail',
      `${fault} got no response: ${exchange.failure?.message ?? 'unknown'}`,
      exchange,
    );
  }
  if (status >= 200 && status < 300) {
    return result(
      CHECK,
      name,
      'warn',
      `the endpoint is more lenient than its contract: it accepted ${fault} with ${status}. No caller may rely on that; validate the input, or widen the contract if the endpoint means to accept it`,
      exchange,
    );
  }
  if (status >= 500) {
    return result(
      CHECK,
      name,
      'fail',
      `${fault} got ${answered(ctx, exchange)}, a server error: invalid input must get a 4xx with a declared error code, never a 5xx (callers retry a 5xx)`,
      exchange,
    );
  }
  if (status < 400) {
    return result(
      CHECK,
      name,
      'fail',
      `${fault} got ${status}: invalid input must get a 4xx with a declared error code`,
      exchange,
    );
  }
  const undeclared = undeclaredError(ctx, exchange);
  if (undeclared !== undefined) {
    return result(CHECK, name, 'fail', `${fault} ${undeclared}: ${declareHint(ctx)}`, exchange);
  }
  return result(CHECK, name, 'pass', `rejected ${fault} with ${answered(ctx, exchange)}`, exchange);
}
