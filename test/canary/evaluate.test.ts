import { describe, expect, it } from 'vitest';

import { evaluateCanary, exceeds, formatDuration, parseDuration } from '../../src/canary/evaluate.js';
import type { CanaryReport } from '../../src/canary/report.js';
import type { CanaryPolicy } from '../../src/model/types.js';
import { type MeasuredReport, sampleReport } from './fixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/** These tests pin the plain threshold semantics; statistics.test.ts pins the statistical judgement. */
function policy(rest: Partial<CanaryPolicy> = {}): CanaryPolicy {
  return { check: 'canary / sync-customers', strategy: 'header', judgement: 'threshold', ...rest };
}

function report(change: (r: MeasuredReport) => void = () => undefined): CanaryReport {
  const r = sampleReport();
  change(r);
  return r;
}

function criterion(r: CanaryReport, p: CanaryPolicy, name: string) {
  const found = evaluateCanary(r, p, { now: NOW }).criteria.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no criterion ${name}`);
  return found;
}

/** The names of the criteria the sample report is judged by under these limits, in order. */
function criterionNames(rollbackWhen: CanaryPolicy['rollbackWhen']): string[] {
  return evaluateCanary(report(), policy({ rollbackWhen }), { now: NOW }).criteria.map((c) => c.name);
}

describe('durations', () => {
  it('parses and formats the policy durations', () => {
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2 hours')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(90_061_000)).toBe('1d1h1m1s');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('exceeds', () => {
  it('is strict and ignores floating-point noise only', () => {
    expect(exceeds(0.01, 0.01)).toBe(false);
    expect(exceeds(0.305 - 0.3, 0.005, 0.305)).toBe(false);
    expect(exceeds(0.0051, 0.005)).toBe(true);
    expect(exceeds(0.005000001, 0.005)).toBe(true);
  });
});

describe('evaluateCanary: each threshold type at, just above and just below its boundary', () => {
  const requests = (errors: number) =>
    report((r) => {
      r.versions.candidate.requests = 1_000;
      r.versions.candidate.errors = errors;
    });
  it('errorRate.above (errors / requests)', () => {
    const p = policy({ rollbackWhen: { errorRate: { above: 0.01 } } });
    expect(criterion(requests(10), p, 'errorRate.above')).toMatchObject({
      measured: 0.01,
      threshold: 0.01,
      outcome: 'pass',
    });
    expect(criterion(requests(11), p, 'errorRate.above')).toMatchObject({ measured: 0.011, outcome: 'fail' });
    expect(criterion(requests(9), p, 'errorRate.above')).toMatchObject({ measured: 0.009, outcome: 'pass' });
  });

  it('p95LatencyMs.above and p99LatencyMs.above (absolute milliseconds)', () => {
    for (const p of ['p95', 'p99'] as const) {
      const pol = policy({ rollbackWhen: { [`${p}LatencyMs`]: { above: 2000 } } });
      const at = (ms: number) =>
        criterion(
          report((r) => {
            r.versions.candidate.latencyMs[p] = ms;
          }),
          pol,
          `${p}LatencyMs.above`,
        );
      expect(at(2000)).toMatchObject({ measured: 2000, threshold: 2000, outcome: 'pass' });
      expect(at(2000.1).outcome).toBe('fail');
      expect(at(1999.9).outcome).toBe('pass');
    }
  });

  it('p95LatencyMs.aboveRatioToBaseline and p99 (candidate / baseline)', () => {
    for (const p of ['p95', 'p99'] as const) {
      const pol = policy({ rollbackWhen: { [`${p}LatencyMs`]: { aboveRatioToBaseline: 1.2 } } });
      const at = (candidate: number) =>
        criterion(
          report((r) => {
            r.versions.baseline.latencyMs[p] = 500;
            r.versions.candidate.latencyMs[p] = candidate;
          }),
          pol,
          `${p}LatencyMs.aboveRatioToBaseline`,
        );
      expect(at(600)).toMatchObject({ measured: 1.2, threshold: 1.2, outcome: 'pass' });
      expect(at(601).outcome).toBe('fail');
      expect(at(599).outcome).toBe('pass');
    }
  });

  it('business above, below and aboveAbs', () => {
    const at = (
      candidate: number,
      rule: NonNullable<NonNullable<CanaryPolicy['rollbackWhen']>['business']>[number],
      suffix: string,
    ) =>
      criterion(
        report((r) => {
          r.versions.baseline.business = { m: 0.3 };
          r.versions.candidate.business = { m: candidate };
        }),
        policy({ rollbackWhen: { business: [rule] } }),
        `business.m.${suffix}`,
      );
    // above: candidate > x fails
    expect(at(0.02, { metric: 'm', above: 0.02 }, 'above')).toMatchObject({
      measured: 0.02,
      outcome: 'pass',
    });
    expect(at(0.0201, { metric: 'm', above: 0.02 }, 'above').outcome).toBe('fail');
    expect(at(0.0199, { metric: 'm', above: 0.02 }, 'above').outcome).toBe('pass');
    // below: candidate < x fails
    expect(at(0.9, { metric: 'm', below: 0.9 }, 'below')).toMatchObject({ measured: 0.9, outcome: 'pass' });
    expect(at(0.8999, { metric: 'm', below: 0.9 }, 'below').outcome).toBe('fail');
    expect(at(0.9001, { metric: 'm', below: 0.9 }, 'below').outcome).toBe('pass');
    // aboveAbs: |candidate - baseline| > x fails, in both directions (0.305 - 0.3 is 0.0050000000000000044)
    const abs = { metric: 'm', aboveAbs: 0.005 };
    expect(at(0.305, abs, 'aboveAbs')).toMatchObject({ threshold: 0.005, outcome: 'pass' });
    expect(at(0.295, abs, 'aboveAbs').outcome).toBe('pass');
    expect(at(0.3051, abs, 'aboveAbs').outcome).toBe('fail');
    expect(at(0.2949, abs, 'aboveAbs').outcome).toBe('fail');
    expect(at(0.3049, abs, 'aboveAbs').outcome).toBe('pass');
    expect(at(0.2951, abs, 'aboveAbs').outcome).toBe('pass');
  });

  it('minRequests (at least, on the candidate)', () => {
    const pol = policy({ minRequests: 500 });
    const at = (n: number) =>
      criterion(
        report((r) => {
          r.versions.candidate.requests = n;
          r.versions.candidate.errors = 0;
        }),
        pol,
        'minRequests',
      );
    expect(at(500)).toMatchObject({ measured: 500, threshold: 500, outcome: 'pass' });
    expect(at(501).outcome).toBe('pass');
    expect(at(499).outcome).toBe('insufficient-data');
  });

  it('minDuration (the window, at least)', () => {
    const pol = policy({ minDuration: '2h' });
    const at = (end: string) =>
      criterion(
        report((r) => {
          r.window = { start: '2026-11-25T08:00:00Z', end };
        }),
        pol,
        'minDuration',
      );
    expect(at('2026-11-25T10:00:00Z')).toMatchObject({
      measured: 7_200_000,
      threshold: 7_200_000,
      outcome: 'pass',
    });
    expect(at('2026-11-25T10:00:01Z').outcome).toBe('pass');
    expect(at('2026-11-25T09:59:59Z').outcome).toBe('insufficient-data');
  });
});

describe('evaluateCanary: verdicts', () => {
  const full = policy({
    minDuration: '2h',
    minRequests: 500,
    rollbackWhen: {
      errorRate: { above: 0.01 },
      p95LatencyMs: { aboveRatioToBaseline: 1.2 },
      p99LatencyMs: { above: 2000 },
      business: [{ metric: 'synced_count_delta', aboveAbs: 0.005 }],
    },
  });

  it('promotes when there is enough data and everything passes', () => {
    const result = evaluateCanary(report(), full, { now: NOW });
    expect(result.verdict).toBe('promote');
    expect(result.criteria.map((c) => [c.name, c.outcome])).toEqual([
      ['minRequests', 'pass'],
      ['minDuration', 'pass'],
      ['errorRate.above', 'pass'],
      ['p95LatencyMs.aboveRatioToBaseline', 'pass'],
      ['p99LatencyMs.above', 'pass'],
      ['business.synced_count_delta.aboveAbs', 'pass'],
    ]);
  });

  it('rolls back on any failing criterion', () => {
    const slow = report((r) => {
      r.versions.candidate.latencyMs.p99 = 2500;
    });
    const result = evaluateCanary(slow, full, { now: NOW });
    expect(result.verdict).toBe('rollback');
    expect(result.criteria.filter((c) => c.outcome === 'fail').map((c) => c.name)).toEqual([
      'p99LatencyMs.above',
    ]);
    expect(result.criteria.find((c) => c.outcome === 'fail')?.explanation).toBe(
      'candidate p99 latency 2500 ms is above the limit of 2000 ms',
    );
  });

  it('rolls back on a failure even before the minimums are met', () => {
    const early = report((r) => {
      r.versions.candidate.requests = 100;
      r.versions.candidate.errors = 40;
    });
    expect(evaluateCanary(early, full, { now: NOW }).verdict).toBe('rollback');
  });

  it('holds, never promotes, with too few requests', () => {
    const few = report((r) => {
      r.versions.candidate.requests = 499;
      r.versions.candidate.errors = 0;
    });
    const result = evaluateCanary(few, full, { now: NOW });
    expect(result.verdict).toBe('hold');
    expect(result.criteria[0]).toMatchObject({
      name: 'minRequests',
      outcome: 'insufficient-data',
      explanation: 'the candidate served only 499 requests; at least 500 are needed before promotion',
    });
  });

  it('holds with too short a window, counting the window only up to now', () => {
    const short = report((r) => {
      r.window.end = '2026-11-25T09:30:00Z';
    });
    expect(evaluateCanary(short, full, { now: NOW }).verdict).toBe('hold');
    // A window that claims to end in the future counts up to now: 08:00 → 09:00 is 1h, short of 2h.
    const future = report((r) => {
      r.window.end = '2026-11-25T23:00:00Z';
    });
    const result = evaluateCanary(future, full, { now: new Date('2026-11-25T09:00:00Z') });
    expect(result.verdict).toBe('hold');
    expect(result.criteria.find((c) => c.name === 'minDuration')).toMatchObject({
      measured: 3_600_000,
      outcome: 'insufficient-data',
    });
  });

  it('holds when the baseline of a ratio is 0, and says why', () => {
    const zero = report((r) => {
      r.versions.baseline.latencyMs.p95 = 0;
    });
    const result = evaluateCanary(zero, full, { now: NOW });
    expect(result.verdict).toBe('hold');
    expect(result.criteria.find((c) => c.name === 'p95LatencyMs.aboveRatioToBaseline')).toMatchObject({
      measured: null,
      outcome: 'insufficient-data',
      explanation: 'the baseline p95 latency is 0 ms, so a ratio to it is undefined',
    });
    const idle = report((r) => {
      r.versions.baseline.requests = 0;
      r.versions.baseline.errors = 0;
    });
    expect(
      evaluateCanary(idle, full, { now: NOW }).criteria.find(
        (c) => c.name === 'p95LatencyMs.aboveRatioToBaseline',
      ),
    ).toMatchObject({
      outcome: 'insufficient-data',
      explanation: 'the baseline served no requests in the window, so there is nothing to compare with',
    });
  });

  it('holds when a business metric is missing from the report', () => {
    const missing = report((r) => {
      delete r.versions.baseline.business;
    });
    const result = evaluateCanary(missing, full, { now: NOW });
    expect(result.verdict).toBe('hold');
    expect(result.criteria.at(-1)).toMatchObject({
      name: 'business.synced_count_delta.aboveAbs',
      outcome: 'insufficient-data',
      explanation: 'the report has no business metric "synced_count_delta" for the baseline',
    });
  });

  it('never promotes a canary that served nothing, even without minRequests', () => {
    const none = report((r) => {
      r.versions.candidate.requests = 0;
      r.versions.candidate.errors = 0;
      r.versions.candidate.latencyMs = { p50: 0, p95: 0, p99: 9_999 };
    });
    const result = evaluateCanary(
      none,
      policy({
        rollbackWhen: {
          errorRate: { above: 0.01 },
          p95LatencyMs: { aboveRatioToBaseline: 1.2 },
          p99LatencyMs: { above: 2000 },
        },
      }),
      { now: NOW },
    );
    expect(result.verdict).toBe('hold');
    expect(result.criteria.map((c) => c.outcome)).toEqual([
      'insufficient-data',
      'insufficient-data',
      'insufficient-data',
      'insufficient-data',
    ]);
  });

  it('gives one criterion per limit when a latency has both', () => {
    expect(criterionNames({ p95LatencyMs: { above: 1500, aboveRatioToBaseline: 1.25 } })).toEqual([
      'minRequests',
      'p95LatencyMs.above',
      'p95LatencyMs.aboveRatioToBaseline',
    ]);
  });
});

describe('evaluateCanary: errorRate.aboveBaselineBy (the candidate against the baseline)', () => {
  // The sample baseline: 20 errors in 10,000 requests, 0.2%. The margin: 0.5 percentage points.
  const margin = (judgement: CanaryPolicy['judgement']) =>
    policy({ judgement, rollbackWhen: { errorRate: { aboveBaselineBy: 0.005 } } });
  const candidate = (requests: number, errors: number) =>
    report((r) => {
      r.versions.candidate.requests = requests;
      r.versions.candidate.errors = errors;
    });
  const judged = (r: CanaryReport, judgement: CanaryPolicy['judgement']) =>
    evaluateCanary(r, margin(judgement), { now: NOW });
  /** `errors` in 1000 candidate requests fail the margin under `judgement`: the whole criterion. */
  const expectFails = (
    errors: number,
    judgement: CanaryPolicy['judgement'],
    measured: number,
    explanation: string,
  ) =>
    expect(criterion(candidate(1000, errors), margin(judgement), 'errorRate.aboveBaselineBy')).toEqual({
      name: 'errorRate.aboveBaselineBy',
      measured: expect.closeTo(measured, 12) as number,
      threshold: 0.005,
      outcome: 'fail',
      explanation,
    });

  it('threshold: fails just over the margin, passes at it (candidate − baseline)', () => {
    expect(criterion(candidate(1000, 7), margin('threshold'), 'errorRate.aboveBaselineBy')).toMatchObject({
      measured: expect.closeTo(0.005, 12) as number,
      threshold: 0.005,
      outcome: 'pass',
    });
    expectFails(
      8,
      'threshold',
      0.006,
      "the candidate's 8 errors in 1000 requests (0.8%) against the baseline's 20 in 10000 (0.2%) is a difference of +0.6 pp, above the limit of the baseline's rate + 0.5 pp",
    );
  });

  it('statistical: rolls back only when the lower bound is over the margin', () => {
    expect(judged(candidate(1000, 30), 'statistical').verdict).toBe('rollback');
    expectFails(
      30,
      'statistical',
      0.028,
      "the candidate's 30 errors in 1000 requests (3%) against the baseline's 20 in 10000 (0.2%) is a difference of +2.8 pp, 95% bounds +2.02664 pp to +3.82379 pp (one-sided, Newcombe hybrid score for two proportions): above the limit of the baseline's rate + 0.5 pp with 95% confidence",
    );
  });

  it('statistical: promotes only when the upper bound is within the margin', () => {
    const result = judged(candidate(1000, 0), 'statistical');
    expect(result.verdict).toBe('promote');
    expect(result.criteria[1]?.explanation).toBe(
      "the candidate's 0 errors in 1000 requests (0%) against the baseline's 20 in 10000 (0.2%) is a difference of -0.2 pp, 95% bounds -0.288171 pp to +0.0766847 pp (one-sided, Newcombe hybrid score for two proportions): within the limit of the baseline's rate + 0.5 pp with 95% confidence",
    );
  });

  it('statistical: holds a difference over the margin that the data do not yet show, saying what would settle it', () => {
    const result = judged(candidate(1000, 10), 'statistical');
    expect(result.verdict).toBe('hold');
    expect(result.criteria[1]).toMatchObject({
      measured: expect.closeTo(0.008, 12) as number,
      outcome: 'insufficient-data',
      explanation:
        "the candidate's 10 errors in 1000 requests (1%) against the baseline's 20 in 10000 (0.2%) is a difference of +0.8 pp, 95% bounds +0.389156 pp to +1.46851 pp (one-sided, Newcombe hybrid score for two proportions): not yet clear against the limit of the baseline's rate + 0.5 pp; if both rates held and the traffic split stayed, about 1183 more candidate requests (2183 in all, the baseline about 21830) would settle it",
    });
    // The same data under plain thresholds: +0.8 pp is over the margin.
    expect(judged(candidate(1000, 10), 'threshold').verdict).toBe('rollback');
  });

  it('statistical: holds a difference exactly at the margin, which no number of requests settles', () => {
    const c = judged(candidate(1000, 7), 'statistical').criteria[1];
    expect(c?.outcome).toBe('insufficient-data');
    expect(c?.explanation).toMatch(/; at these rates no number of requests settles it$/);
  });

  it('holds when either side has no requests or no data, in both judgements', () => {
    for (const judgement of ['statistical', 'threshold'] as const) {
      const noBaselineRequests = report((r) => {
        r.versions.baseline.requests = 0;
        r.versions.baseline.errors = 0;
      });
      expect(judged(noBaselineRequests, judgement).criteria[1]).toMatchObject({
        measured: null,
        outcome: 'insufficient-data',
        explanation: 'the baseline served no requests in the window, so there is nothing to compare with',
      });
      const noBaseline: CanaryReport = {
        ...report(),
        versions: { ...report().versions, baseline: { noData: 'no series matched y' } },
      };
      const held = judged(noBaseline, judgement);
      expect(held.verdict).toBe('hold');
      expect(held.criteria[1]?.explanation).toBe('there is no data for the baseline (no series matched y)');
      expect(judged(candidate(0, 0), judgement).criteria[1]).toMatchObject({
        measured: null,
        outcome: 'insufficient-data',
      });
    }
  });

  it('gives one criterion per limit when the error rate has both', () => {
    expect(criterionNames({ errorRate: { above: 0.01, aboveBaselineBy: 0.005 } })).toEqual([
      'minRequests',
      'errorRate.above',
      'errorRate.aboveBaselineBy',
    ]);
  });
});
