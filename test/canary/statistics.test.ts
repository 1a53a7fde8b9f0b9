import { describe, expect, it } from 'vitest';

import { evaluateCanary } from '../../src/canary/evaluate.js';
import type { CanaryReport } from '../../src/canary/report.js';
import {
  histogramQuantile,
  judgeRate,
  minSamplesForQuantile,
  requestsToSettle,
  wilsonBounds,
  Z_ONE_SIDED_95,
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
