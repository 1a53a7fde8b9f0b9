/**
 * Judges a canary report against an endpoint's canary policy (DESIGN §1 `canary:`): promote, hold or
 * rollback, with one criterion per threshold so the verdict can be explained line by line.
 *
 * Rules (docs/canary.md):
 * - every limit is strict: a value exactly at a threshold passes ("above 0.01" fails from just over 0.01);
 *   values within a relative 1e-9 of the threshold count as equal, so floating-point rounding
 *   (0.305 − 0.3 = 0.0050000000000000044) cannot fail a canary;
 * - any failing criterion → rollback (even before the minimums are met: a failure is a failure);
 * - otherwise, any criterion without enough data (too few requests, too short a window, a metric missing
 *   from the report, a zero baseline for a ratio) → hold, never promote;
 * - otherwise → promote.
 */
import type { CanaryPolicy } from '../model/types.js';
import type { CanaryReport, CanaryStats } from './report.js';

export type CanaryVerdict = 'promote' | 'hold' | 'rollback';
export type CriterionOutcome = 'pass' | 'fail' | 'insufficient-data';

export interface CanaryCriterion {
  /** `minRequests`, `minDuration`, `errorRate.above`, `p95LatencyMs.aboveRatioToBaseline`, `business.<metric>.aboveAbs`. */
  name: string;
  /**
   * What the report shows, in the threshold's unit: requests, milliseconds (duration and latency), a ratio
   * (error rate, candidate/baseline), the metric's value or its absolute change; null when it cannot be
   * computed.
   */
  measured: number | null;
  threshold: number;
  outcome: CriterionOutcome;
  /** One sentence, for humans. */
  explanation: string;
}

export interface CanaryEvaluation {
  verdict: CanaryVerdict;
  criteria: CanaryCriterion[];
}

export interface EvaluateOptions {
  /**
   * The current time. A window cannot count time that has not passed yet: its length is measured up to
   * `min(window.end, now)`. Default: the clock.
   */
  now?: Date;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2h`, `30m`, `1h30m`, `90s`, `1d`, `500ms` → milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  if (!/^(?:\d+(?:ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g))
    total += Number(amount) * UNITS[unit ?? 'ms']!;
  return total;
}

/** Milliseconds → `1h30m`, `2d`, `45s`, `0s`; sub-second remainders as `ms`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNITS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** Relative tolerance under which a value counts as equal to its threshold. */
const TOLERANCE = 1e-9;

/** `value > limit`, strictly, ignoring floating-point noise relative to the magnitudes involved. */
export function exceeds(value: number, limit: number, scale = 0): boolean {
  return value - limit > TOLERANCE * Math.max(Math.abs(value), Math.abs(limit), Math.abs(scale));
}

export function evaluateCanary(
  report: CanaryReport,
  policy: CanaryPolicy,
  options: EvaluateOptions = {},
): CanaryEvaluation {
  const { baseline, candidate } = report.versions;
  const criteria: CanaryCriterion[] = [];

  // Enough data: a canary that served nothing is never promoted, even without minRequests.
  const minRequests = policy.minRequests ?? 1;
  criteria.push(
    candidate.requests >= minRequests
      ? {
          name: 'minRequests',
          measured: candidate.requests,
          threshold: minRequests,
          outcome: 'pass',
          explanation: `the candidate served ${candidate.requests} requests, at least ${minRequests} are needed`,
        }
      : {
          name: 'minRequests',
          measured: candidate.requests,
          threshold: minRequests,
          outcome: 'insufficient-data',
          explanation:
            `the candidate served only ${candidate.requests} request${candidate.requests === 1 ? '' : 's'}; ` +
            `at least ${minRequests} are needed before promotion`,
        },
  );

  if (policy.minDuration !== undefined) {
    const needed = parseDuration(policy.minDuration);
    if (needed === undefined)
      throw new Error(`canary.minDuration ${JSON.stringify(policy.minDuration)} is not a duration`);
    const now = (options.now ?? new Date()).getTime();
    const start = Date.parse(report.window.start);
    const end = Math.min(Date.parse(report.window.end), now);
    const length = Math.max(0, end - start);
    const clipped =
      Date.parse(report.window.end) > now ? ' (counted up to now: the window ends in the future)' : '';
    criteria.push({
      name: 'minDuration',
      measured: length,
      threshold: needed,
      outcome: length >= needed ? 'pass' : 'insufficient-data',
      explanation:
        length >= needed
          ? `the window lasted ${formatDuration(length)}${clipped}, at least ${policy.minDuration} is needed`
          : `the window lasted only ${formatDuration(length)}${clipped}; at least ${policy.minDuration} is needed before promotion`,
    });
  }

  const when = policy.rollbackWhen ?? {};
  if (when.errorRate !== undefined) criteria.push(errorRate(candidate, when.errorRate.above));
  for (const p of ['p95', 'p99'] as const) {
    const limits = when[`${p}LatencyMs`];
    if (limits?.above !== undefined) criteria.push(latencyAbove(p, candidate, limits.above));
    if (limits?.aboveRatioToBaseline !== undefined) {
      criteria.push(latencyRatio(p, baseline, candidate, limits.aboveRatioToBaseline));
    }
  }
  for (const rule of when.business ?? []) criteria.push(...business(rule, baseline, candidate));

  const verdict: CanaryVerdict = criteria.some((c) => c.outcome === 'fail')
    ? 'rollback'
    : criteria.some((c) => c.outcome === 'insufficient-data')
      ? 'hold'
      : 'promote';
  return { verdict, criteria };
}

function errorRate(candidate: CanaryStats, above: number): CanaryCriterion {
  const name = 'errorRate.above';
  if (candidate.requests === 0) {
    return {
      name,
      measured: null,
      threshold: above,
      outcome: 'insufficient-data',
      explanation: 'the candidate served no requests, so it has no error rate',
    };
  }
  const rate = candidate.errors / candidate.requests;
  const fails = exceeds(rate, above);
  return {
    name,
    measured: rate,
    threshold: above,
    outcome: fails ? 'fail' : 'pass',
    explanation:
      `${candidate.errors} errors in ${candidate.requests} requests is an error rate of ${percent(rate)}, ` +
      `${fails ? 'above' : 'within'} the limit of ${percent(above)}`,
  };
}

const NO_CANDIDATE_REQUESTS = 'the candidate served no requests, so its latency means nothing';

function latencyAbove(p: 'p95' | 'p99', candidate: CanaryStats, above: number): CanaryCriterion {
  const name = `${p}LatencyMs.above`;
  if (candidate.requests === 0) {
    return {
      name,
      measured: null,
      threshold: above,
      outcome: 'insufficient-data',
      explanation: NO_CANDIDATE_REQUESTS,
    };
  }
  const measured = candidate.latencyMs[p];
  const fails = exceeds(measured, above);
  return {
    name,
    measured,
    threshold: above,
    outcome: fails ? 'fail' : 'pass',
    explanation: `candidate ${p} latency ${num(measured)} ms is ${fails ? 'above' : 'within'} the limit of ${num(above)} ms`,
  };
}

function latencyRatio(
  p: 'p95' | 'p99',
  baseline: CanaryStats,
  candidate: CanaryStats,
  ratio: number,
): CanaryCriterion {
  const name = `${p}LatencyMs.aboveRatioToBaseline`;
  const base = baseline.latencyMs[p];
  const reason =
    candidate.requests === 0
      ? NO_CANDIDATE_REQUESTS
      : baseline.requests === 0
        ? 'the baseline served no requests in the window, so there is nothing to compare with'
        : base === 0
          ? `the baseline ${p} latency is 0 ms, so a ratio to it is undefined`
          : undefined;
  if (reason !== undefined) {
    return { name, measured: null, threshold: ratio, outcome: 'insufficient-data', explanation: reason };
  }
  const measured = candidate.latencyMs[p] / base;
  const fails = exceeds(measured, ratio);
  return {
    name,
    measured,
    threshold: ratio,
    outcome: fails ? 'fail' : 'pass',
    explanation:
      `candidate ${p} latency ${num(candidate.latencyMs[p])} ms is ${num(measured)}× the baseline's ${num(base)} ms, ` +
      `${fails ? 'above' : 'within'} the limit of ${num(ratio)}×`,
  };
}

