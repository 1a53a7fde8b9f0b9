/**
 * `idempotency` (when `sideEffects.idempotent: true`): the same request sent twice must succeed both times
 * with valid, equivalent responses. Fields the contract lists in `sideEffects.volatile` (a call id, a
 * timestamp) may differ; anything else that differs means the second call did not have the effect of none.
 */
import type { VerifyContext } from '../context.js';
import { differences, showValue } from '../equivalent.js';
import { withoutFields } from '../fields.js';
import { result, successProblem } from '../judge.js';
import type { CheckResult } from '../report.js';
import { firstRequest } from './first-request.js';

const CHECK = 'idempotency';

export async function checkIdempotency(ctx: VerifyContext): Promise<CheckResult[]> {
  const effects = ctx.version.contract.sideEffects;
  if (effects?.idempotent !== true) {
    return [
      result(
        CHECK,
        'same request twice',
        'skip',
        '`sideEffects.idempotent` is not true: the contract does not promise that a repeated call has the effect of one',
      ),
    ];
  }
  const chosen = firstRequest(ctx);
  const name = `same request twice (${chosen.label})`;
  if ('none' in chosen) return [result(CHECK, name, 'skip', chosen.none)];
  // One after the other: the second must see whatever the first wrote.
  const first = await ctx.runner.send(CHECK, `${name}, first`, chosen.body);
  const second = await ctx.runner.send(CHECK, `${name}, second`, chosen.body);
  for (const [which, exchange] of [
    ['first', first],
    ['second', second],
  ] as const) {
    const problem = successProblem(ctx, exchange);
    if (problem !== undefined) return [result(CHECK, name, 'fail', `the ${which} call ${problem}`, exchange)];
  }
  const volatile = effects.volatile ?? [];
  const diff = differences(
    withoutFields(first.response?.body, volatile),
    withoutFields(second.response?.body, volatile),
  );
  if (diff.length > 0) {
    const lines = diff.map((d) => `\`${d.field}\` was ${showValue(d.before)}, then ${showValue(d.after)}`);
    const hint =
      volatile.length === 0
        ? 'if a field differs by design (a call id, a timestamp), list it in `sideEffects.volatile`'
        : `only the fields listed in \`sideEffects.volatile\` may differ (${volatile.join(', ')})`;
    return [
      result(
        CHECK,
        name,
        'fail',
        `not idempotent: the same request twice gave different responses — ${lines.join('; ')}; ${hint}`,
        second,
      ),
    ];
  }
  const ignoring =
    volatile.length > 0 ? ` (apart from volatile ${volatile.map((v) => `\`${v}\``).join(', ')})` : '';
  return [result(CHECK, name, 'pass', `both calls succeeded with equivalent responses${ignoring}`, second)];
}
