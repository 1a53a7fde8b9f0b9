import { describe, expect, it } from 'vitest';

import { evaluateCanary } from '../../src/canary/evaluate.js';
import type { CanaryReport } from '../../src/canary/report.js';
import {
  histogramAtRank,
  histogramQuantile,
  histogramQuantileBounds,
  judgeDifference,
  judgeRate,
  minSamplesForQuantile,
  newcombeDifferenceBounds,
  quantileRankBounds,
  quantileRatioBounds,
  requestsToSettle,
  requestsToSettleDifference,
  wilsonBounds,
  Z_ONE_SIDED_95,
  Z_ONE_SIDED_97_5,
} from '../../src/canary/statistics.js';
import type { CanaryPolicy } from '../../src/model/types.js';
import { sampleReport } from './fixtures.js';

const Z_TWO_SIDED_95 = 1.959963984540054;

describe('wilsonBounds', () => {
  it('matches the published 95% Wilson intervals (Newcombe 1998, Table II, method 3)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lower, upper] of cases) {
      const b = wilsonBounds(x, n, Z_TWO_SIDED_95);
      expect(b.lower).toBeCloseTo(lower, 4);
      expect(b.upper).toBeCloseTo(upper, 4);
    }
  });

  it('gives one-sided 95% bounds with z = Φ⁻¹(0.95), [0, 1] without data', () => {
    expect(Z_ONE_SIDED_95).toBeCloseTo(1.644854, 6);
    // x = 0: the upper bound is z² / (n + z²).
    expect(wilsonBounds(0, 1000).upper).toBeCloseTo(Z_ONE_SIDED_95 ** 2 / (1000 + Z_ONE_SIDED_95 ** 2), 12);
    expect(wilsonBounds(2, 100)).toEqual({
      lower: expect.closeTo(0.00664, 5) as number,
      upper: expect.closeTo(0.05865, 5) as number,
    });
    expect(wilsonBounds(0, 0)).toEqual({ lower: 0, upper: 1 });
    expect(wilsonBounds(7, 7).upper).toBe(1);
  });
});

describe('judgeRate and requestsToSettle (the issue’s cases against a 1% limit)', () => {
  it('2 in 100 is undecided; 0 in 1000 is below; 100 in 1000 is above; 0 in 60 is undecided', () => {
    expect(judgeRate(2, 100, 0.01)).toBe('undecided');
    expect(judgeRate(0, 1000, 0.01)).toBe('below');
    expect(judgeRate(100, 1000, 0.01)).toBe('above');
    expect(judgeRate(0, 60, 0.01)).toBe('undecided');
  });

  it('says how many requests in all would settle it at the observed rate', () => {
    // At 2%, the lower bound clears 1% from 268 requests: 2/100 → 268 in all.
    expect(requestsToSettle(2, 100, 0.01)).toBe(268);
    expect(judgeRate(5.36, 268, 0.01)).toBe('above');
    expect(judgeRate(5.34, 267, 0.01)).toBe('undecided');
    // At 0%, the upper bound is z²/(n + z²) ≤ 1% from n ≥ 99·z² = 267.85.
    expect(requestsToSettle(0, 60, 0.01)).toBe(268);
    expect(requestsToSettle(0, 1000, 0.01)).toBe(1000);
    // A rate exactly at the limit never settles.
    expect(requestsToSettle(1, 100, 0.01)).toBeUndefined();
  });
});

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.1, count: 50 },
    { le: 0.5, count: 90 },
    { le: 1, count: 100 },
    { le: Infinity, count: 100 },
  ];
  it('interpolates inside the bucket that holds the rank, as histogram_quantile', () => {
    expect(histogramQuantile(0.5, buckets)).toEqual({ value: 0.1, lower: 0, upper: 0.1 });
    expect(histogramQuantile(0.7, buckets)).toEqual({
      value: expect.closeTo(0.3, 12) as number,
      lower: 0.1,
      upper: 0.5,
    });
    expect(histogramQuantile(0.95, buckets)).toEqual({ value: 0.75, lower: 0.5, upper: 1 });
  });
  it('answers the highest finite bound in the +Inf bucket, nothing for an empty histogram', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 1, count: 90 },
        { le: Infinity, count: 100 },
      ]),
    ).toEqual({
      value: 1,
      lower: 1,
      upper: Infinity,
    });
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 0 }])).toBeUndefined();
    expect(histogramQuantile(0.5, [{ le: 1, count: 5 }])).toBeUndefined();
  });
  it('takes a pN seriously from 10 requests in its tail', () => {
    expect(minSamplesForQuantile(0.95)).toBe(200);
    expect(minSamplesForQuantile(0.99)).toBe(1000);
  });
});

