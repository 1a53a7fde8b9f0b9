/**
 * Canary verdicts published as the check run `canary / <endpoint>` that the promotion bot reads
 * (src/github/canary-promotion.ts): its summary holds a readable table (failing criteria first) and, hidden in
 * an HTML comment opened by `<!-- contractguard:canary`, the machine-readable result with the measurements
 * as JSON, which the bot reads back with `readCanaryCheckOutput` and judges again.
 *
 * Three publishers share `publishCanaryCheck`: the Action's canary mode with a report file
 * (`runCanaryCheck`) or with Prometheus (`runCanaryCollectCheck`: collect, evaluate, publish), and
 * `contractguard canary run --publish` (`publishCanaryCheckWithToken`).
 *
 * The Action's exit codes: 0 promote, 1 rollback, 0 hold — a hold is "not enough data yet", not a failure of
 * the step (the check run's conclusion is `neutral`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { collectCanary } from '../canary/collect.js';
import { type CanaryCriterion, type CanaryEvaluation, evaluateCanary } from '../canary/evaluate.js';
import { PrometheusError, prometheusClient } from '../canary/prometheus.js';
import { type CanaryCheckResult, canaryCheckName } from '../canary/promotion.js';
import { type CanaryReport, parseCanaryReport } from '../canary/report.js';
import { loadCanaryEndpoint, parseMajor, parseWindow } from '../canary/target.js';
import { loadContractSet } from '../load/load.js';
import { FsSource } from '../load/source.js';
import type { CanaryPolicy } from '../model/types.js';
import { formatProblem } from '../model/validate.js';
import { CANARY_MARKER, CANARY_MARKER_END, canaryCheckTitle, renderCanarySummary } from '../report/canary.js';
import {
  type CheckConclusion,
  type ChecksApi,
  publishCheckRun,
  type PublishedCheckRun,
} from './check-run.js';
import { createClient, errorText } from './client.js';

/** Where a canary check run goes. */
export interface CanaryCheckTarget {
  headSha: string;
  owner: string;
  repo: string;
  github: () => ChecksApi;
  log?: { info(message: string): void };
}

export interface CanaryCheckOptions extends CanaryCheckTarget {
  workspace: string;
  /** Contract root relative to the workspace. */
  root: string;
  /** The report file, relative to the workspace (or absolute). */
  reportPath: string;
  /** When given, must match the report's endpoint. */
  endpoint?: string;
  now?: Date;
}

export interface CanaryCheckRun {
  result: CanaryCheckResult;
  summary: string;
  exitCode: number;
  checkRun: PublishedCheckRun;
}

const CONCLUSION: Record<CanaryEvaluation['verdict'], CheckConclusion> = {
  promote: 'success',
  rollback: 'failure',
  hold: 'neutral',
};
const EXIT: Record<CanaryEvaluation['verdict'], number> = { promote: 0, rollback: 1, hold: 0 };

/** What the check run carries: the verdict, the criteria and the measurements they were judged on. */
export function canaryCheckResult(report: CanaryReport, evaluation: CanaryEvaluation): CanaryCheckResult {
  return {
    verdict: evaluation.verdict,
    criteria: evaluation.criteria,
    endpoint: report.endpoint,
    baseline: report.baseline.major,
    candidate: report.candidate.major,
    report,
  };
}

/** Publishes the result as `canary / <endpoint>` on the head SHA (created, or updated in place). */
export async function publishCanaryCheck(
  result: CanaryCheckResult,
  target: CanaryCheckTarget,
): Promise<CanaryCheckRun> {
  const summary = renderCanarySummary(result);
  const checkRun = await publishCheckRun(target.github(), {
    owner: target.owner,
    repo: target.repo,
    headSha: target.headSha,
    name: canaryCheckName(result.endpoint),
    conclusion: CONCLUSION[result.verdict],
    title: canaryCheckTitle(result),
    summary,
  });
  target.log?.info(`contractguard: ${canaryCheckTitle(result)}`);
  return { result, summary, exitCode: EXIT[result.verdict], checkRun };
}

/**
 * For `contractguard canary run --publish`: the result published with `token` against `GITHUB_API_URL`
 * (default https://api.github.com). A refusal (bad token, unknown repository) is thrown as one line.
 */
export async function publishCanaryCheckWithToken(
  result: CanaryCheckResult,
  target: { owner: string; repo: string; headSha: string; token: string },
): Promise<CanaryCheckRun> {
  try {
    return await publishCanaryCheck(result, { ...target, github: () => createClient(target.token) });
  } catch (err) {
    throw new Error(
      `cannot publish the check run ${canaryCheckName(result.endpoint)} to ${target.owner}/${target.repo}: ${errorText(err)}`,
    );
  }
}

