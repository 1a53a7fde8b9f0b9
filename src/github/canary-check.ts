/**
 * The Action's canary mode: a canary report (JSON, `schemas/canary-report.schema.json`) is judged against
 * the endpoint's `canary:` policy from the checked-out tree, and the verdict is published as a check run
 * `canary / <endpoint>` whose summary holds a readable table (failing criteria first) and, hidden in an HTML
 * comment opened by `<!-- contractguard:canary`, the machine-readable result as JSON, which the bot
 * (src/github/canary-promotion.ts) reads back with `readCanaryCheckOutput`.
 *
 * Exit codes: 0 promote, 1 rollback, 0 hold — a hold is "not enough data yet", not a failure of the step
 * (the check run's conclusion is `neutral`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { type CanaryCriterion, type CanaryEvaluation, evaluateCanary } from '../canary/evaluate.js';
import { type CanaryCheckResult, canaryCheckName } from '../canary/promotion.js';
import { parseCanaryReport } from '../canary/report.js';
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

export interface CanaryCheckOptions {
  workspace: string;
  /** Contract root relative to the workspace. */
  root: string;
  /** The report file, relative to the workspace (or absolute). */
  reportPath: string;
  /** When given, must match the report's endpoint. */
  endpoint?: string;
  headSha: string;
  owner: string;
  repo: string;
  github: () => ChecksApi;
  now?: Date;
  log?: { info(message: string): void };
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
  const result: CanaryCheckResult = {
    verdict: evaluation.verdict,
    criteria: evaluation.criteria,
    endpoint: report.endpoint,
    baseline: report.baseline.major,
    candidate: report.candidate.major,
    report,
  };
  const summary = renderCanarySummary(result);
  const checkRun = await publishCheckRun(opts.github(), {
    owner: opts.owner,
    repo: opts.repo,
    headSha: opts.headSha,
    name: canaryCheckName(report.endpoint),
    conclusion: CONCLUSION[result.verdict],
    title: canaryCheckTitle(result),
    summary,
  });
  opts.log?.info(`contractguard: ${canaryCheckTitle(result)}`);
  return { result, summary, exitCode: EXIT[result.verdict], checkRun };
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