describe('quantile bounds and the two-sample ratio', () => {
  // Cumulative counts at ≤ 100, 250, 500, 1000 ms and +Inf.
  const LE = [100, 250, 500, 1000, Infinity];
  const buckets = (...counts: number[]) => counts.map((count, i) => ({ le: LE[i] ?? Infinity, count }));
  // 1000 observations (ms): 50% ≤ 100, 90% ≤ 250, 97% ≤ 500, all ≤ 1000.
  const candidate = buckets(500, 900, 970, 1000, 1000);
  // 5000 observations: 50% ≤ 100, 90% ≤ 250, 98% ≤ 500.
  const baseline = buckets(2500, 4500, 4900, 5000, 5000);

  it('bounds the rank of a quantile by the normal approximation to Binomial(n, q)', () => {
    expect(Z_ONE_SIDED_97_5).toBeCloseTo(1.959964, 6);
    // 950 ± 1.959964 · √(1000 · 0.95 · 0.05) = 950 ± 13.5081
    const ranks = quantileRankBounds(0.95, 1000, Z_ONE_SIDED_97_5);
    expect(ranks.lower).toBeCloseTo(936.4919, 4);
    expect(ranks.upper).toBeCloseTo(963.5081, 4);
    // Clipped to the observations there are.
    expect(quantileRankBounds(0.99, 10, Z_ONE_SIDED_97_5).upper).toBe(10);
  });

  it('reads a rank from the buckets as histogram_quantile does', () => {
    // Rank 936.49 is 36.49 of the 70 observations into (250, 500].
    expect(histogramAtRank(936.4918804423794, candidate)?.value).toBeCloseTo(380.3281, 4);
    expect(histogramQuantileBounds(0.95, candidate, Z_ONE_SIDED_97_5)).toEqual({
      estimate: expect.closeTo(428.5714, 4) as number,
      lower: expect.closeTo(380.3281, 4) as number,
      upper: expect.closeTo(476.8147, 4) as number,
    });
  });

  it('gives an unbounded upper bound when the upper rank lies in +Inf', () => {
    const coarse = [
      { le: 100, count: 960 },
      { le: Infinity, count: 1000 },
    ];
    expect(histogramQuantileBounds(0.95, coarse, Z_ONE_SIDED_97_5)?.upper).toBe(Infinity);
  });

  it('bounds the ratio candidate/baseline with each side at 97.5%: 95% together', () => {
    // Candidate p95 in [380.33, 476.81], baseline p95 406.25 in [387.37, 425.13].
    expect(quantileRatioBounds(0.95, candidate, baseline)).toEqual({
      estimate: expect.closeTo(1.054945, 5) as number,
      lower: expect.closeTo(380.3281 / 425.1282, 5) as number,
      upper: expect.closeTo(476.8147 / 387.3718, 5) as number,
    });
    expect(quantileRatioBounds(0.95, candidate, [{ le: Infinity, count: 0 }])).toBeUndefined();
  });
});

