/**
 * `auth` (when the contract declares `auth` and credentials are given with `--header 'Authorization: …'`):
 * the same request without the `Authorization` header must be refused with 401 or 403 and a code the
 * contract declares with that status. Anything else means the permission boundary is not enforced.
 */
import type { VerifyContext } from '../context.js';
import { answered, declareHint, isSuccess, result, undeclaredError } from '../judge.js';
import type { CheckResult } from '../report.js';
import { firstRequest } from './first-request.js';

const CHECK = 'auth';
const NAME = 'request without credentials';

export async function checkAuth(ctx: VerifyContext): Promise<CheckResult[]> {
  const auth = ctx.version.contract.auth;
  if (auth === undefined) return [result(CHECK, NAME, 'skip', 'the contract declares no `auth`')];
  if (ctx.authHeader === undefined) {
    return [
      result(
        CHECK,
        NAME,
        'skip',
        `${ctx.label} declares \`auth\`: give its credentials with --header "Authorization: …" to check that a request without them is refused`,
      ),
    ];
  }
  const chosen = firstRequest(ctx);
  if ('none' in chosen) return [result(CHECK, NAME, 'skip', chosen.none)];
  const exchange = await ctx.runner.send(CHECK, NAME, chosen.body, { without: [ctx.authHeader] });
  const roles = auth.roles?.length ? ` (roles: ${auth.roles.join(', ')})` : '';
  const status = exchange.response?.status;
  if (status === undefined) {
    return [
      result(
        CHECK,
        NAME,
        'fail',
        `a request without \`${ctx.authHeader}\` got no response: ${exchange.failure?.message ?? 'unknown'}`,
        exchange,
      ),
    ];
  }
  if (isSuccess(status)) {
    return [
      result(
        CHECK,
        NAME,
        'fail',
        `auth is not enforced: a request without the \`${ctx.authHeader}\` header was accepted with ${status}, but ${ctx.label} declares \`auth\`${roles}; it must be refused with 401 or 403`,
        exchange,
      ),
    ];
  }
  if (status !== 401 && status !== 403) {
    return [
      result(
        CHECK,
        NAME,
        'fail',
        `a request without \`${ctx.authHeader}\` got ${answered(ctx, exchange)}: it must be refused with 401 or 403`,
        exchange,
      ),
    ];
  }
  const undeclared = undeclaredError(ctx, exchange);
  if (undeclared !== undefined) {
    return [
      result(
        CHECK,
        NAME,
        'fail',
        `refused without \`${ctx.authHeader}\`, but ${undeclared}: ${declareHint(ctx)}`,
        exchange,
      ),
    ];
  }
  return [
    result(
      CHECK,
      NAME,
      'pass',
      `refused without \`${ctx.authHeader}\`: ${answered(ctx, exchange)}`,
      exchange,
    ),
  ];
}