/** Reads and judges the report, publishes the check run. Throws (with a one-line reason) on bad input. */
export async function runCanaryCheck(opts: CanaryCheckOptions): Promise<CanaryCheckRun> {
  const file = opts.reportPath;
  let text: string;
  try {
    text = readFileSync(resolve(opts.workspace, file), 'utf8');
  } catch {
    throw new Error(`cannot read the canary report ${file}`);
  }
  const parsed = parseCanaryReport(text, file);
  if (parsed.value === undefined) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    throw new Error(`${parsed.problems[0] ?? `\`${file}\`: invalid report`}${more}`);
  }
  const report = parsed.value;
  if (opts.endpoint !== undefined && opts.endpoint !== report.endpoint) {
    throw new Error(
      `input endpoint ${opts.endpoint} does not match the report, which is for ${report.endpoint}`,
    );
  }
  const policy = await policyOf(opts.workspace, opts.root, report.endpoint);
  const evaluation = evaluateCanary(report, policy, opts.now === undefined ? {} : { now: opts.now });
  return publishCanaryCheck(canaryCheckResult(report, evaluation), opts);
}

/** The Action's canary inputs as given (empty when not set): a report file, or Prometheus to collect one from. */
export interface CanaryActionInputs {
  report: string;
  prometheusUrl: string;
  endpoint: string;
  baseline: string;
  candidate: string;
  window: string;
}

/**
 * The Action's canary mode: judges the `report` file, or collects one from `prometheus-url` over `window`
 * (default 30m), and publishes `canary / <endpoint>`. Throws one line when the inputs do not say which.
 */
export async function runCanaryAction(
  target: Omit<CanaryCheckOptions, 'reportPath' | 'endpoint' | 'now'>,
  inputs: CanaryActionInputs,
): Promise<CanaryCheckRun> {
  if (inputs.report === '' && inputs.prometheusUrl === '')
    throw new Error('mode canary needs the report input (a canary report JSON file) or prometheus-url');
  if (inputs.report !== '' && inputs.prometheusUrl !== '')
    throw new Error('mode canary takes the report input or prometheus-url, not both');
  if (inputs.prometheusUrl === '')
    return runCanaryCheck({ ...target, reportPath: inputs.report, endpoint: inputs.endpoint || undefined });
  return runCanaryCollectCheck({
    ...target,
    endpoint: inputs.endpoint,
    baseline: inputs.baseline,
    candidate: inputs.candidate,
    prometheusUrl: inputs.prometheusUrl,
    window: inputs.window || '30m',
  });
}

export interface CanaryCollectCheckOptions extends CanaryCheckTarget {
  workspace: string;
  /** Contract root relative to the workspace. */
  root: string;
  endpoint: string;
  /** The majors and the window as the inputs give them (`2`, `3`, `30m`): checked here. */
  baseline: string;
  candidate: string;
  prometheusUrl: string;
  window: string;
  /** When the window ends; default now. */
  end?: Date;
}

/**
 * The Action's canary mode with Prometheus: collects the report (as `contractguard canary collect`), judges
 * it against the endpoint's policy and publishes it. Throws one line on bad input or an unreachable Prometheus.
 */
export async function runCanaryCollectCheck(opts: CanaryCollectCheckOptions): Promise<CanaryCheckRun> {
  if (opts.endpoint === '') throw new Error('canary mode with prometheus-url needs the endpoint input');
  const major = (input: 'baseline' | 'candidate'): number => {
    const value = parseMajor(opts[input]);
    if (value === undefined) {
      throw new Error(
        `input ${input} must be a major version, 1 or more, not ${JSON.stringify(opts[input])}`,
      );
    }
    return value;
  };
  const baseline = major('baseline');
  const candidate = major('candidate');
  const windowMs = parseWindow(opts.window);
  if (windowMs === undefined) {
    throw new Error(
      `input window must be a duration of whole seconds such as 30m, 2h or 1h30m, not ${JSON.stringify(opts.window)}`,
    );
  }
  const loaded = await loadCanaryEndpoint(opts.workspace, opts.root, opts.endpoint, [baseline, candidate]);
  const policy = loaded.endpoint.canary;
  if (policy === undefined) throw new Error(`\`${loaded.file}\` has no canary: policy`);
  let report: CanaryReport;
  try {
    report = await collectCanary({
      endpoint: loaded.endpoint,
      baseline,
      candidate,
      end: opts.end ?? new Date(),
      windowMs,
      client: prometheusClient(opts.prometheusUrl),
    });
  } catch (err) {
    if (err instanceof PrometheusError)
      throw new Error(err.message.replace(/^--prometheus\b/, 'input prometheus-url'));
    throw err;
  }
  const evaluation = evaluateCanary(report, policy);
  return publishCanaryCheck(canaryCheckResult(report, evaluation), opts);
}

