/** `contractguard canary evaluate|validate`: judge a canary report against the endpoint's canary policy. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  type CanaryEvaluation,
  type CanaryCriterion,
  evaluateCanary,
  formatDuration,
  num,
} from '../canary/evaluate.js';
import { type PayloadSummary, validatePayloadFile } from '../canary/payloads.js';
import { type CanaryReport, parseCanaryReport } from '../canary/report.js';
import { ShadowInputError } from '../canary/shadow.js';
import { compileResolved } from '../consumers/validator.js';
import { FsSource } from '../load/source.js';
import { loadContractSet } from '../load/load.js';
import type { CanaryPolicy } from '../model/types.js';
import { formatProblem, parseEndpointFile } from '../model/validate.js';
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
  --format FORMAT   text (default): a table and the verdict
                    json: { "verdict", "criteria": [ { "name", "measured",
                      "threshold", "outcome", "explanation" } ] }
  -h, --help        show this help

Exit codes:
  0  promote: enough data and every criterion passes
  1  rollback: a criterion fails
  3  hold: not enough data yet (too few requests, too short a window, a
       metric missing, a zero baseline)
  2  bad usage, an unreadable or invalid report or policy

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
  summary: 'Judge a canary report against the endpoint policy: promote, hold or rollback.',
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
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  const [sub, ...args] = positionals;
  if (sub === undefined)
    throw new UsageError(`canary needs a subcommand: evaluate or validate; ${helpHint(NAME)}`);
  if (sub === 'validate') return runValidate(args, values, io);
  if (sub !== 'evaluate') {
    throw new UsageError(`unknown canary subcommand ${JSON.stringify(sub)}; it is evaluate or validate`);
  }
  for (const flag of ['major', 'max-examples'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for canary validate, not evaluate`);
  }
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

  const evaluation = evaluateCanary(report, policy, now === undefined ? {} : { now });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify({ verdict: evaluation.verdict, criteria: evaluation.criteria }, null, 2)}\n`
      : renderText(report, evaluation),
  );
  return EXIT[evaluation.verdict];
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
      : renderPayloads(typed, values.endpoint, major, summary),
  );
  return summary.requests.invalid + summary.responses.invalid > 0 ? 1 : 0;
}

function renderPayloads(file: string, endpoint: string, major: number, s: PayloadSummary): string {
  const rate = (r: number | null) => (r === null ? 'nothing checked' : `${num(r * 100)}% invalid`);
  const out = [
    `payloads ${file} against ${endpoint} v${major}: ${s.samples} sample${s.samples === 1 ? '' : 's'}`,
    `requests:  ${s.requests.checked} checked, ${s.requests.invalid} invalid (${rate(s.requests.rate)})`,
    `responses: ${s.responses.checked} checked, ${s.responses.invalid} invalid (${rate(s.responses.rate)})`,
  ];
  if (s.examples.length > 0) out.push('');
  for (const e of s.examples)
    out.push(`${file}:${e.line}: ${e.side} ${e.path === '' ? '(root)' : e.path}: ${e.message}`);
  return `${out.join('\n')}\n`;
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

// ---- text output ----------------------------------------------------------------------------------

function renderText(report: CanaryReport, evaluation: CanaryEvaluation): string {
  const rows = evaluation.criteria.map((c) => [c.name, measured(c), threshold(c), c.outcome]);
  const header = ['criterion', 'measured', 'threshold', 'outcome'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    `canary ${report.endpoint}: v${report.candidate.major} against v${report.baseline.major}, ${report.window.start} – ${report.window.end}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  const notes = evaluation.criteria.filter((c) => c.outcome !== 'pass');
  for (const c of notes) out.push(`${c.outcome === 'fail' ? 'fail' : 'hold'}: ${c.name}: ${c.explanation}`);
  if (notes.length > 0) out.push('');
  const because: Record<CanaryEvaluation['verdict'], string> = {
    promote: 'enough data, every criterion passes',
    rollback: count(evaluation.criteria, 'fail', 'failing '),
    hold: `not enough data yet for ${count(evaluation.criteria, 'insufficient-data', '')}`,
  };
  out.push(`verdict: ${evaluation.verdict} — ${because[evaluation.verdict]}`);
  return `${out.join('\n')}\n`;
}

function count(criteria: CanaryCriterion[], outcome: CanaryCriterion['outcome'], adjective: string): string {
  const n = criteria.filter((c) => c.outcome === outcome).length;
  return `${n} ${adjective}criteri${n === 1 ? 'on' : 'a'}`;
}

function measured(c: CanaryCriterion): string {
  if (c.measured === null) return '—';
  return format(c, c.measured);
}

function threshold(c: CanaryCriterion): string {
  const value = format(c, c.threshold);
  if (c.name === 'minRequests' || c.name === 'minDuration') return `≥ ${value}`;
  if (c.name.endsWith('.below')) return `≥ ${value}`;
  if (c.name.endsWith('.aboveAbs')) return `|Δ| ≤ ${value}`;
  if (c.name.endsWith('.aboveRatioToBaseline')) return `≤ ${value} baseline`;
  return `≤ ${value}`;
}

function format(c: CanaryCriterion, n: number): string {
  if (c.name === 'minDuration') return formatDuration(n);
  if (c.name === 'errorRate.above') return `${num(n * 100)}%`;
  if (c.name.endsWith('.aboveRatioToBaseline')) return `${num(n)}×`;
  if (/^p9\dLatencyMs\.above$/.test(c.name)) return `${num(n)} ms`;
  return num(n);
}
