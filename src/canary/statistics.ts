/**
 * The statistics behind a canary verdict (docs/canary.md, "Statistical judgement"): one-sided confidence
 * bounds on an error rate, how many more requests would settle a limit, and percentiles read from histogram
 * buckets. Small and dependency-free on purpose: the only distribution needed is the standard normal at one
 * fixed confidence, whose quantile is a constant.
 */

/** Φ⁻¹(0.95): the standard normal quantile for a one-sided 95% bound. */
export const Z_ONE_SIDED_95 = 1.6448536269514722;

export interface Bounds {
  lower: number;
  upper: number;
}

/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927; R. G. Newcombe, "Two-sided confidence intervals for
 * the single proportion", Statistics in Medicine 17, 1998, method 3):
 *
 *   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),   p̂ = x/n.
 *
 * With z = Φ⁻¹(0.95) each end is a one-sided 95% bound. Unlike the normal (Wald) interval it stays inside
 * [0, 1] and is not degenerate at x = 0 (0 errors in 60 requests does not show a rate of 0). n = 0 → [0, 1].
 */
export function wilsonBounds(x: number, n: number, z = Z_ONE_SIDED_95): Bounds {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    lower: x === 0 ? 0 : Math.max(0, (centre - half) / denominator),
    upper: x === n ? 1 : Math.min(1, (centre + half) / denominator),
  };
}

export type RateJudgement = 'above' | 'below' | 'undecided';

/** Whether x/n is above or below `limit` with the bound's confidence, or neither. */
export function judgeRate(x: number, n: number, limit: number, z = Z_ONE_SIDED_95): RateJudgement {
  return judgeBounds(wilsonBounds(x, n, z), limit);
}

/** Above `limit` when the lower bound is over it, below when the upper bound is at or under it, else neither. */
function judgeBounds({ lower, upper }: Bounds, limit: number): RateJudgement {
  if (lower > limit) return 'above';
  if (upper <= limit) return 'below';
  return 'undecided';
}

/**
 * If the observed rate x/n held, the total number of requests (≥ n) at which the Wilson bound would settle
 * the comparison with `limit`; undefined when it never would (the rate equals the limit, or a limit of 0 or 1
 * that a rate can only touch). The bound at a fixed rate narrows monotonically with n, so a binary search
 * finds the smallest such n.
 */
export function requestsToSettle(
  x: number,
  n: number,
  limit: number,
  z = Z_ONE_SIDED_95,
): number | undefined {
  if (n <= 0) {
    // No observed rate: assume a clean candidate and say how many requests would show it below the limit.
    return requestsToSettle(0, 1, limit, z);
  }
  const p = x / n;
  if (p === limit || limit <= 0 || limit >= 1) return undefined;
  const settled = (total: number): boolean => {
    const { lower, upper } = wilsonBoundsAtRate(p, total, z);
    return p > limit ? lower > limit : upper <= limit;
  };
  if (settled(n)) return n;
  let high = Math.max(1, n);
  while (!settled(high)) {
    high *= 2;
    if (high > 1e15) return undefined;
  }
  let low = Math.floor(high / 2);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (settled(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/** The Wilson bounds for a rate p over n trials, n real (the formula above with x = p·n). */
function wilsonBoundsAtRate(p: number, n: number, z: number): Bounds {
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    lower: p === 0 ? 0 : (centre - half) / denominator,
    upper: p === 1 ? 1 : (centre + half) / denominator,
  };
}

/** One histogram bucket: the cumulative count of observations ≤ `le` (Prometheus `_bucket`). */
export interface Bucket {
  le: number;
  count: number;
}

export interface Percentile {
  /** Linear interpolation inside the bucket that holds the rank, as Prometheus' `histogram_quantile`. */
  value: number;
  /** The bucket that holds it: the true percentile lies in (lower, upper]. */
  lower: number;
  upper: number;
}

/**
 * The q-quantile (0 < q < 1) of a cumulative histogram, as `histogram_quantile` computes it: rank = q·total,
 * the first bucket whose cumulative count reaches the rank, linear interpolation inside it (the first bucket
 * starts at 0). When the rank falls in the +Inf bucket the answer is the highest finite bound, and `upper`
 * is Infinity. Undefined for an empty histogram.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): Percentile | undefined {
  return histogramAtRank(q * histogramTotal(buckets), buckets);
}

/** The number of observations of a cumulative histogram (its +Inf bucket); 0 without one. */
export function histogramTotal(buckets: readonly Bucket[]): number {
  const inf = buckets.find((b) => b.le === Infinity);
  return inf === undefined ? 0 : inf.count;
}

/**
 * The value of a cumulative histogram at a (real) rank between 0 and the total, interpolated linearly inside
 * the bucket that holds it, as `histogram_quantile` does; in the +Inf bucket, its lower bound. Undefined
 * for an empty histogram or one without a +Inf bucket.
 */
export function histogramAtRank(rank: number, buckets: readonly Bucket[]): Percentile | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total <= 0 || sorted.at(-1)?.le !== Infinity) return undefined;
  let previousLe = 0;
  let previousCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return { value: previousLe, lower: previousLe, upper: Infinity };
      const inBucket = bucket.count - previousCount;
      const fraction = inBucket === 0 ? 1 : (rank - previousCount) / inBucket;
      return {
        value: previousLe + (bucket.le - previousLe) * fraction,
        lower: previousLe,
        upper: bucket.le,
      };
    }
    previousLe = bucket.le;
    previousCount = bucket.count;
  }
  return undefined;
}

