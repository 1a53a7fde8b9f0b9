/** A default-branch tree for the promotion decision: sync-customers v1–v3, `prod` moved by its canary. */
import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import type { CanaryReport } from '../../src/canary/report.js';
import type { ContractSet, LoadedEndpoint, VersionStatus } from '../../src/model/types.js';
import { tree } from '../tree/helpers.js';

export const NOW = new Date('2026-11-26T00:00:00Z');

export function contractSet(prod = 1, status3: VersionStatus = 'active'): ContractSet {
  const set = tree({
    endpoints: {
      'sync-customers': {
        aliases: { prod, latest: 2 },
        versions: { 1: { status: 'deprecated' }, 2: {}, 3: { status: status3 } },
      },
    },
    consumers: [
      { name: 'billing-job', uses: [{ endpoint: 'sync-customers', version: 1 }] },
      { name: 'ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 2 }] },
    ],
  });
  const e = set.endpoints.get('sync-customers') as LoadedEndpoint;
  e.endpoint.canary = {
    check: 'canary / sync-customers',
    strategy: 'header',
    rollbackWhen: { errorRate: { above: 0.01 } },
    promote: { alias: 'prod' },
  };
  return set;
}

export function endpoint(prod = 1, status3: VersionStatus = 'active'): LoadedEndpoint {
  return contractSet(prod, status3).endpoints.get('sync-customers') as LoadedEndpoint;
}

/** Candidate traffic: 2 errors in 1000 (passes), none yet (hold), 50 in 1000 (fails). */
const TRAFFIC = { pass: [1000, 2], none: [0, 0], fail: [1000, 50] } as const;

/** A check run's result whose measurements carry `traffic`; its verdict line says `claimed`. */
export function claim(
  claimed: CanaryCheckResult['verdict'],
  traffic: keyof typeof TRAFFIC,
  candidate = 2,
  baseline = 1,
): CanaryCheckResult {
  const [requests, errors] = TRAFFIC[traffic];
  const stats = (r: number, e: number) => ({ requests: r, errors: e, latencyMs: { p50: 1, p95: 2, p99: 3 } });
  const report: CanaryReport = {
    endpoint: 'sync-customers',
    baseline: { major: baseline },
    candidate: { major: candidate },
    window: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T12:00:00Z' },
    versions: { baseline: stats(1000, 1), candidate: stats(requests, errors) },
  };
  return { verdict: claimed, criteria: [], endpoint: 'sync-customers', baseline, candidate, report };
}
