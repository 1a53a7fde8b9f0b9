/** A well-formed canary report, to vary per test. */
import type { CanaryReport, CanaryStats } from '../../src/canary/report.js';

/** A report whose sides both carry measurements. */
export type MeasuredReport = Omit<CanaryReport, 'versions'> & {
  versions: { baseline: CanaryStats; candidate: CanaryStats };
};

export function sampleReport(): MeasuredReport {
  return {
    endpoint: 'sync-customers',
    baseline: { major: 3 },
    candidate: { major: 4 },
    window: { start: '2026-11-25T08:00:00Z', end: '2026-11-25T11:00:00Z' },
    versions: {
      baseline: {
        requests: 10_000,
        errors: 20,
        latencyMs: { p50: 80, p95: 400, p99: 900 },
        business: { synced_count_delta: 0.3 },
      },
      candidate: {
        requests: 1_000,
        errors: 5,
        latencyMs: { p50: 85, p95: 420, p99: 1_200 },
        business: { synced_count_delta: 0.302 },
      },
    },
  };
}