/**
 * The fewest observations for which a pN estimate is taken seriously: 10 of them in the tail above it
 * (p95 → 200, p99 → 1000). Fewer, and the percentile is the largest handful of requests, not a percentile.
 */
export function minSamplesForQuantile(q: number): number {
  return Math.ceil(10 / (1 - q) - 1e-9);
}

/** Φ⁻¹(0.975): the standard normal quantile for a one-sided 97.5% bound. */
export const Z_ONE_SIDED_97_5 = 1.959963984540054;

/**
 * Distribution-free bounds on the rank of the q-quantile among n observations (W. J. Conover, "Practical
 * Nonparametric Statistics", 3rd ed., 1999, §3.2): the number of observations at or below the true quantile
 * is Binomial(n, q), so — with the normal approximation to the binomial — the true quantile lies at or above
 * the order statistic of rank nq − z·√(nq(1−q)), and at or below the one of rank nq + z·√(nq(1−q)), each
 * with one-sided confidence Φ(z). Ranks are clipped to [0, n].
 */
export function quantileRankBounds(q: number, n: number, z: number): Bounds {
  const spread = z * Math.sqrt(n * q * (1 - q));
  return { lower: Math.max(0, n * q - spread), upper: Math.min(n, n * q + spread) };
}

/** A quantile of a histogram with confidence bounds on it; `upper` is Infinity when it may lie in +Inf. */
export interface QuantileBounds {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * The q-quantile of a histogram with one-sided bounds at confidence Φ(z) each: the values at the rank
 * bounds of `quantileRankBounds`, read from the buckets as `histogram_quantile` reads a quantile (linear
 * inside a bucket, so within the bucket's resolution). An upper rank in the +Inf bucket gives an unbounded
 * upper bound. Undefined for an empty histogram.
 */
export function histogramQuantileBounds(
  q: number,
  buckets: readonly Bucket[],
  z: number,
): QuantileBounds | undefined {
  const n = histogramTotal(buckets);
  const estimate = histogramQuantile(q, buckets);
  const ranks = quantileRankBounds(q, n, z);
  const lower = histogramAtRank(ranks.lower, buckets);
  const upper = histogramAtRank(ranks.upper, buckets);
  if (estimate === undefined || lower === undefined || upper === undefined) return undefined;
  return {
    estimate: estimate.value,
    lower: lower.value,
    upper: upper.upper === Infinity ? Infinity : upper.value,
  };
}

/** A ratio of candidate to baseline with its confidence bounds (`upper` may be Infinity). */
export interface RatioBounds {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * The two-sample comparison of one quantile (docs/canary.md, "Latency against the baseline"): the
 * candidate's q-quantile over the baseline's, with bounds from each side's distribution-free quantile bounds
 * at one-sided 97.5% (z = Φ⁻¹(0.975)): lower = candidate's lower / baseline's upper, upper = candidate's
 * upper / baseline's lower. The two samples are independent, so each ratio bound holds with at least
 * 1 − 2·2.5% = 95% confidence (Bonferroni). Undefined when a histogram is empty or the baseline's estimate is 0.
 */
export function quantileRatioBounds(
  q: number,
  candidate: readonly Bucket[],
  baseline: readonly Bucket[],
  z = Z_ONE_SIDED_97_5,
): RatioBounds | undefined {
  const c = histogramQuantileBounds(q, candidate, z);
  const b = histogramQuantileBounds(q, baseline, z);
  if (c === undefined || b === undefined || b.estimate <= 0) return undefined;
  return {
    estimate: c.estimate / b.estimate,
    lower: b.upper === Infinity ? 0 : c.lower / b.upper,
    upper: b.lower <= 0 || c.upper === Infinity ? Infinity : c.upper / b.lower,
  };
}

/** A difference of two proportions, candidate − baseline, with its confidence bounds. */
/** Two sides: x1 events in n1 trials (the candidate) and x2 in n2 (the baseline). */
type TwoSides = [x1: number, n1: number, x2: number, n2: number];

export interface DifferenceBounds {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions p₁ − p₂ (R. G. Newcombe,
 * "Interval estimation for the difference between independent proportions: comparison of eleven methods",
 * Statistics in Medicine 17, 1998, method 10). With (l₁, u₁) and (l₂, u₂) the Wilson score intervals of each
 * proportion at the same z:
 *
 *   lower = (p̂₁ − p̂₂) − √((p̂₁ − l₁)² + (u₂ − p̂₂)²)
 *   upper = (p̂₁ − p̂₂) + √((u₁ − p̂₁)² + (p̂₂ − l₂)²)
 *
 * Each end is a one-sided bound with confidence about Φ(z) (z = 1.96: the two-sided 95% interval of the
 * paper; z = Φ⁻¹(0.95): one-sided 95% bounds). It stays inside [−1, 1], is not degenerate at 0 or n events,
 * and its coverage stays close to nominal for small samples. Undefined when either side has no trials.
 */
export function newcombeDifferenceBounds(
  ...[x1, n1, x2, n2, z = Z_ONE_SIDED_95]: [...TwoSides, z?: number]
): DifferenceBounds | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  return newcombeAtRates(x1 / n1, n1, x2 / n2, n2, z);
}

/** The hybrid score interval for rates p1 over n1 and p2 over n2 trials (n real: x = p·n). */
function newcombeAtRates(p1: number, n1: number, p2: number, n2: number, z: number): DifferenceBounds {
  const w1 = wilsonBoundsAtRate(p1, n1, z);
  const w2 = wilsonBoundsAtRate(p2, n2, z);
  const d = p1 - p2;
  return {
    estimate: d,
    lower: Math.max(-1, d - Math.hypot(p1 - w1.lower, w2.upper - p2)),
    upper: Math.min(1, d + Math.hypot(w1.upper - p1, p2 - w2.lower)),
  };
}

export type DifferenceJudgement = 'above' | 'below' | 'undecided';

/** Whether x1/n1 − x2/n2 is above `limit` (lower bound > limit), at or below it (upper bound ≤ limit), or neither. */
export function judgeDifference(
  ...[x1, n1, x2, n2, limit, z = Z_ONE_SIDED_95]: [...TwoSides, limit: number, z?: number]
): DifferenceJudgement {
  const bounds = newcombeDifferenceBounds(x1, n1, x2, n2, z);
  return bounds === undefined ? 'undecided' : judgeBounds(bounds, limit);
}

/**
 * An estimate of how many requests in all the first side (the candidate) would need before the difference
 * x1/n1 − x2/n2 is settled against `limit`, if both observed rates held and both sides kept growing in the
 * same proportion as now (n2/n1 fixed): the smallest multiple k·n1 (k ≥ 1) at which the hybrid score interval
 * lies wholly above or wholly at or below the limit. Both Wilson intervals narrow as n grows, so a binary
 * search on k finds it. Undefined when no number of requests settles it (the difference equals the limit,
 * or it would take more than 10¹⁵ requests) or a side has no trials.
 */
export function requestsToSettleDifference(
  ...[x1, n1, x2, n2, limit, z = Z_ONE_SIDED_95]: [...TwoSides, limit: number, z?: number]
): number | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  // A difference at the limit (up to floating-point noise: 0.007 − 0.002) never settles.
  if (Math.abs(d - limit) <= 1e-9 * Math.max(p1, p2, Math.abs(limit))) return undefined;
  const settled = (k: number): boolean => {
    const { lower, upper } = newcombeAtRates(p1, k * n1, p2, k * n2, z);
    return d > limit ? lower > limit : upper <= limit;
  };
  const total = (k: number) => Math.ceil(k * n1 - 1e-9);
  if (settled(1)) return n1;
  let high = 2;
  while (!settled(high)) {
    high *= 2;
    if (high * n1 > 1e15) return undefined;
  }
  // Search on whole request counts of the first side.
  let low = Math.max(n1, Math.floor((high / 2) * n1));
  let highN = total(high);
  while (highN - low > 1) {
    const mid = Math.floor((low + highN) / 2);
    if (settled(mid / n1)) highN = mid;
    else low = mid;
  }
  return highN;
}
