/**
 * Reading one exchange against the contract: whether it succeeded, whether a success is valid output, and
 * whether an error carries a code the contract declares with that status. Shared by every check, so that
 * the same response is described in the same words wherever it shows up.
 */
import { DEFAULT_ERROR_CODE_FIELD, type VerifyContext } from './context.js';
import { getField } from './fields.js';
import type { Exchange } from './http.js';
import type { CheckResult, CheckStatus } from './report.js';
import { describeIssues, validateBody, type Issue } from './validate.js';

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** `200`, `400 INVALID_REQUEST`: the status and, for an error, the code its body carries. */
export function answered(ctx: VerifyContext, exchange: Exchange): string {
  const response = exchange.response;
  if (response === undefined) return `no response (${exchange.failure?.message ?? 'unknown'})`;
  if (isSuccess(response.status)) return String(response.status);
  const code = errorCodeOf(ctx, exchange);
  return code === undefined ? String(response.status) : `${response.status} \`${code}\``;
}

/** The code at the contract's error-code field of a JSON body, if it is a string. */
export function errorCodeOf(ctx: VerifyContext, exchange: Exchange): string | undefined {
  if (!exchange.json) return undefined;
  const field = getField(exchange.response?.body, ctx.errorCodeField);
  return field.found && typeof field.value === 'string' ? field.value : undefined;
}

/**
 * Why an error response breaks the contract's `errors`, or undefined when its code is declared with its
 * status: "answered 400 with code `X`, which sync-customers v3 does not declare in `errors` (…)".
 */
export function undeclaredError(ctx: VerifyContext, exchange: Exchange): string | undefined {
  const status = exchange.response?.status;
  if (status === undefined || isSuccess(status)) return undefined;
  const code = errorCodeOf(ctx, exchange);
  if (code === undefined) {
    const where =
      ctx.errorCodeField === DEFAULT_ERROR_CODE_FIELD
        ? 'set `errorCodeField` in contract.yaml if the endpoint puts its code elsewhere'
        : 'the contract’s `errorCodeField`';
    return `answered ${status} without an error code: the body has no string at \`${ctx.errorCodeField}\` (${where})`;
  }
  const declared = ctx.errors.find((e) => e.code === code);
  if (declared === undefined) {
    return `answered ${status} with code \`${code}\`, which ${ctx.label} does not declare in \`errors\``;
  }
  if (declared.status !== status) {
    return `answered ${status} with code \`${code}\`, which ${ctx.label} declares with status ${declared.status}`;
  }
  return undefined;
}

/** What to do about undeclared codes, with the codes that are declared: said once per message. */
export function declareHint(ctx: VerifyContext): string {
  return `declare the code in \`errors\` with its status, or answer with a declared one (${declaredList(ctx)})`;
}

export function declaredList(ctx: VerifyContext): string {
  if (ctx.errors.length === 0) return 'it declares none';
  return `declared: ${ctx.errors.map((e) => `\`${e.code}\` ${e.status}`).join(', ')}`;
}

/** Why a response that should be a success is not valid output, or undefined when it is. */
export function invalidSuccess(ctx: VerifyContext, exchange: Exchange): Issue[] | undefined {
  const response = exchange.response;
  if (response === undefined || !isSuccess(response.status)) return undefined;
  if (!exchange.json) {
    const type = response.contentType === undefined ? '' : ` (${response.contentType})`;
    return [{ field: 'the body', says: `is not JSON${type}` }];
  }
  const checked = validateBody(ctx.version.output, response.body);
  if ('unusable' in checked)
    return [{ field: 'the output schema', says: `cannot be used: ${checked.unusable}` }];
  return checked.valid ? undefined : checked.issues;
}

/**
 * The usual verdict on a request the contract says is valid: a 2xx with valid output passes; anything else
 * fails, in words that say what came back. Undefined when it passed.
 */
export function successProblem(ctx: VerifyContext, exchange: Exchange): string | undefined {
  const response = exchange.response;
  if (response === undefined) return `got no response: ${exchange.failure?.message ?? 'unknown'}`;
  if (!isSuccess(response.status))
    return `was refused with ${answered(ctx, exchange)}${refusalHint(ctx, exchange)}`;
  const invalid = invalidSuccess(ctx, exchange);
  if (invalid !== undefined) {
    return `answered ${response.status}, but the response is not valid ${ctx.label} output: ${describeIssues(invalid)}`;
  }
  return undefined;
}

/**
 * Why a refusal may be the run's own doing: a 401 or 403 to a run given no credentials for an endpoint that
 * declares `auth` says to give them, rather than that the endpoint broke.
 */
export function refusalHint(ctx: VerifyContext, exchange: Exchange): string {
  const status = exchange.response?.status;
  if ((status !== 401 && status !== 403) || ctx.authHeader !== undefined) return '';
  if (ctx.version.contract.auth === undefined) return '';
  return ' (no credentials were given: pass them with --header "Authorization: …")';
}

/**
 * A result, with the request and response of `exchange` when there is one. `details` is the whole list when
 * the message could only say the first few problems.
 */
export function result(
  check: CheckResult['check'],
  name: string,
  status: CheckStatus,
  message: string,
  exchange?: Exchange,
  details?: string[],
): CheckResult {
  const out: CheckResult = { check, name, status, message };
  if (details !== undefined && details.length > 0) out.details = details;
  if (exchange !== undefined) {
    out.request = exchange.request;
    if (exchange.response !== undefined) out.response = exchange.response;
  }
  return out;
}