async function policyOf(workspace: string, root: string, endpoint: string): Promise<CanaryPolicy> {
  const set = await loadContractSet(new FsSource(workspace), { root });
  const file = `${root === '.' ? '' : `${root}/`}${endpoint}/endpoint.yaml`;
  const loaded = set.endpoints.get(endpoint);
  if (loaded === undefined) {
    const problem = set.problems.find((p) => p.file === file);
    throw new Error(
      problem === undefined
        ? `no endpoint ${endpoint} under ${root} (expected ${file})`
        : formatProblem(problem),
    );
  }
  if (loaded.endpoint.canary === undefined) throw new Error(`\`${loaded.file}\` has no canary: policy`);
  return loaded.endpoint.canary;
}

// ---- reading it back (the bot) ----------------------------------------------------------------------

export type CanaryCheckRead =
  { value: CanaryCheckResult; problem?: undefined } | { value?: undefined; problem: string };

const VERDICTS = new Set(['promote', 'hold', 'rollback']);
const OUTCOMES = new Set(['pass', 'fail', 'insufficient-data']);

/**
 * The JSON a check run's output carries after the marker: inside the HTML comment it opens, or — as check
 * runs published before the result was hidden wrote it — in a fenced `json` block after `<!-- contractguard:canary -->`.
 */
function machineBlock(text: string): { json: string } | { problem: string } {
  const at = text.indexOf(CANARY_MARKER);
  if (at < 0) return { problem: `the check run output has no ${CANARY_MARKER} ${CANARY_MARKER_END} block` };
  const rest = text.slice(at + CANARY_MARKER.length);
  const legacy = /^ -->\s*```json\r?\n([\s\S]*?)\r?\n```/.exec(rest);
  if (legacy !== null) return { json: legacy[1] ?? '' };
  if (rest.startsWith(' -->')) return { problem: 'no ```json block follows the marker' };
  const end = rest.indexOf(CANARY_MARKER_END);
  if (end < 0) return { problem: `the ${CANARY_MARKER} block is not closed with ${CANARY_MARKER_END}` };
  return { json: rest.slice(0, end) };
}

/** The result in a check run's summary or text: the JSON of the hidden block after the marker, validated. */
export function readCanaryCheckOutput(text: string | null | undefined): CanaryCheckRead {
  if (!text) return { problem: 'the check run has no output' };
  const block = machineBlock(text);
  if ('problem' in block) return block;
  let data: unknown;
  try {
    data = JSON.parse(block.json);
  } catch {
    return { problem: 'the block after the marker is not valid JSON' };
  }
  const d = data as Partial<Record<keyof CanaryCheckResult, unknown>> | null;
  if (d === null || typeof d !== 'object') return { problem: 'the report is not a JSON object' };
  if (typeof d.verdict !== 'string' || !VERDICTS.has(d.verdict))
    return { problem: 'the report has no valid verdict' };
  if (typeof d.endpoint !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(d.endpoint)) {
    return { problem: 'the report has no valid endpoint' };
  }
  const major = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  if (!major(d.baseline) || !major(d.candidate))
    return { problem: 'the report has no valid baseline and candidate majors' };
  if (!Array.isArray(d.criteria)) return { problem: 'the report has no criteria list' };
  for (const c of d.criteria as unknown[]) {
    const x = c as Partial<Record<keyof CanaryCriterion, unknown>> | null;
    if (
      x === null ||
      typeof x !== 'object' ||
      typeof x.name !== 'string' ||
      !(x.measured === null || typeof x.measured === 'number') ||
      typeof x.threshold !== 'number' ||
      typeof x.outcome !== 'string' ||
      !OUTCOMES.has(x.outcome) ||
      typeof x.explanation !== 'string'
    ) {
      return { problem: 'a criterion in the report is malformed' };
    }
  }
  // The measurements: the bot judges them itself, so a check run without them cannot be acted on.
  if (d.report === undefined) {
    return {
      problem:
        'the check run carries no measurements (`report`); publish it with a contractguard Action that includes them',
    };
  }
  const report = parseCanaryReport(JSON.stringify(d.report), 'report');
  if (report.value === undefined) return { problem: report.problems[0] ?? 'the measurements are invalid' };
  return { value: { ...(data as CanaryCheckResult), report: report.value } };
}
