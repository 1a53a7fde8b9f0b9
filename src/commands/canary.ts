/** `contractguard canary evaluate|validate`: judge a canary report against the endpoint's canary policy. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import { collectCanary } from '../canary/collect.js';
import { type CanaryEvaluation, type CanaryJudgement, evaluateCanary } from '../canary/evaluate.js';
import { PrometheusError, prometheusClient } from '../canary/prometheus.js';
import { canaryCheckName } from '../canary/promotion.js';
import { type PayloadSummary, validatePayloadFile } from '../canary/payloads.js';
import { type CanaryReport, parseCanaryReport } from '../canary/report.js';
import { ShadowInputError } from '../canary/shadow.js';
import { CanaryInputError, loadCanaryEndpoint, parseMajor, parseWindow } from '../canary/target.js';
import { compileResolved } from '../consumers/validator.js';
import { FsSource } from '../load/source.js';
import { loadContractSet } from '../load/load.js';
import type { CanaryPolicy } from '../model/types.js';
import { formatProblem, parseEndpointFile } from '../model/validate.js';
import { renderCanaryText, renderPayloadText, renderPublishedLine } from '../report/canary.js';
import {
  type CliIo,
  type Command,
  helpHint,
  oneOf,
  parseOptions,
  repoDir,
  showedHelp,
  UsageError,
} from './common.js';
import { asUsageError, contractRoot } from './tree-input.js';

const NAME = 'canary';

const USAGE = `Usage: contractguard canary evaluate REPORT [options]

Judge a canary report (JSON, see schemas/canary-report.schema.json) against
the endpoint's canary policy (\`canary:\` in its endpoint.yaml) and say
promote, hold or rollback.

Arguments:
  REPORT            the canary report file

Options:
  --root DIR        contract root inside the repository (default: contracts)
  --repo DIR        the repository (default: the current directory)
  --endpoint NAME   the endpoint whose policy applies (default: the report's
                      endpoint; must match it when given)
  --policy FILE     read the policy from this endpoint.yaml instead of the tree
  --now ISO         the current time (default: the clock); a window is only
                      counted up to now
  --judgement MODE  statistical or threshold (default: the policy's
                      canary.judgement, else statistical; docs/canary.md)
  --format FORMAT   text (default): a table and the verdict
                    json: { "verdict", "criteria": [ { "name", "measured",
                      "threshold", "outcome", "explanation" } ] }
  -h, --help        show this help

Exit codes:
  0  promote: enough data and every criterion passes
  1  rollback: a criterion fails
  3  hold: not enough data yet (too few requests, too short a window, a
       metric missing, a zero baseline, a side without data, or an error
       rate not yet above or below its limit with 95% confidence)
  2  bad usage, an unreadable or invalid report or policy

Usage: contractguard canary collect --endpoint NAME --baseline N --candidate M
         --prometheus URL --window DURATION [options]

Build a canary report (the format canary evaluate reads) from Prometheus'
HTTP API: one instant query per side and measure at the window's end. By
default the OpenTelemetry HTTP server histogram
http_server_request_duration_seconds with labels http_route (the endpoint's
route, {major} filled in), http_request_method, http_response_status_code
(5xx = error); \`canary.prometheus\` in endpoint.yaml overrides them. The
report records every query; a side with no series is "noData", never zeros.

Options:
  --endpoint NAME     the endpoint (required)
  --baseline N        the baseline major (required)
  --candidate M       the candidate major (required)
  --prometheus URL    the Prometheus base URL, e.g. http://localhost:9090
  --window DURATION   the window, e.g. 30m, 2h (whole seconds)
  --end TIME          when the window ends: ISO 8601 (default: now)
  --root DIR, --repo DIR  as above

Exit codes:
  0  the report is printed (JSON, on stdout)
  2  bad usage, an unknown endpoint or major, Prometheus unreachable or
       answering an error

Usage: contractguard canary run --endpoint NAME --baseline N --candidate M
         --prometheus URL --window DURATION [options]

collect, then evaluate the report against the endpoint's policy: the output
and exit codes of canary evaluate (--format, --judgement as there); --format
json adds the collected "report" next to "verdict" and "criteria".

Options (besides collect's):
  --publish           also publish the verdict as the check run
                        "canary / <endpoint>" that the promotion bot reads
                        (the Action's canary mode publishes the same); the
                        token comes from GITHUB_TOKEN, the API from
                        GITHUB_API_URL (default https://api.github.com)
  --sha SHA           with --publish: the commit the canary runs (default:
                        GITHUB_SHA)
  --repository OWNER/NAME  with --publish: the repository (default:
                        GITHUB_REPOSITORY)

Exit codes: as canary evaluate; 2 also when GitHub refuses the check run.

Usage: contractguard canary validate SAMPLES.jsonl --endpoint NAME --major N [options]

Check sampled canary traffic against the candidate major's schemas: each line
of SAMPLES.jsonl is { "request"?: ..., "response"?: ... }; a request is
validated against the major's input schema, a response against its output
schema. The file is streamed.

Options:
  --endpoint NAME     the endpoint (required)
  --major N           the candidate major (required)
  --root DIR, --repo DIR  as above
  --max-examples N    invalid examples shown per side (default: 5)
  --format FORMAT     text (default) or json: { "samples", "requests":
                        { "checked", "invalid", "rate" }, "responses": {...},
                        "examples": [ { "side", "line", "path", "message" } ] }

Exit codes:
  0  every sample is valid
  1  a request or response is invalid
  2  bad usage, an unknown endpoint or major, an unreadable file or a
       malformed line (named by its number)
`;

export const canaryCommand: Command = {
  name: NAME,
  summary:
    'Judge a canary report against the endpoint policy (promote, hold or rollback), or collect one from Prometheus.',
  usage: USAGE,
  run: runCanary,
};

const EXIT: Record<CanaryEvaluation['verdict'], number> = { promote: 0, rollback: 1, hold: 3 };

async function runCanary(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      root: { type: 'string' },
      repo: { type: 'string' },
      endpoint: { type: 'string' },
      policy: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string' },
      major: { type: 'string' },
      'max-examples': { type: 'string' },
      judgement: { type: 'string' },
      baseline: { type: 'string' },
      candidate: { type: 'string' },
      prometheus: { type: 'string' },
      window: { type: 'string' },
      end: { type: 'string' },
      publish: { type: 'boolean' },
      sha: { type: 'string' },
      repository: { type: 'string' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  const [sub, ...args] = positionals;
  if (sub === undefined)
    throw new UsageError(`canary needs a subcommand: evaluate, collect, run or validate; ${helpHint(NAME)}`);
  if (sub !== 'collect' && sub !== 'run') {
    for (const flag of COLLECT_FLAGS) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is for canary collect, not ${sub}`);
    }
  }
  if (sub !== 'run') {
    for (const flag of PUBLISH_FLAGS) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is for canary run, not ${sub}`);
    }
  }
  if (sub === 'collect') return runCollect(args, values, io);
  if (sub === 'run') return runRun(args, values, io);
  if (sub === 'validate') {
    if (values.judgement !== undefined)
      throw new UsageError('--judgement is for canary evaluate, not validate');
    return runValidate(args, values, io);
  }
  if (sub !== 'evaluate') {
    throw new UsageError(
      `unknown canary subcommand ${JSON.stringify(sub)}; it is evaluate, collect, run or validate`,
    );
  }
  for (const flag of ['major', 'max-examples'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for canary validate, not evaluate`);
  }
  const judgement = oneOf<CanaryJudgement>(
    '--judgement',
    values.judgement,
    ['statistical', 'threshold'],
    'statistical or threshold',
    NAME,
  );
  if (args.length !== 1) {
    throw new UsageError(
      `canary evaluate needs one REPORT file, but got ${args.length}; usage: contractguard canary evaluate REPORT [options]`,
    );
  }
  const format =
    oneOf<'text' | 'json'>('--format', values.format, ['text', 'json'], 'text or json', NAME) ?? 'text';
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) {
      throw new UsageError(
        `--now must be an ISO 8601 date-time (e.g. 2026-11-25T12:00:00Z), not ${JSON.stringify(values.now)}`,
      );
    }
  }

  const typed = args[0] ?? '';
  const parsed = parseCanaryReport(readText(resolve(io.cwd, typed), typed, 'REPORT'), typed);
  if (parsed.value === undefined) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    throw new UsageError(`${parsed.problems[0] ?? `\`${typed}\`: invalid report`}${more}`);
  }
  const report = parsed.value;
  if (values.endpoint !== undefined && values.endpoint !== report.endpoint) {
    throw new UsageError(
      `--endpoint ${values.endpoint} does not match the report, which is for ${report.endpoint}`,
    );
  }

  const policy =
    values.policy === undefined
      ? await policyFromTree(report, values.repo, values.root, io.cwd)
      : policyFromFile(report, values.policy, io.cwd);

  const evaluation = evaluateCanary(report, policy, {
    ...(now === undefined ? {} : { now }),
    ...(judgement === undefined ? {} : { judgement }),
  });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify({ verdict: evaluation.verdict, criteria: evaluation.criteria }, null, 2)}\n`
      : renderCanaryText(report, evaluation),
  );
  return EXIT[evaluation.verdict];
}

const COLLECT_FLAGS = ['baseline', 'candidate', 'prometheus', 'window', 'end'] as const;
const PUBLISH_FLAGS = ['publish', 'sha', 'repository'] as const;

async function runCollect(args: string[], values: ValidateOptions, io: CliIo): Promise<number> {
  for (const flag of ['format', 'judgement'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is not an option of canary collect`);
  }
  const { report } = await collectFromOptions('collect', args, values, io);
  io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

/** `canary run`: collect, then evaluate against the same endpoint's policy. */
async function runRun(args: string[], values: ValidateOptions, io: CliIo): Promise<number> {
  const format =
    oneOf<'text' | 'json'>('--format', values.format, ['text', 'json'], 'text or json', NAME) ?? 'text';
  const judgement = oneOf<CanaryJudgement>(
    '--judgement',
    values.judgement,
    ['statistical', 'threshold'],
    'statistical or threshold',
    NAME,
  );
  const target = values.publish === true ? publishTarget(values) : undefined;
  if (target === undefined && (values.sha !== undefined || values.repository !== undefined)) {
    throw new UsageError(`--${values.sha !== undefined ? 'sha' : 'repository'} is for --publish`);
  }
  const { report, canary, file } = await collectFromOptions('run', args, values, io);
  const policy = requireCanary(canary, file);
  const evaluation = evaluateCanary(report, policy, judgement === undefined ? {} : { judgement });
  let published: string | undefined;
  if (target !== undefined) {
    // Loaded only here: GitHub's client is no cost to a run that does not publish.
    const github = await import('../github/canary-check.js');
    try {
      const run = await github.publishCanaryCheckWithToken(
        github.canaryCheckResult(report, evaluation),
        target,
      );
      published = run.checkRun.url ?? `check run ${run.checkRun.id}`;
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  }
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(
          {
            verdict: evaluation.verdict,
            criteria: evaluation.criteria,
            report,
            ...(target === undefined
              ? {}
              : {
                  published: { check: canaryCheckName(report.endpoint), sha: target.headSha, url: published },
                }),
          },
          null,
          2,
        )}\n`
      : `${renderCanaryText(report, evaluation)}${
          target === undefined
            ? ''
            : renderPublishedLine(
                canaryCheckName(report.endpoint),
                `${target.owner}/${target.repo}`,
                target.headSha,
              )
        }`,
  );
  return EXIT[evaluation.verdict];
}

/**
 * Where `--publish` writes: the token from GITHUB_TOKEN (never a flag: command lines are visible to other
 * users), the repository from --repository or GITHUB_REPOSITORY, the commit from --sha or GITHUB_SHA.
 * Checked before anything is collected.
 */
function publishTarget(values: ValidateOptions): {
  owner: string;
  repo: string;
  headSha: string;
  token: string;
} {
  const env = process.env;
  const token = env.GITHUB_TOKEN ?? '';
  if (token === '') {
    throw new UsageError('--publish needs a GitHub token in the environment variable GITHUB_TOKEN');
  }
  const repository = values.repository ?? env.GITHUB_REPOSITORY ?? '';
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (match === null) {
    throw new UsageError(
      repository === ''
        ? '--publish needs the repository: --repository OWNER/NAME (or GITHUB_REPOSITORY)'
        : `--repository must be OWNER/NAME, not ${JSON.stringify(repository)}`,
    );
  }
  const sha = values.sha ?? env.GITHUB_SHA ?? '';
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) {
    throw new UsageError(
      sha === ''
        ? '--publish needs the commit the canary runs: --sha SHA (or GITHUB_SHA)'
        : `--sha must be a full commit SHA (40 hex digits), not ${JSON.stringify(sha)}`,
    );
  }
  return { owner: match[1] ?? '', repo: match[2] ?? '', headSha: sha, token };
}

async function collectFromOptions(
  sub: 'collect' | 'run',
  args: string[],
  values: ValidateOptions,
  io: CliIo,
): Promise<{ report: CanaryReport; canary: CanaryPolicy | undefined; file: string }> {
  if (args.length !== 0) {
    throw new UsageError(
      `canary ${sub} takes no arguments, but got ${JSON.stringify(args[0])}; usage: contractguard canary ${sub} --endpoint NAME --baseline N --candidate M --prometheus URL --window DURATION`,
    );
  }
  for (const flag of ['policy', 'now', 'major', 'max-examples'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is not an option of canary ${sub}`);
  }
  for (const flag of ['endpoint', 'baseline', 'candidate', 'prometheus', 'window'] as const) {
    if (values[flag] === undefined) throw new UsageError(`canary ${sub} needs --${flag}`);
  }
  const majorOf = (flag: 'baseline' | 'candidate'): number => {
    const typed = values[flag] ?? '';
    const major = parseMajor(typed);
    if (major === undefined) {
      throw new UsageError(`--${flag} must be a major version, 1 or more, not ${JSON.stringify(typed)}`);
    }
    return major;
  };
  const baseline = majorOf('baseline');
  const candidate = majorOf('candidate');
  const windowMs = parseWindow(values.window ?? '');
  if (windowMs === undefined) {
    throw new UsageError(
      `--window must be a duration of whole seconds such as 30m, 2h or 1h30m, not ${JSON.stringify(values.window)}`,
    );
  }
  let end = new Date();
  if (values.end !== undefined) {
    end = new Date(values.end);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.end) || Number.isNaN(end.getTime())) {
      throw new UsageError(
        `--end must be an ISO 8601 date-time (e.g. 2026-11-25T12:00:00Z), not ${JSON.stringify(values.end)}`,
      );
    }
  }

  const repo = repoDir(values.repo, io.cwd);
  const root = contractRoot(values.root);
  const name = values.endpoint ?? '';
  const endpoint = await asUsageError(async () => {
    try {
      return await loadCanaryEndpoint(repo, root, name, [baseline, candidate]);
    } catch (err) {
      if (err instanceof CanaryInputError)
        throw new UsageError(`${err.message}${err.noEndpoint ? '; use --root' : ''}`);
      throw err;
    }
  });
  try {
    const client = prometheusClient(values.prometheus ?? '');
    const report = await collectCanary({
      endpoint: endpoint.endpoint,
      baseline,
      candidate,
      end,
      windowMs,
      client,
    });
    return { report, canary: endpoint.endpoint.canary, file: endpoint.file };
  } catch (err) {
    if (err instanceof PrometheusError) throw new UsageError(err.message);
    throw err;
  }
}

