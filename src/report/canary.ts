/**
 * The words of canary evaluation: the criteria table and check-run summary the Action publishes (and the
 * promotion PRs reuse), and the CLI's text for `canary evaluate` and `canary validate`.
 */
import { type CanaryCriterion, type CanaryEvaluation, formatDuration, num } from '../canary/evaluate.js';
import type { PayloadSummary } from '../canary/payloads.js';
import type { CanaryCheckResult } from '../canary/promotion.js';
import type { CanaryReport } from '../canary/report.js';
import { code, prose, text } from './markdown-text.js';

/**
 * Opens the hidden block of a canary check run's summary: the machine-readable result, as JSON inside an
 * HTML comment, which the promotion bot reads back (src/github/canary-check.ts). Readers see only the table.
 */
export const CANARY_MARKER = '<!-- contractguard:canary';
/** Closes it. */
export const CANARY_MARKER_END = '-->';

type Outcome = CanaryCriterion['outcome'];

/** Failing criteria first (they decide a rollback), then those waiting for data (a hold), then the rest. */
const ORDER: Record<Outcome, number> = { fail: 0, 'insufficient-data': 1, pass: 2 };

export function byImportance(criteria: readonly CanaryCriterion[]): CanaryCriterion[] {
  return criteria
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[a.c.outcome] - ORDER[b.c.outcome] || a.i - b.i)
    .map(({ c }) => c);
}

/** What a criterion measures, in words: `error rate`, `p95 latency vs baseline`, `synced_count_delta change`. */
export function criterionLabel(name: string): string {
  if (name === 'minRequests') return 'requests';
  if (name === 'minDuration') return 'duration';
  if (name === 'errorRate.above') return 'error rate';
  if (name === 'errorRate.aboveBaselineBy') return 'error rate vs baseline';
  const latency = /^(p9\d)LatencyMs\.(above|aboveRatioToBaseline)$/.exec(name);
  if (latency) return `${latency[1]} latency${latency[2] === 'above' ? '' : ' vs baseline'}`;
  const business = /^business\.(.+)\.(above|below|aboveAbs)$/.exec(name);
  if (business) return `${business[1]}${business[2] === 'aboveAbs' ? ' change vs baseline' : ''}`;
  return name;
}

/** `n` to `digits` significant digits, without float noise or trailing zeros (0.0123456 → 0.0123). */
function round(n: number, digits: number): string {
  return String(Number(n.toPrecision(digits)));
}

/**
 * A measured value or threshold in the criterion's unit, rounded for reading: `1h30m`, `2.13%`, `1.18×`,
 * `412 ms`. `extra` significant digits are added where rounding would hide a difference that decides.
 */
function value(c: CanaryCriterion, n: number, extra = 0): string {
  if (c.name === 'minDuration')
    return formatDuration(n >= 60_000 && extra === 0 ? Math.round(n / 1000) * 1000 : n);
  if (c.name === 'minRequests') return String(n);
  if (c.name === 'errorRate.above') return `${round(n * 100, 3 + extra)}%`;
  if (c.name === 'errorRate.aboveBaselineBy') return `${round(n * 100, 3 + extra)} pp`;
  if (c.name.endsWith('.aboveRatioToBaseline')) return `${round(n, 3 + extra)}×`;
  if (/^p9\dLatencyMs\.above$/.test(c.name))
    return `${n >= 100 && extra === 0 ? String(Math.round(n)) : round(n, 3 + extra)} ms`;
  return round(n, 3 + extra);
}

/** What passes, with its operator: `≤ 1%`, `≥ 500`, `|Δ| ≤ 0.005`, `≤ 1.2× baseline`, `≤ baseline + 0.5 pp`. */
function passesWhen(c: CanaryCriterion, shown: string): string {
  if (c.name === 'minRequests' || c.name === 'minDuration') return `≥ ${shown}`;
  if (c.name.endsWith('.below')) return `≥ ${shown}`;
  if (c.name.endsWith('.aboveAbs')) return `|Δ| ≤ ${shown}`;
  if (c.name.endsWith('.aboveRatioToBaseline')) return `≤ ${shown} baseline`;
  if (c.name === 'errorRate.aboveBaselineBy') return `≤ baseline + ${shown}`;
  return `≤ ${shown}`;
}

/**
 * The measured value and the threshold, rounded, with as many more digits as it takes for a criterion that
 * did not pass to show a value different from its threshold (1.0004% against 1% is not "1% against 1%").
 */
function shownValues(c: CanaryCriterion): { measured: string; threshold: string } {
  for (let extra = 0; ; extra++) {
    const measured = c.measured === null ? '—' : value(c, c.measured, extra);
    const threshold = value(c, c.threshold, extra);
    if (c.outcome === 'pass' || measured !== threshold || extra >= 4) {
      return { measured: signed(c, measured), threshold: passesWhen(c, threshold) };
    }
  }
}

/** A difference to the baseline's error rate with its sign: `+1.2 pp` (a rate above the baseline's). */
function signed(c: CanaryCriterion, measured: string): string {
  return c.name === 'errorRate.aboveBaselineBy' &&
    c.measured !== null &&
    c.measured > 0 &&
    !/^0 /.test(measured)
    ? `+${measured}`
    : measured;
}

/**
 * The decimal numbers of an explanation rounded the way the table rounds them (three significant digits,
 * whole numbers from 100 up); a version such as 3.2.0 is left alone.
 */
