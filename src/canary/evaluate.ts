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
 *
 * Judgement (`canary.judgement`, docs/canary.md): `statistical` (the default) judges an error-rate limit with a
 * one-sided 95% Wilson bound — fail only when the lower bound is above the limit, pass only when the upper
 * bound is at or below it, otherwise insufficient data with the number of requests that would settle it — ,
 * takes a latency percentile seriously only from enough requests (10 in its tail) and within its histogram
 * bucket's resolution, judges a latency ratio to the baseline with a two-sample method when the report
 * carries both histograms (`quantileRatioBounds`: 95% bounds on the ratio, fail or pass only outside them),
 * and an error-rate margin over the baseline (`errorRate.aboveBaselineBy`) with Newcombe's hybrid score
 * bounds on the difference of the two rates (`newcombeDifferenceBounds`);
 * `threshold` compares the measured values with the limits as they are.
 * A side without data (`noData`) is never read as zeros: every criterion that needs it has insufficient data.
 */
import type { CanaryPolicy } from '../model/types.js';
import { type CanaryReport, type CanaryStats, statsOf } from './report.js';
import {
  type Bucket,
  histogramQuantile,
  judgeDifference,
  judgeRate,
  minSamplesForQuantile,
  newcombeDifferenceBounds,
  quantileRatioBounds,
  requestsToSettle,
  requestsToSettleDifference,
  wilsonBounds,
  Z_ONE_SIDED_95,
} from './statistics.js';

export type CanaryJudgement = 'statistical' | 'threshold';

export type CanaryVerdict = 'promote' | 'hold' | 'rollback';
export type CriterionOutcome = 'pass' | 'fail' | 'insufficient-data';

export interface CanaryCriterion {
  /**
   * `minRequests`, `minDuration`, `errorRate.above`, `errorRate.aboveBaselineBy`,
   * `p95LatencyMs.aboveRatioToBaseline`, `business.<metric>.aboveAbs`.
   */
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
  /** Overrides `policy.judgement` (default statistical). */
  judgement?: CanaryJudgement;
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
  const baseline = statsOf(report.versions.baseline);
  const candidate = statsOf(report.versions.candidate);
  const judgement = options.judgement ?? policy.judgement ?? 'statistical';
  const criteria: CanaryCriterion[] = [];

