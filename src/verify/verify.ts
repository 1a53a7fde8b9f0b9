/**
 * `contractguard verify` without the command line: one endpoint major of a loaded tree, run against a base
 * URL, as a `VerifyReport`. Check families run one after the other (in `CHECK_IDS` order, so a report reads
 * the same every time); the requests of one family run concurrently within the runner's limits. `errors`
 * runs last: it judges every response the others received.
 */
import type { ContractSet, LoadedEndpoint, LoadedVersion } from '../model/types.js';
import { checkAuth } from './checks/auth.js';
import { checkErrors } from './checks/errors.js';
import { checkFixtures } from './checks/fixtures.js';
import { checkGeneratedInvalid } from './checks/generated-invalid.js';
import { checkGeneratedValid } from './checks/generated-valid.js';
import { checkIdempotency } from './checks/idempotency.js';
import { checkPagination } from './checks/pagination.js';
import { createContext, type VerifyContext } from './context.js';
import { DEFAULT_LIMITS, HttpRunner, type HttpLimits } from './http.js';
import {
  CHECK_IDS,
  CHECK_STATUSES,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type VerifyReport,
} from './report.js';
import { authorizationHeader, DEFAULT_METHOD, endpointUrl } from './target.js';

export interface VerifyOptions {
  baseUrl: string;
  /** Sent with every request (credentials, a tenant); recorded redacted. */
  headers?: Record<string, string>;
  /** Run only these checks (`errors` always judges what they received). */
  only?: readonly CheckId[];
  limits?: Partial<HttpLimits>;
  /** Pages the pagination check walks at most (default 10). */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 10;

const SENDING_CHECKS: Record<Exclude<CheckId, 'errors'>, (ctx: VerifyContext) => Promise<CheckResult[]>> = {
  fixtures: checkFixtures,
  'generated-valid': checkGeneratedValid,
  'generated-invalid': checkGeneratedInvalid,
  idempotency: checkIdempotency,
  pagination: checkPagination,
  auth: checkAuth,
};

/**
 * Runs the checks against `opts.baseUrl`. Throws `UnreachableError` when the first request gets no HTTP
 * response, and `TargetError` for a base URL or header that cannot be used.
 */
export async function verifyVersion(
  set: ContractSet,
  endpoint: LoadedEndpoint,
  version: LoadedVersion,
  opts: VerifyOptions,
): Promise<VerifyReport> {
  const headers = opts.headers ?? {};
  const url = endpointUrl(opts.baseUrl, endpoint.endpoint, version.major);
  const method = endpoint.endpoint.method ?? DEFAULT_METHOD;
  const runner = new HttpRunner({ url, method, headers }, { ...DEFAULT_LIMITS, ...opts.limits });
  const ctx = createContext({
    set,
    endpoint,
    version,
    runner,
    authHeader: authorizationHeader(headers),
    maxPages: opts.maxPages ?? DEFAULT_MAX_PAGES,
  });
  const results: CheckResult[] = [];
  for (const id of CHECK_IDS) {
    if (id === 'errors' || (opts.only !== undefined && !opts.only.includes(id))) continue;
    results.push(...(await SENDING_CHECKS[id](ctx)));
  }
  results.push(...checkErrors(ctx));
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  for (const r of results) counts[r.status]++;
  return {
    endpoint: version.endpoint,
    major: version.major,
    version: version.contract.version,
    baseUrl: opts.baseUrl,
    url,
    method,
    passed: counts.fail === 0,
    counts,
    requests: runner.count,
    results,
  };
}