function roundedText(explanation: string): string {
  return explanation.replace(/(?<![\d.])\d+\.\d+(?![\d.])/g, (n) => {
    const x = Number(n);
    return Math.abs(x) >= 100 ? String(Math.round(x)) : round(x, 3);
  });
}

const OUTCOME: Record<Outcome, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  'insufficient-data': '⏳ not enough data',
};

/** The criteria as a Markdown table, failing ones first (the check run's summary and the promotion PRs). */
export function renderCriteriaTable(criteria: readonly CanaryCriterion[]): string {
  const rows = byImportance(criteria).map((c) => {
    const { measured, threshold } = shownValues(c);
    return `| ${text(criterionLabel(c.name))} ${code(c.name)} | ${text(measured)} | ${text(threshold)} | ${OUTCOME[c.outcome]} | ${prose(roundedText(c.explanation))} |`;
  });
  return [
    '| criterion | measured | passes when | outcome | why |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const VERDICT: Record<CanaryEvaluation['verdict'], string> = {
  promote: '✅ promote',
  hold: '⏳ hold: not enough data yet',
  rollback: '❌ roll back',
};

/**
 * `error rate 2.1% (passes when ≤ 1%)`: a criterion in one phrase, for titles and the verdict line;
 * `p99 latency vs baseline not measured yet (passes when ≤ 1.5× baseline)` when there is no value.
 */
function phrase(c: CanaryCriterion): string {
  const { measured, threshold } = shownValues(c);
  const shown = c.measured === null ? 'not measured yet' : measured;
  return `${criterionLabel(c.name)} ${shown} (passes when ${threshold})`;
}

/** The check run's title: the verdict and what decided it. */
export function canaryCheckTitle(result: CanaryCheckResult): string {
  const first = byImportance(result.criteria)[0];
  const why =
    first === undefined || first.outcome === 'pass' || result.verdict === 'promote'
      ? ''
      : ` — ${phrase(first)}`;
  return `canary ${result.endpoint} v${result.candidate}: ${result.verdict}${why}`;
}

/** The result as the hidden block's JSON: `<` and `>` escaped, so no value can close the HTML comment. */
function hiddenJson(result: CanaryCheckResult): string {
  return JSON.stringify(result, null, 2).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

/**
 * The check run's summary: the verdict and the criterion that decided it, the table (failing criteria
 * first), and the result with its measurements hidden in an HTML comment for the promotion bot (which
 * judges the measurements again).
 */
export function renderCanarySummary(result: CanaryCheckResult): string {
  const { window } = result.report;
  const deciding = byImportance(result.criteria).filter((c) =>
    result.verdict === 'rollback' ? c.outcome === 'fail' : c.outcome === 'insufficient-data',
  );
  const because =
    result.verdict === 'promote'
      ? 'every criterion passes.'
      : `${deciding.map((c) => text(phrase(c))).join('; ')}.`;
  return [
    `### ${VERDICT[result.verdict]}: canary ${code(result.endpoint, false)} v${result.candidate} against v${result.baseline}`,
    '',
    `**Why:** ${because}`,
    '',
    renderCriteriaTable(result.criteria),
    '',
    `Window ${text(window.start)} – ${text(window.end)}.`,
    '',
    CANARY_MARKER,
    hiddenJson(result),
    CANARY_MARKER_END,
    '',
  ].join('\n');
}

// ---- the CLI's text -------------------------------------------------------------------------------

function count(criteria: CanaryCriterion[], outcome: CanaryCriterion['outcome'], adjective: string): string {
  const n = criteria.filter((c) => c.outcome === outcome).length;
  return `${n} ${adjective}criteri${n === 1 ? 'on' : 'a'}`;
}

/** `canary evaluate`'s text: the window, a table of the criteria, what fails or holds, and the verdict. */
export function renderCanaryText(report: CanaryReport, evaluation: CanaryEvaluation): string {
  const rows = byImportance(evaluation.criteria).map((c) => {
    const { measured, threshold } = shownValues(c);
    return [c.name, measured, threshold, c.outcome];
  });
  const header = ['criterion', 'measured', 'passes when', 'outcome'];
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
  const notes = byImportance(evaluation.criteria).filter((c) => c.outcome !== 'pass');
  for (const c of notes)
    out.push(`${c.outcome === 'fail' ? 'fail' : 'hold'}: ${c.name}: ${roundedText(c.explanation)}`);
  if (notes.length > 0) out.push('');
  const because: Record<CanaryEvaluation['verdict'], string> = {
    promote: 'enough data, every criterion passes',
    rollback: count(evaluation.criteria, 'fail', 'failing '),
    hold: `not enough data yet for ${count(evaluation.criteria, 'insufficient-data', '')}`,
  };
  out.push(`verdict: ${evaluation.verdict} — ${because[evaluation.verdict]}`);
  return `${out.join('\n')}\n`;
}

/** The line `canary run --publish` adds to its text: which check run went where. */
export function renderPublishedLine(check: string, repository: string, sha: string): string {
  return `published: check run "${check}" on ${repository} at ${sha.slice(0, 12)}\n`;
}

/** `canary validate`'s text: counts per side, then the invalid examples as `file:line: side path: message`. */
export function renderPayloadText(file: string, endpoint: string, major: number, s: PayloadSummary): string {
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