describe('evaluateCanary with statistical judgement (the default)', () => {
  const policy: CanaryPolicy = {
    check: 'canary / sync-customers',
    strategy: 'header',
    rollbackWhen: { errorRate: { above: 0.01 } },
  };
  const withCandidate = (requests: number, errors: number): CanaryReport => {
    const r = sampleReport();
    r.versions.candidate.requests = requests;
    r.versions.candidate.errors = errors;
    return r;
  };
  const rate = (r: CanaryReport, p = policy) =>
    evaluateCanary(r, p, { now: new Date('2026-11-25T12:00:00Z') });

  it('holds 2 errors in 100 requests against a 1% limit, saying what would settle it', () => {
    const result = rate(withCandidate(100, 2));
    expect(result.verdict).toBe('hold');
    expect(result.criteria[1]).toEqual({
      name: 'errorRate.above',
      measured: 0.02,
      threshold: 0.01,
      outcome: 'insufficient-data',
      explanation:
        '2 errors in 100 requests is 2%, 95% bounds 0.664064% to 5.86484% (one-sided Wilson): not yet clear against the limit of 1%; at this rate about 168 more requests (268 in all) would settle it',
    });
  });

  it('promotes 0 in 1000 and rolls back 100 in 1000', () => {
    const clean = rate(withCandidate(1000, 0));
    expect(clean.verdict).toBe('promote');
    expect(clean.criteria[1]?.explanation).toBe(
      '0 errors in 1000 requests is 0%, 95% bounds 0% to 0.269824% (one-sided Wilson): below the limit of 1% with 95% confidence',
    );
    const bad = rate(withCandidate(1000, 100));
    expect(bad.verdict).toBe('rollback');
    expect(bad.criteria[1]).toMatchObject({ outcome: 'fail', measured: 0.1 });
  });

  it('keeps plain thresholds as an option (policy or evaluate option)', () => {
    expect(rate(withCandidate(100, 2), { ...policy, judgement: 'threshold' }).verdict).toBe('rollback');
    expect(
      evaluateCanary(withCandidate(60, 0), policy, {
        now: new Date('2026-11-25T12:00:00Z'),
        judgement: 'threshold',
      }).verdict,
    ).toBe('promote');
    expect(rate(withCandidate(60, 0)).verdict).toBe('hold');
  });

  it('takes a p99 only from 1000 requests, and holds a side without data', () => {
    const p99: CanaryPolicy = { ...policy, rollbackWhen: { p99LatencyMs: { above: 2000 } } };
    const thin = withCandidate(999, 0);
    const held = rate(thin, p99).criteria.find((c) => c.name === 'p99LatencyMs.above');
    expect(held).toMatchObject({
      outcome: 'insufficient-data',
      explanation:
        'the candidate served 999 requests; a p99 needs at least 1000 (10 in the slowest 1%) before it means anything',
    });
    const none: CanaryReport = {
      ...sampleReport(),
      versions: { ...sampleReport().versions, candidate: { noData: 'no series matched x' } },
    };
    const result = rate(none, p99);
    expect(result.verdict).toBe('hold');
    expect(result.criteria.map((c) => [c.name, c.outcome, c.measured])).toEqual([
      ['minRequests', 'insufficient-data', null],
      ['p99LatencyMs.above', 'insufficient-data', null],
    ]);
    expect(result.criteria[0]?.explanation).toBe('there is no data for the candidate (no series matched x)');
  });

  it('judges a latency limit by the histogram bucket that holds the percentile', () => {
    const p95: CanaryPolicy = { ...policy, rollbackWhen: { p95LatencyMs: { above: 400 } } };
    const r = sampleReport();
    r.versions.candidate.latencyMs.p95 = 390;
    r.versions.candidate.latencyBucketsMs = { p95: { lower: 250, upper: 500 } };
    expect(rate(r, p95).criteria[1]).toMatchObject({
      outcome: 'pass',
      explanation:
        'candidate p95 latency 390 ms (from histogram bucket 250–500 ms, interpolated) is within the limit of 400 ms',
    });
    r.versions.candidate.latencyMs.p95 = 500;
    r.versions.candidate.latencyBucketsMs = { p95: { lower: 500, upper: null } };
    expect(rate(r, p95).criteria[1]?.outcome).toBe('fail');
  });
});

describe('a latency ratio to the baseline, judged on both histograms', () => {
  const now = { now: new Date('2026-11-25T12:00:00Z') };
  const ratio = (limit: number): CanaryPolicy => ({
    check: 'canary / sync-customers',
    strategy: 'header',
    rollbackWhen: { p95LatencyMs: { aboveRatioToBaseline: limit } },
  });
  /** A side of `n` observations: half ≤ 100 ms, then `share` of them ≤ `slow`, the rest ≤ 1000 ms. */
  const side = (n: number, slow: number, share: number) => [
    { le: 100, count: n / 2 },
    { le: slow, count: n * share },
    { le: 1000, count: n },
    { le: null, count: n },
  ];
  const report = (candidate: ReturnType<typeof side>, baseline: ReturnType<typeof side>) => {
    const r = sampleReport();
    r.versions.candidate.requests = candidate.at(-1)!.count;
    r.versions.candidate.errors = 0;
    r.versions.candidate.latencyHistogramMs = candidate;
    r.versions.baseline.latencyHistogramMs = baseline;
    // The percentiles as collect writes them, read from the same histograms.
    const p95 = (h: typeof candidate) =>
      histogramQuantile(
        0.95,
        h.map((b) => ({ le: b.le ?? Infinity, count: b.count })),
      )?.value ?? 0;
    r.versions.candidate.latencyMs.p95 = p95(candidate);
    r.versions.baseline.latencyMs.p95 = p95(baseline);
    return r;
  };

  it('passes only when the upper bound of the ratio is within the limit, and says so', () => {
    const c = evaluateCanary(report(side(1000, 500, 0.97), side(5000, 500, 0.98)), ratio(1.5), now)
      .criteria[1];
    expect(c).toEqual({
      name: 'p95LatencyMs.aboveRatioToBaseline',
      measured: expect.closeTo(1.0168, 4) as number,
      threshold: 1.5,
      outcome: 'pass',
      explanation:
        "candidate p95 latency 482.979 ms is 1.0168× the baseline's 475 ms, 95% bounds 0.982185× to 1.05215× (two-sample: each side's p95 from its histogram with distribution-free 97.5% rank bounds, linear within buckets): within the limit of 1.5× with 95% confidence",
    });
  });

  it('holds when the limit lies inside the bounds, though the point ratio is within it', () => {
    const c = evaluateCanary(report(side(1000, 500, 0.97), side(5000, 500, 0.98)), ratio(1.04), now)
      .criteria[1];
    expect(c).toMatchObject({ outcome: 'insufficient-data', measured: expect.closeTo(1.0168, 4) as number });
    expect(c?.explanation).toMatch(/not yet clear against the limit of 1\.04×; more requests on both sides/);
    expect(
      evaluateCanary(report(side(1000, 500, 0.97), side(5000, 500, 0.98)), ratio(1.04), {
        ...now,
        judgement: 'threshold',
      }).criteria[1]?.outcome,
    ).toBe('pass');
  });

  it('never passes a ratio whose upper bound lies in the +Inf bucket', () => {
    const coarse = [
      { le: 100, count: 960 },
      { le: null, count: 1000 },
    ];
    const c = evaluateCanary(report(coarse, side(5000, 500, 0.98)), ratio(1.5), now).criteria[1];
    expect(c?.outcome).toBe('insufficient-data');
    expect(c?.explanation).toContain('× to ∞ (two-sample');
  });

  it('fails only when the lower bound of the ratio is above the limit', () => {
    // Candidate p95 875 ms in [841, 909]: 80% ≤ 500 ms; baseline p95 475 ms in [470, 480].
    const c = evaluateCanary(report(side(1000, 500, 0.8), side(5000, 500, 0.98)), ratio(1.2), now)
      .criteria[1];
    expect(c?.outcome).toBe('fail');
    expect(c?.explanation).toMatch(/above the limit of 1\.2× with 95% confidence$/);
  });
});