interface ValidateOptions {
  root?: string;
  repo?: string;
  endpoint?: string;
  policy?: string;
  now?: string;
  format?: string;
  major?: string;
  'max-examples'?: string;
  judgement?: string;
  baseline?: string;
  candidate?: string;
  prometheus?: string;
  window?: string;
  end?: string;
  publish?: boolean;
  sha?: string;
  repository?: string;
}

async function runValidate(args: string[], values: ValidateOptions, io: CliIo): Promise<number> {
  if (args.length !== 1) {
    throw new UsageError(
      `canary validate needs one SAMPLES file, but got ${args.length}; usage: contractguard canary validate SAMPLES.jsonl --endpoint NAME --major N`,
    );
  }
  for (const flag of ['policy', 'now'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for canary evaluate, not validate`);
  }
  const format =
    oneOf<'text' | 'json'>('--format', values.format, ['text', 'json'], 'text or json', NAME) ?? 'text';
  if (values.endpoint === undefined) throw new UsageError('canary validate needs --endpoint NAME');
  if (values.major === undefined) throw new UsageError('canary validate needs --major N');
  if (!/^[1-9]\d*$/.test(values.major)) {
    throw new UsageError(`--major must be a whole number, 1 or more, not ${JSON.stringify(values.major)}`);
  }
  const major = Number(values.major);
  let maxExamples = 5;
  if (values['max-examples'] !== undefined) {
    if (!/^\d+$/.test(values['max-examples'])) {
      throw new UsageError(
        `--max-examples must be a whole number, 0 or more, not ${JSON.stringify(values['max-examples'])}`,
      );
    }
    maxExamples = Number(values['max-examples']);
  }

  const typed = args[0] ?? '';
  const path = resolve(io.cwd, typed);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`SAMPLES: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`SAMPLES: ${typed} is a directory, not a file`);

  const repo = repoDir(values.repo, io.cwd);
  const root = contractRoot(values.root);
  const set = await asUsageError(() => loadContractSet(new FsSource(repo), { root }));
  const endpoint = set.endpoints.get(values.endpoint);
  if (endpoint === undefined) {
    const file = `${root === '.' ? '' : `${root}/`}${values.endpoint}/endpoint.yaml`;
    const problem = set.problems.find((p) => p.file === file);
    throw new UsageError(
      problem === undefined
        ? `no endpoint ${values.endpoint} under ${root} (expected ${file}); use --root`
        : formatProblem(problem),
    );
  }
  const version = endpoint.versions.get(major);
  if (version === undefined) {
    const known = [...endpoint.versions.keys()].sort((a, b) => a - b).map((m) => `v${m}`);
    throw new UsageError(
      `${values.endpoint} has no major ${major}${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`,
    );
  }
  const validators = { request: compileResolved(version.input), response: compileResolved(version.output) };
  for (const [side, schema] of [
    ['input', validators.request],
    ['output', validators.response],
  ] as const) {
    if ('error' in schema) {
      throw new UsageError(`${version.file}: the ${side} schema cannot be used to validate: ${schema.error}`);
    }
  }

  let summary: PayloadSummary;
  try {
    summary = await validatePayloadFile(path, validators, { maxExamples });
  } catch (err) {
    if (err instanceof ShadowInputError) throw new UsageError(`${typed}:${err.line}: ${err.reason}`);
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new UsageError(`SAMPLES: cannot read ${typed} (${code})`);
    throw err;
  }
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : renderPayloadText(typed, values.endpoint, major, summary),
  );
  return summary.requests.invalid + summary.responses.invalid > 0 ? 1 : 0;
}

