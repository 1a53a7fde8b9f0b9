/** src/report/canary.ts: the criteria table of a canary verdict. */
import { describe, expect, it } from 'vitest';

import type { CanaryCriterion, CanaryEvaluation } from '../../src/canary/evaluate.js';
import type { CanaryReport } from '../../src/canary/report.js';
import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import {
  canaryCheckTitle,
  renderCanarySummary,
  renderCanaryText,
  renderCriteriaTable,
} from '../../src/report/canary.js';

const criterion = (name: string, measured: number | null, threshold: number): CanaryCriterion => ({
  name,
  measured,
  threshold,
  outcome: 'pass',
  explanation: 'fine',
});

describe('renderCriteriaTable', () => {
  it('shows each value in its criterion’s unit', () => {
    const table = renderCriteriaTable([
      criterion('minDuration', 5_400_000, 3_600_000),
      criterion('errorRate.above', 0.002, 0.01),
      criterion('p95LatencyMs.aboveRatioToBaseline', 1.05, 1.5),
      criterion('p99LatencyMs.above', 250, 300),
      criterion('business.synced.aboveAbs', null, 0.5),
    ]);
    expect(table).toContain('| duration `minDuration` | 1h30m | ≥ 1h |');
    expect(table).toContain('| error rate `errorRate.above` | 0.2% | ≤ 1% |');
    expect(table).toContain(
      '| p95 latency vs baseline `p95LatencyMs.aboveRatioToBaseline` | 1.05× | ≤ 1.5× baseline |',
    );
    expect(table).toContain('| p99 latency `p99LatencyMs.above` | 250 ms | ≤ 300 ms |');
    expect(table).toContain('| synced change vs baseline `business.synced.aboveAbs` | — | \\|Δ\\| ≤ 0.5 |');
  });

  it('shows a difference to the baseline’s error rate in percentage points, with its sign', () => {
    const table = renderCriteriaTable([
      { ...criterion('errorRate.aboveBaselineBy', 0.008, 0.005), outcome: 'fail' },
      criterion('errorRate.aboveBaselineBy', -0.001, 0.005),
    ]);
    expect(table).toContain(
      '| error rate vs baseline `errorRate.aboveBaselineBy` | +0.8 pp | ≤ baseline + 0.5 pp | ❌ fail |',
    );
    expect(table).toContain('| -0.1 pp | ≤ baseline + 0.5 pp | ✅ pass |');
  });

  it('keeps a pipe or line break in an explanation inside its cell', () => {
    const table = renderCriteriaTable([{ ...criterion('minRequests', 1, 1), explanation: 'a | b\nc' }]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| a \\| b<br>c |');
  });

  it('puts the failing criterion first, then those waiting for data, then the passing ones', () => {
    const table = renderCriteriaTable([
      criterion('minRequests', 900, 500),
      { ...criterion('minDuration', 600_000, 3_600_000), outcome: 'insufficient-data' },
      { ...criterion('p99LatencyMs.above', 2500, 2000), outcome: 'fail' },
    ]);
    const names = table
      .split('\n')
      .slice(2)
      .map((row) => /`([^`]+)`/.exec(row)?.[1]);
    expect(names).toEqual(['p99LatencyMs.above', 'minDuration', 'minRequests']);
  });

  it('rounds measured values for reading', () => {
    const table = renderCriteriaTable([
      criterion('errorRate.above', 0.0123456, 0.05),
      criterion('p95LatencyMs.above', 412.3456, 500),
      criterion('p95LatencyMs.aboveRatioToBaseline', 1.183333333, 1.2),
    ]);
    expect(table).toContain('| 1.23% | ≤ 5% |');
    expect(table).toContain('| 412 ms | ≤ 500 ms |');
    expect(table).toContain('| 1.18× | ≤ 1.2× baseline |');
  });

  it('shows more digits where rounding would make a failing value look equal to its limit', () => {
    const table = renderCriteriaTable([
      { ...criterion('errorRate.above', 0.0100004, 0.01), outcome: 'fail' },
    ]);
    expect(table).toContain('| 1.00004% | ≤ 1% | ❌ fail |');
  });

  it('rounds the long numbers of an explanation the way the table does', () => {
    const table = renderCriteriaTable([
      { ...criterion('errorRate.above', 0.05, 0.01), explanation: '95% bounds 3.98282% to 6.26002%' },
    ]);
    expect(table).toContain('| 95% bounds 3.98% to 6.26% |');
  });
});

describe('renderCanaryText', () => {
  const report = {
    endpoint: 'sync-customers',
    baseline: { major: 1 },
    candidate: { major: 2 },
    window: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T12:00:00Z' },
    versions: {
      baseline: { requests: 100, errors: 0, latencyMs: { p50: 1, p95: 2, p99: 3 } },
      candidate: { requests: 900, errors: 45, latencyMs: { p50: 1, p95: 2, p99: 3 } },
    },
  } as CanaryReport;

  it('lists the failing criterion first, with the operator of what passes', () => {
    const evaluation: CanaryEvaluation = {
      verdict: 'rollback',
      criteria: [
        criterion('minRequests', 900, 500),
        { ...criterion('errorRate.above', 0.05, 0.01), outcome: 'fail', explanation: 'too many errors' },
      ],
    };
    const lines = renderCanaryText(report, evaluation).split('\n');
    expect(lines[2]).toMatch(/^criterion\s+measured\s+passes when\s+outcome$/);
    expect(lines[4]).toMatch(/^errorRate\.above\s+5%\s+≤ 1%\s+fail$/);
    expect(lines[5]).toMatch(/^minRequests\s+900\s+≥ 500\s+pass$/);
  });
});

describe('renderCanarySummary', () => {
  const result = (criteria: CanaryCriterion[]): CanaryCheckResult => ({
    verdict: 'hold',
    criteria,
    endpoint: 'sync-customers',
    baseline: 3,
    candidate: 4,
    report: {
      endpoint: 'sync-customers',
      baseline: { major: 3 },
      candidate: { major: 4 },
      window: { start: '2026-11-25T08:00:00Z', end: '2026-11-25T08:30:00Z' },
      versions: { baseline: { noData: 'none' }, candidate: { noData: 'none' } },
    },
  });

  it('says a criterion without a value is not measured yet, in the title and the why line', () => {
    const waiting = {
      ...criterion('p99LatencyMs.aboveRatioToBaseline', null, 1.5),
      outcome: 'insufficient-data' as const,
    };
    expect(canaryCheckTitle(result([waiting]))).toBe(
      'canary sync-customers v4: hold — p99 latency vs baseline not measured yet (passes when ≤ 1.5× baseline)',
    );
    expect(renderCanarySummary(result([waiting]))).toContain(
      '**Why:** p99 latency vs baseline not measured yet (passes when ≤ 1.5× baseline).',
    );
  });
});