  // Enough data: a canary that served nothing is never promoted, even without minRequests.
  const minRequests = policy.minRequests ?? 1;
  criteria.push(
    candidate === undefined
      ? {
          name: 'minRequests',
          measured: null,
          threshold: minRequests,
          outcome: 'insufficient-data',
          explanation: `there is no data for the candidate (${noDataReason(report, 'candidate')})`,
        }
      : candidate.requests >= minRequests
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
  const noCandidate = candidate === undefined ? noDataReason(report, 'candidate') : undefined;
  const noBaseline = baseline === undefined ? noDataReason(report, 'baseline') : undefined;
  const missing = (name: string, threshold: number, side: string, reason: string): CanaryCriterion => ({
    name,
    measured: null,
    threshold,
    outcome: 'insufficient-data',
    explanation: `there is no data for the ${side} (${reason})`,
  });
  const errorLimits = when.errorRate;
  if (errorLimits?.above !== undefined) {
    const name = 'errorRate.above';
    criteria.push(
      candidate === undefined
        ? missing(name, errorLimits.above, 'candidate', noCandidate ?? '')
        : judgement === 'statistical'
          ? errorRateStatistical(candidate, errorLimits.above)
          : errorRate(candidate, errorLimits.above),
    );
  }
  if (errorLimits?.aboveBaselineBy !== undefined) {
    const name = 'errorRate.aboveBaselineBy';
    const margin = errorLimits.aboveBaselineBy;
    criteria.push(
      candidate === undefined
        ? missing(name, margin, 'candidate', noCandidate ?? '')
        : baseline === undefined
          ? missing(name, margin, 'baseline', noBaseline ?? '')
          : errorRateAgainstBaseline(baseline, candidate, margin, judgement),
    );
  }
  for (const p of ['p95', 'p99'] as const) {
    const limits = when[`${p}LatencyMs`];
    if (limits?.above !== undefined) {
      criteria.push(
        candidate === undefined
          ? missing(`${p}LatencyMs.above`, limits.above, 'candidate', noCandidate ?? '')
          : latencyAbove(p, candidate, limits.above, judgement),
      );
    }
    if (limits?.aboveRatioToBaseline !== undefined) {
      const name = `${p}LatencyMs.aboveRatioToBaseline`;
      criteria.push(
        candidate === undefined
          ? missing(name, limits.aboveRatioToBaseline, 'candidate', noCandidate ?? '')
          : baseline === undefined
            ? missing(name, limits.aboveRatioToBaseline, 'baseline', noBaseline ?? '')
            : latencyRatio(p, baseline, candidate, limits.aboveRatioToBaseline, judgement),
      );
    }
  }
  for (const rule of when.business ?? []) {
    criteria.push(
      ...business(rule, baseline ?? { noData: noBaseline }, candidate ?? { noData: noCandidate }),
    );
  }

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

/**
 * The error rate against its limit with 95% confidence: fail when the Wilson lower bound is above the limit,
 * pass when the upper bound is at or below it, otherwise insufficient data, saying how many requests in all
 * would settle it if the observed rate held.
 */
function errorRateStatistical(candidate: CanaryStats, above: number): CanaryCriterion {
  const name = 'errorRate.above';
  const { errors, requests } = candidate;
  const bounds = wilsonBounds(errors, requests, Z_ONE_SIDED_95);
  const rate = requests === 0 ? null : errors / requests;
  const observed =
    requests === 0
      ? 'the candidate served no requests'
      : `${errors} error${errors === 1 ? '' : 's'} in ${requests} requests is ${percent(errors / requests)}`;
  const interval = `95% bounds ${percent(bounds.lower)} to ${percent(bounds.upper)} (one-sided Wilson)`;
  const verdict = judgeRate(errors, requests, above, Z_ONE_SIDED_95);
  if (verdict === 'above') {
    return {
      name,
      measured: rate,
      threshold: above,
      outcome: 'fail',
      explanation: `${observed}, ${interval}: above the limit of ${percent(above)} with 95% confidence`,
    };
  }
  if (verdict === 'below') {
    return {
      name,
      measured: rate,
      threshold: above,
      outcome: 'pass',
      explanation: `${observed}, ${interval}: below the limit of ${percent(above)} with 95% confidence`,
    };
  }
  const settle = requestsToSettle(errors, requests, above, Z_ONE_SIDED_95);
  const more =
    settle === undefined
      ? 'at this rate no number of requests settles it'
      : `at this rate about ${settle - requests} more requests (${settle} in all) would settle it`;
  return {
    name,
    measured: rate,
    threshold: above,
    outcome: 'insufficient-data',
    explanation: `${observed}, ${interval}: not yet clear against the limit of ${percent(above)}; ${more}`,
  };
}

/**
 * The candidate's error rate minus the baseline's against `margin`. Statistical: the difference gets one-sided
 * 95% bounds from Newcombe's hybrid score interval (`newcombeDifferenceBounds`, z = Φ⁻¹(0.95)); fail when the
 * lower bound is above the margin, pass when the upper bound is at or below it, otherwise insufficient data
 * with an estimate of the candidate requests that would settle it. Threshold: the observed difference.
 */
function errorRateAgainstBaseline(
  baseline: CanaryStats,
  candidate: CanaryStats,
  margin: number,
  judgement: CanaryJudgement,
): CanaryCriterion {
  const name = 'errorRate.aboveBaselineBy';
  const reason =
    candidate.requests === 0
      ? 'the candidate served no requests, so it has no error rate'
      : baseline.requests === 0
        ? 'the baseline served no requests in the window, so there is nothing to compare with'
        : undefined;
  if (reason !== undefined) {
    return { name, measured: null, threshold: margin, outcome: 'insufficient-data', explanation: reason };
  }
  const c = candidate.errors / candidate.requests;
  const b = baseline.errors / baseline.requests;
  const difference = c - b;
  const observed =
    `the candidate's ${candidate.errors} error${candidate.errors === 1 ? '' : 's'} in ${candidate.requests} requests ` +
    `(${percent(c)}) against the baseline's ${baseline.errors} in ${baseline.requests} (${percent(b)}) ` +
    `is a difference of ${points(difference)}`;
  const limit = `the limit of the baseline's rate + ${num(margin * 100)} pp`;
  if (judgement === 'threshold') {
    const fails = exceeds(difference, margin, Math.max(c, b));
    return {
      name,
      measured: difference,
      threshold: margin,
      outcome: fails ? 'fail' : 'pass',
      explanation: `${observed}, ${fails ? 'above' : 'within'} ${limit}`,
    };
  }
  const [x1, n1, x2, n2] = [candidate.errors, candidate.requests, baseline.errors, baseline.requests];
  const bounds = newcombeDifferenceBounds(x1, n1, x2, n2, Z_ONE_SIDED_95) ?? { lower: -1, upper: 1 };
  const interval =
    `95% bounds ${points(bounds.lower)} to ${points(bounds.upper)} ` +
    '(one-sided, Newcombe hybrid score for two proportions)';
  const verdict = judgeDifference(x1, n1, x2, n2, margin, Z_ONE_SIDED_95);
  if (verdict !== 'undecided') {
    return {
      name,
      measured: difference,
      threshold: margin,
      outcome: verdict === 'above' ? 'fail' : 'pass',
      explanation: `${observed}, ${interval}: ${verdict === 'above' ? 'above' : 'within'} ${limit} with 95% confidence`,
    };
  }
  const settle = requestsToSettleDifference(x1, n1, x2, n2, margin, Z_ONE_SIDED_95);
  const more =
    settle === undefined
      ? 'at these rates no number of requests settles it'
      : `if both rates held and the traffic split stayed, about ${settle - n1} more candidate requests ` +
        `(${settle} in all, the baseline about ${Math.ceil((settle * n2) / n1 - 1e-9)}) would settle it`;
  return {
    name,
    measured: difference,
    threshold: margin,
    outcome: 'insufficient-data',
    explanation: `${observed}, ${interval}: not yet clear against ${limit}; ${more}`,
  };
}

const NO_CANDIDATE_REQUESTS = 'the candidate served no requests, so its latency means nothing';
const QUANTILE = { p95: 0.95, p99: 0.99 } as const;

/** In statistical judgement: why the candidate's (or baseline's) percentile cannot be used yet, if so. */
function tooFewForPercentile(p: 'p95' | 'p99', stats: CanaryStats, side: string): string | undefined {
  const needed = minSamplesForQuantile(QUANTILE[p]);
  if (stats.requests >= needed) return undefined;
  return (
    `the ${side} served ${stats.requests} requests; a ${p} needs at least ${needed} ` +
    `(10 in the slowest ${num((1 - QUANTILE[p]) * 100)}%) before it means anything`
  );
}

/** ` (histogram bucket 250–500 ms)` when the report says which bucket holds the percentile. */
function resolution(p: 'p95' | 'p99', stats: CanaryStats): string {
  const bucket = stats.latencyBucketsMs?.[p];
  if (bucket === undefined) return '';
  return ` (from histogram bucket ${num(bucket.lower)}–${bucket.upper === null ? '+Inf' : num(bucket.upper)} ms, interpolated)`;
}

function latencyAbove(
  p: 'p95' | 'p99',
  candidate: CanaryStats,
  above: number,
  judgement: CanaryJudgement,
): CanaryCriterion {
  const name = `${p}LatencyMs.above`;
  const reason =
    candidate.requests === 0
      ? NO_CANDIDATE_REQUESTS
      : judgement === 'statistical'
        ? tooFewForPercentile(p, candidate, 'candidate')
        : undefined;
  if (reason !== undefined) {
    return { name, measured: null, threshold: above, outcome: 'insufficient-data', explanation: reason };
  }
  const measured = candidate.latencyMs[p];
  const bucket = judgement === 'statistical' ? candidate.latencyBucketsMs?.[p] : undefined;
  // The true percentile lies in the bucket: a bucket wholly on one side of the limit decides; a limit inside
  // it is compared with the interpolated value, within the bucket's resolution.
  const fails =
    bucket === undefined
      ? exceeds(measured, above)
      : bucket.lower >= above
        ? true
        : bucket.upper !== null && bucket.upper <= above
          ? false
          : exceeds(measured, above);
  return {
    name,
    measured,
    threshold: above,
    outcome: fails ? 'fail' : 'pass',
    explanation: `candidate ${p} latency ${num(measured)} ms${resolution(p, candidate)} is ${fails ? 'above' : 'within'} the limit of ${num(above)} ms`,
  };
}

function latencyRatio(
  p: 'p95' | 'p99',
  baseline: CanaryStats,
  candidate: CanaryStats,
  ratio: number,
  judgement: CanaryJudgement,
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
          : judgement === 'statistical'
            ? (tooFewForPercentile(p, candidate, 'candidate') ?? tooFewForPercentile(p, baseline, 'baseline'))
            : undefined;
  if (reason !== undefined) {
    return { name, measured: null, threshold: ratio, outcome: 'insufficient-data', explanation: reason };
  }
  if (judgement === 'statistical') {
    const judged = latencyRatioStatistical(p, baseline, candidate, ratio);
    if (judged !== undefined) return judged;
  }
  const measured = candidate.latencyMs[p] / base;
  const fails = exceeds(measured, ratio);
  return {
    name,
    measured,
    threshold: ratio,
    outcome: fails ? 'fail' : 'pass',
    explanation:
      `candidate ${p} latency ${num(candidate.latencyMs[p])} ms${judgement === 'statistical' ? resolution(p, candidate) : ''} ` +
      `is ${num(measured)}× the baseline's ${num(base)} ms${judgement === 'statistical' ? resolution(p, baseline) : ''}, ` +
      `${fails ? 'above' : 'within'} the limit of ${num(ratio)}×`,
  };
}

/** A report's histogram (milliseconds, `le: null` for +Inf) as cumulative buckets. */
function bucketsOf(stats: CanaryStats): Bucket[] | undefined {
  const histogram = stats.latencyHistogramMs;
  if (histogram === undefined || histogram.length === 0) return undefined;
  return histogram.map((b) => ({ le: b.le === null ? Infinity : b.le, count: b.count }));
}

/**
 * The two-sample judgement of a latency ratio, when both sides carry their histogram: the ratio of the
 * candidate's percentile to the baseline's with 95% bounds (`quantileRatioBounds`); fail when the lower bound
 * is above the limit, pass when the upper bound is at or below it, otherwise insufficient data. Undefined
 * (the point estimates are compared instead) when a histogram is missing or empty.
 */
function latencyRatioStatistical(
  p: 'p95' | 'p99',
  baseline: CanaryStats,
  candidate: CanaryStats,
  ratio: number,
): CanaryCriterion | undefined {
  const candidateBuckets = bucketsOf(candidate);
  const baselineBuckets = bucketsOf(baseline);
  if (candidateBuckets === undefined || baselineBuckets === undefined) return undefined;
  const bounds = quantileRatioBounds(QUANTILE[p], candidateBuckets, baselineBuckets);
  if (bounds === undefined) return undefined;
  const name = `${p}LatencyMs.aboveRatioToBaseline`;
  const cand = histogramQuantile(QUANTILE[p], candidateBuckets)?.value ?? candidate.latencyMs[p];
  const base = histogramQuantile(QUANTILE[p], baselineBuckets)?.value ?? baseline.latencyMs[p];
  const upper = bounds.upper === Infinity ? '∞' : `${num(bounds.upper)}×`;
  const observed =
    `candidate ${p} latency ${num(cand)} ms is ${num(bounds.estimate)}× the baseline's ${num(base)} ms, ` +
    `95% bounds ${num(bounds.lower)}× to ${upper} (two-sample: each side's ${p} from its histogram with ` +
    `distribution-free 97.5% rank bounds, linear within buckets)`;
  const outcome: CriterionOutcome = exceeds(bounds.lower, ratio)
    ? 'fail'
    : bounds.upper === Infinity || exceeds(bounds.upper, ratio)
      ? 'insufficient-data'
      : 'pass';
  const tail: Record<CriterionOutcome, string> = {
    fail: `above the limit of ${num(ratio)}× with 95% confidence`,
    pass: `within the limit of ${num(ratio)}× with 95% confidence`,
    'insufficient-data':
      `not yet clear against the limit of ${num(ratio)}×; more requests on both sides ` +
      '(or finer histogram buckets) would settle it',
  };
  return {
    name,
    measured: bounds.estimate,
    threshold: ratio,
    outcome,
    explanation: `${observed}: ${tail[outcome]}`,
  };
}

type BusinessRule = NonNullable<NonNullable<CanaryPolicy['rollbackWhen']>['business']>[number];

type NoData = { noData: string | undefined };

function business(
  rule: BusinessRule,
  baseline: CanaryStats | NoData,
  candidate: CanaryStats | NoData,
): CanaryCriterion[] {
  const out: CanaryCriterion[] = [];
  const { metric } = rule;
  const value = 'noData' in candidate ? undefined : candidate.business?.[metric];
  const base = 'noData' in baseline ? undefined : baseline.business?.[metric];
  const missing = (name: string, threshold: number, side: string): CanaryCriterion => {
    const none = side === 'candidate' ? candidate : baseline;
    return {
      name,
      measured: null,
      threshold,
      outcome: 'insufficient-data',
      explanation:
        'noData' in none
          ? `there is no data for the ${side} (${none.noData ?? 'no data'})`
          : `the report has no business metric "${metric}" for the ${side}`,
    };
  };
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
    else if ('noData' in baseline || baseline.requests === 0) {
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

function noDataReason(report: CanaryReport, side: 'baseline' | 'candidate'): string {
  const stats = report.versions[side];
  return 'noData' in stats ? stats.noData : 'no data';
}

/** Up to 6 significant digits, without float noise (0.30000000000000004 → 0.3). */
export function num(n: number): string {
  return String(Number(n.toPrecision(6)));
}

function percent(ratio: number): string {
  return `${num(ratio * 100)}%`;
}

/** A difference of two rates in percentage points, signed: `+0.5 pp`, `-0.2 pp`, `0 pp`. */
function points(difference: number): string {
  const value = num(difference * 100);
  return `${difference > 0 && !value.startsWith('-') ? '+' : ''}${value} pp`;
}