describe('newcombeDifferenceBounds (two proportions, hybrid score)', () => {
  it('matches the published 95% intervals (Newcombe 1998, Table II, method 10)', () => {
    const cases: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [0, 10, 0, 10, -0.2775, 0.2775],
      [10, 10, 0, 20, 0.6791, 1],
      [10, 10, 0, 10, 0.6075, 1],
    ];
    for (const [x1, n1, x2, n2, lower, upper] of cases) {
      const b = newcombeDifferenceBounds(x1, n1, x2, n2, Z_TWO_SIDED_95);
      expect(b?.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
      expect(b?.lower).toBeCloseTo(lower, 4);
      expect(b?.upper).toBeCloseTo(upper, 4);
    }
  });

  it('is narrower with one-sided 95% bounds, and undefined when a side has no trials', () => {
    const b = newcombeDifferenceBounds(56, 70, 48, 80);
    expect(b?.lower).toBeGreaterThan(0.0524);
    expect(b?.upper).toBeLessThan(0.3339);
    expect(newcombeDifferenceBounds(0, 0, 1, 10)).toBeUndefined();
    expect(newcombeDifferenceBounds(1, 10, 0, 0)).toBeUndefined();
  });
});

describe('judgeDifference and requestsToSettleDifference (a 0.5 pp margin over a 0.2% baseline)', () => {
  it('is above only when the lower bound clears the margin, below only when the upper bound is within it', () => {
    expect(judgeDifference(30, 1000, 20, 10_000, 0.005)).toBe('above');
    expect(judgeDifference(0, 1000, 20, 10_000, 0.005)).toBe('below');
    expect(judgeDifference(5, 1000, 20, 10_000, 0.005)).toBe('undecided');
    // The point difference (+0.8 pp) is over the margin, but not with 95% confidence.
    expect(judgeDifference(10, 1000, 20, 10_000, 0.005)).toBe('undecided');
  });

  it('estimates the candidate requests that would settle it with both rates and the split unchanged', () => {
    const settle = requestsToSettleDifference(10, 1000, 20, 10_000, 0.005);
    expect(settle).toBe(2183);
    // Settled at that size, not one request before.
    const at = (n: number) => judgeDifference((10 * n) / 1000, n, (20 * n) / 1000, n * 10, 0.005);
    expect(at(2183)).toBe('above');
    expect(at(2182)).toBe('undecided');
    expect(requestsToSettleDifference(5, 1000, 20, 10_000, 0.005)).toBe(4800);
    expect(requestsToSettleDifference(30, 1000, 20, 10_000, 0.005)).toBe(1000);
  });

  it('never settles a difference exactly at the margin, nor a side without trials', () => {
    expect(requestsToSettleDifference(7, 1000, 20, 10_000, 0.005)).toBeUndefined();
    expect(requestsToSettleDifference(1, 0, 20, 10_000, 0.005)).toBeUndefined();
  });
});