type BusinessRule = NonNullable<NonNullable<CanaryPolicy['rollbackWhen']>['business']>[number];

function business(rule: BusinessRule, baseline: CanaryStats, candidate: CanaryStats): CanaryCriterion[] {
  const out: CanaryCriterion[] = [];
  const { metric } = rule;
  const value = candidate.business?.[metric];
  const base = baseline.business?.[metric];
  const missing = (name: string, threshold: number, side: string): CanaryCriterion => ({
    name,
    measured: null,
    threshold,
    outcome: 'insufficient-data',
    explanation: `the report has no business metric "${metric}" for the ${side}`,
  });
  if (rule.above !== undefined) {
    const name = `business.${metric}.above`;
    if (value === undefined) out.push(missing(name, rule.above, 'candidate'));
    else {
      const fails = exceeds(value, rule.above);
      out.push({
        name,
        measured: value,
        threshold: rule.above,
        outcome: fails ? 'fail' : 'pass',
        explanation: `${metric} is ${num(value)} on the candidate, ${fails ? 'above' : 'within'} the limit of ${num(rule.above)}`,
      });
    }
  }
  if (rule.below !== undefined) {
    const name = `business.${metric}.below`;
    if (value === undefined) out.push(missing(name, rule.below, 'candidate'));
    else {
      const fails = exceeds(rule.below, value);
      out.push({
        name,
        measured: value,
        threshold: rule.below,
        outcome: fails ? 'fail' : 'pass',
        explanation: `${metric} is ${num(value)} on the candidate, ${fails ? 'below' : 'not below'} the floor of ${num(rule.below)}`,
      });
    }
  }
  if (rule.aboveAbs !== undefined) {
    const name = `business.${metric}.aboveAbs`;
    if (value === undefined) out.push(missing(name, rule.aboveAbs, 'candidate'));
    else if (base === undefined) out.push(missing(name, rule.aboveAbs, 'baseline'));
    else if (baseline.requests === 0) {
      out.push({
        name,
        measured: null,
        threshold: rule.aboveAbs,
        outcome: 'insufficient-data',
        explanation: 'the baseline served no requests in the window, so there is nothing to compare with',
      });
    } else {
      const delta = Math.abs(value - base);
      const fails = exceeds(delta, rule.aboveAbs, Math.max(Math.abs(value), Math.abs(base)));
      out.push({
        name,
        measured: delta,
        threshold: rule.aboveAbs,
        outcome: fails ? 'fail' : 'pass',
        explanation:
          `${metric} is ${num(value)} on the candidate and ${num(base)} on the baseline, a change of ${num(delta)}, ` +
          `${fails ? 'above' : 'within'} the limit of ${num(rule.aboveAbs)}`,
      });
    }
  }
  return out;
}

/** Up to 6 significant digits, without float noise (0.30000000000000004 → 0.3). */
export function num(n: number): string {
  return String(Number(n.toPrecision(6)));
}

function percent(ratio: number): string {
  return `${num(ratio * 100)}%`;
}