function readText(path: string, typed: string, what: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`${what}: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`${what}: ${typed} is a directory, not a file`);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    throw new UsageError(`${what}: cannot read ${typed}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

async function policyFromTree(
  report: CanaryReport,
  repoTyped: string | undefined,
  rootTyped: string | undefined,
  cwd: string,
): Promise<CanaryPolicy> {
  const repo = repoDir(repoTyped, cwd);
  const root = contractRoot(rootTyped);
  const set = await asUsageError(() => loadContractSet(new FsSource(repo), { root }));
  const file = `${root === '.' ? '' : `${root}/`}${report.endpoint}/endpoint.yaml`;
  const endpoint = set.endpoints.get(report.endpoint);
  if (endpoint === undefined) {
    const problem = set.problems.find((p) => p.file === file);
    throw new UsageError(
      problem === undefined
        ? `no endpoint ${report.endpoint} under ${root} (expected ${file}); use --root or --policy`
        : formatProblem(problem),
    );
  }
  return requireCanary(endpoint.endpoint.canary, endpoint.file);
}

function policyFromFile(report: CanaryReport, typed: string, cwd: string): CanaryPolicy {
  const text = readText(resolve(cwd, typed), typed, '--policy');
  const parsed = parseEndpointFile(text, typed);
  const first = parsed.problems[0];
  if (parsed.value === undefined || first !== undefined) {
    throw new UsageError(first === undefined ? `\`${typed}\`: invalid endpoint.yaml` : formatProblem(first));
  }
  if (parsed.value.name !== report.endpoint) {
    throw new UsageError(
      `--policy ${typed} is for endpoint ${parsed.value.name}, but the report is for ${report.endpoint}`,
    );
  }
  return requireCanary(parsed.value.canary, typed);
}

function requireCanary(canary: CanaryPolicy | undefined, file: string): CanaryPolicy {
  if (canary === undefined) throw new UsageError(`\`${file}\` has no canary: policy to evaluate against`);
  return canary;
}
