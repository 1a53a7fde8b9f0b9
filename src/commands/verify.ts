/** `contractguard verify`: run one endpoint major's contract against a running implementation of it. */
import { FsSource } from '../load/source.js';
import { loadContractSet } from '../load/load.js';
import { renderVerifyJson } from '../report/verify-json.js';
import { renderVerifyJunit } from '../report/verify-junit.js';
import { renderVerifyMarkdown } from '../report/verify-markdown.js';
import { renderVerifyText } from '../report/verify-text.js';
import { DEFAULT_LIMITS, UnreachableError } from '../verify/http.js';
import { CHECK_IDS, type CheckId } from '../verify/report.js';
import { selectVersion } from '../verify/select.js';
import { parseHeaders, TargetError } from '../verify/target.js';
import { DEFAULT_MAX_PAGES, verifyVersion } from '../verify/verify.js';
import {
  type CliIo,
  type Command,
  helpHint,
  noArguments,
  oneOf,
  parseOptions,
  repoDir,
  showedHelp,
  UsageError,
} from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'verify';
const FORMATS = ['text', 'json', 'junit', 'markdown'] as const;
const SENDING = CHECK_IDS.filter((c) => c !== 'errors');

const USAGE = `Usage: contractguard verify --endpoint NAME --major N --base-url URL [options]

Run an endpoint major's contract against a running implementation of it:
replay every consumer's recorded requests, send requests generated from the
input schema (valid and invalid ones), and check idempotency, pagination,
auth and error codes (each check is described in docs/verify.md).

Verification sends real requests, writes included: point it at staging,
never at production. Every request carries X-Contractguard-Verify: 1.

Options:
  --endpoint NAME     the endpoint (required)
  --major N           its major version (required)
  --base-url URL      where it runs, e.g. https://staging.internal (required);
                        requests go to URL + the route, {major} filled in,
                        with the method of endpoint.yaml (default POST)
  --header 'N: V'     a header for every request (repeatable); values are
                        redacted in reports. Give credentials with
                        --header "Authorization: …" to run the auth check
  --only CHECK        run only these checks (repeatable or comma-separated):
                        ${SENDING.join(', ')};
                        --only fixtures sends recorded traffic only. errors
                        always judges the responses the run received
  --root DIR          contract root inside the repository (default: contracts)
  --repo DIR          the repository (default: the current directory)
  --format FORMAT     text (default), json (see schemas/verify-report.schema.json),
                        junit (JUnit XML for CI test reporters) or markdown
  --timeout-ms N      time limit of each request (default ${DEFAULT_LIMITS.timeoutMs})
  --concurrency N     requests in flight at once (default ${DEFAULT_LIMITS.concurrency})
  --max-requests N    requests the run may make (default ${DEFAULT_LIMITS.maxRequests})
  --max-pages N       pages the pagination check walks (default ${DEFAULT_MAX_PAGES})
  -h, --help          show this help

Exit codes:
  0  every check passed (warnings and skipped checks do not fail)
  1  a check failed
  2  bad usage, an unknown endpoint or major, or the endpoint cannot be
       reached (one line naming the URL and the cause)
`;

export const verifyCommand: Command = {
  name: NAME,
  summary: 'Run an endpoint major’s contract against a running implementation (staging).',
  usage: USAGE,
  run: runVerify,
};

async function runVerify(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      endpoint: { type: 'string' },
      major: { type: 'string' },
      'base-url': { type: 'string' },
      header: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      root: { type: 'string' },
      repo: { type: 'string' },
      format: { type: 'string' },
      'timeout-ms': { type: 'string' },
      concurrency: { type: 'string' },
      'max-requests': { type: 'string' },
      'max-pages': { type: 'string' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  noArguments(positionals, NAME);
  const endpointName = required(values.endpoint, '--endpoint', 'NAME');
  const major = count(required(values.major, '--major', 'N'), '--major');
  const baseUrl = required(values['base-url'], '--base-url', 'URL');
  const format = oneOf('--format', values.format, FORMATS, 'text, json, junit or markdown', NAME) ?? 'text';
  const only = values.only === undefined ? undefined : checkIds(values.only);
  const headers = asUsage(() => parseHeaders(values.header ?? []));
  const limits = {
    timeoutMs: optionalCount(values['timeout-ms'], '--timeout-ms') ?? DEFAULT_LIMITS.timeoutMs,
    concurrency: optionalCount(values.concurrency, '--concurrency') ?? DEFAULT_LIMITS.concurrency,
    maxRequests: optionalCount(values['max-requests'], '--max-requests') ?? DEFAULT_LIMITS.maxRequests,
  };
  const maxPages = optionalCount(values['max-pages'], '--max-pages') ?? DEFAULT_MAX_PAGES;

  const repo = repoDir(values.repo, io.cwd);
  const root = contractRoot(values.root);
  const set = await asUsageError(() => loadContractSet(new FsSource(repo), { root }));
  const { endpoint, version } = asUsage(() => selectVersion(set, endpointName, major));
  let report;
  try {
    report = await verifyVersion(set, endpoint, version, {
      baseUrl,
      headers,
      ...(only === undefined ? {} : { only }),
      limits,
      maxPages,
    });
  } catch (error) {
    if (error instanceof UnreachableError) throw new UsageError(`contractguard verify: ${error.message}`);
    if (error instanceof TargetError) throw new UsageError(error.message);
    throw error;
  }
  const rendered =
    format === 'json'
      ? renderVerifyJson(report)
      : format === 'junit'
        ? renderVerifyJunit(report)
        : format === 'markdown'
          ? renderVerifyMarkdown(report)
          : renderVerifyText(report, { color: io.color === true });
  io.stdout(rendered);
  return report.passed ? 0 : 1;
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`verify needs ${flag} ${what}; ${helpHint(NAME)}`);
  }
  return value;
}

function count(typed: string, flag: string): number {
  if (!/^[1-9]\d{0,8}$/.test(typed)) {
    throw new UsageError(`${flag} must be a whole number greater than 0, not ${JSON.stringify(typed)}`);
  }
  return Number(typed);
}

function optionalCount(typed: string | undefined, flag: string): number | undefined {
  return typed === undefined ? undefined : count(typed, flag);
}

function checkIds(typed: string[]): CheckId[] {
  const ids = typed.flatMap((t) => t.split(',')).map((t) => t.trim());
  for (const id of ids) {
    if (!(SENDING as readonly string[]).includes(id)) {
      throw new UsageError(
        `--only ${JSON.stringify(id)} is not a check; the checks are ${SENDING.join(', ')} (errors always runs)`,
      );
    }
  }
  return ids as CheckId[];
}

function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(error.message);
    throw error;
  }
}
