/**
 * `errors`: every non-2xx response anywhere in the run — to recorded, generated or invalid requests alike —
 * must carry a code the contract declares in `errors`, with the status declared for it. It sends nothing: it
 * reads what the other checks received, so it runs whatever `--only` picks.
 */
import type { VerifyContext } from '../context.js';
import { declareHint, result, undeclaredError } from '../judge.js';
import type { CheckResult } from '../report.js';

const CHECK = 'errors';
const NAME = 'every error response';

export function checkErrors(ctx: VerifyContext): CheckResult[] {
  const errors = ctx.runner.exchanges.filter((e) => e.response !== undefined && e.response.status >= 300);
  if (errors.length === 0) return [result(CHECK, NAME, 'skip', 'no response in this run was an error')];
  const offenders = errors.flatMap((exchange) => {
    const problem = undeclaredError(ctx, exchange);
    return problem === undefined
      ? []
      : [{ exchange, line: `${exchange.check} (${exchange.name}) ${problem}` }];
  });
  if (offenders.length === 0) {
    return [
      result(
        CHECK,
        NAME,
        'pass',
        `${errors.length} error response${errors.length === 1 ? '' : 's'}, each with a code ${ctx.label} declares with its status`,
      ),
    ];
  }
  const first = offenders[0];
  const more = offenders.length > 1 ? ` (and ${offenders.length - 1} more)` : '';
  return [
    result(
      CHECK,
      NAME,
      'fail',
      `${offenders.length} of ${errors.length} error responses break the contract's \`errors\`: ${first?.line ?? ''}${more}; ${declareHint(ctx)}`,
      first?.exchange,
      offenders.length > 1 ? offenders.map((o) => o.line) : undefined,
    ),
  ];
}
