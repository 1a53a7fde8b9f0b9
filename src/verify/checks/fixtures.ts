/**
 * `fixtures`: every request fixture of every consumer of the major is sent, as recorded. The answer must be a
 * 2xx with valid output that has what the consumer reads (its `expects`), or, when the fixture records a
 * declared error, that error with its status. Failures name the consumer and the field.
 */
import type { VerifyContext } from '../context.js';
import type { Exchange } from '../http.js';
import { answered, errorCodeOf, invalidSuccess, isSuccess, refusalHint, result } from '../judge.js';
import { getField } from '../fields.js';
import type { RecordedCase } from '../recorded.js';
import type { CheckResult } from '../report.js';
import { describeIssues, validateBody, type Issue } from '../validate.js';

const CHECK = 'fixtures';

export async function checkFixtures(ctx: VerifyContext): Promise<CheckResult[]> {
  if (ctx.recorded.length === 0) {
    return [
      result(
        CHECK,
        'recorded requests',
        'skip',
        `no consumer of ${ctx.label} records a request fixture: register consumers with \`fixtures\` to replay their traffic`,
      ),
    ];
  }
  return Promise.all(ctx.recorded.map((c) => replay(ctx, c)));
}

async function replay(ctx: VerifyContext, c: RecordedCase): Promise<CheckResult> {
  if ('error' in c.request) {
    return result(
      CHECK,
      c.name,
      'skip',
      `\`${c.file}\` cannot be read (${c.request.error}): run \`contractguard check\``,
    );
  }
  const input = validateBody(ctx.version.input, c.request.value);
  if ('unusable' in input)
    return result(CHECK, c.name, 'skip', `the input schema cannot be used: ${input.unusable}`);
  if (!input.valid) {
    return result(
      CHECK,
      c.name,
      'skip',
      `\`${c.file}\` is not valid ${ctx.label} input (${describeIssues(input.issues)}), so it is not sent: run \`contractguard check\``,
    );
  }
  const exchange = await ctx.runner.send(CHECK, c.name, c.request.value);
  const expected = recordedError(ctx, c);
  return expected === undefined ? judgeSuccess(ctx, c, exchange) : judgeError(ctx, c, exchange, expected);
}

/** The declared error the fixture's recorded response holds, if it holds one. */
function recordedError(ctx: VerifyContext, c: RecordedCase): { code: string; status: number } | undefined {
  const field = getField(c.recorded, ctx.errorCodeField);
  if (!field.found || typeof field.value !== 'string') return undefined;
  const code = field.value;
  return ctx.errors.find((e) => e.code === code);
}

function judgeSuccess(ctx: VerifyContext, c: RecordedCase, exchange: Exchange): CheckResult {
  const fail = (message: string) => result(CHECK, c.name, 'fail', message, exchange);
  const response = exchange.response;
  if (response === undefined) return fail(`got no response: ${exchange.failure?.message ?? 'unknown'}`);
  if (!isSuccess(response.status)) {
    return fail(
      `answered ${answered(ctx, exchange)} to a request ${c.consumer} sends (recorded as succeeding): the endpoint no longer serves this consumer${refusalHint(ctx, exchange)}`,
    );
  }
  const output = invalidSuccess(ctx, exchange) ?? [];
  const reads =
    c.expects === undefined || !exchange.json ? undefined : validateBody(c.expects, response.body);
  const broken: Issue[] = reads !== undefined && 'valid' in reads && !reads.valid ? reads.issues : [];
  if (broken.length > 0) {
    const lines = broken.map((i) => `${c.consumer} reads ${i.field}, which ${i.says}`);
    const also = output.length > 0 ? `; not valid ${ctx.label} output either: ${describeIssues(output)}` : '';
    return fail(`answered ${response.status}, but ${lines.join('; ')}${also}`);
  }
  if (output.length > 0) {
    return fail(
      `answered ${response.status}, but the response is not valid ${ctx.label} output: ${describeIssues(output)}`,
    );
  }
  const unusable =
    reads !== undefined && 'unusable' in reads ? ` (its \`expects\` cannot be used: ${reads.unusable})` : '';
  const consumerPart = c.expects === undefined ? '' : `, with what ${c.consumer} reads`;
  return result(
    CHECK,
    c.name,
    'pass',
    `answered ${response.status}: valid ${ctx.label} output${consumerPart}${unusable}`,
    exchange,
  );
}

function judgeError(
  ctx: VerifyContext,
  c: RecordedCase,
  exchange: Exchange,
  expected: { code: string; status: number },
): CheckResult {
  const response = exchange.response;
  const code = errorCodeOf(ctx, exchange);
  if (response !== undefined && response.status === expected.status && code === expected.code) {
    return result(
      CHECK,
      c.name,
      'pass',
      `answered ${expected.status} \`${expected.code}\`, the error ${c.consumer} recorded`,
      exchange,
    );
  }
  return result(
    CHECK,
    c.name,
    'fail',
    `answered ${answered(ctx, exchange)}, but ${c.consumer} recorded the declared error ${expected.status} \`${expected.code}\` for this request`,
    exchange,
  );
}
