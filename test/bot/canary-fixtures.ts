/**
 * The promotion tests' world: a default branch whose sync-customers has majors 1–3, a `prod` alias moved by
 * promotions and a canary policy (error rate above 1% rolls back), and canary check results as the Action
 * publishes them — measurements, and the verdict and criteria computed from them.
 */
import { evaluateCanary } from '../../src/canary/evaluate.js';
import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import type { CanaryReport } from '../../src/canary/report.js';
import type { CanaryPolicy } from '../../src/model/types.js';
import { baseTree } from '../e2e/helpers.js';
import { toFiles } from './fake-github.js';
import type { FakeGitHubWithPulls } from './fake-pulls.js';

export const FILE = 'contracts/sync-customers/endpoint.yaml';
export const BRANCH = 'contractguard/promote-sync-customers-prod';

export function endpointYaml(prod: number): string {
  return [
    '# sync-customers: keep this comment',
    'name: sync-customers',
    'owner: "@acme/crm-team"',
    'route: /internal/syncCustomers/v{major}',
    `aliases: { prod: ${prod}, latest: 2 }   # prod moves with promotions`,
    'canary:',
    "  check: 'canary / sync-customers'",
    '  strategy: header',
    '  rollbackWhen:',
    '    errorRate: { above: 0.01 }',
    '  promote: { alias: prod }',
    '',
  ].join('\n');
}

/** The policy `endpointYaml` declares, for computing what an honest Action publishes. */
const POLICY: CanaryPolicy = {
  check: 'canary / sync-customers',
  strategy: 'header',
  rollbackWhen: { errorRate: { above: 0.01 } },
  promote: { alias: 'prod' },
};

/** The default branch: `prod` at `prod`, v3 a copy of v2, billing-job on v1. Resolves to its tip. */
export function setTree(fake: FakeGitHubWithPulls, prod: number): string {
  const base = baseTree();
  const v2 = (file: string) => base[`contracts/sync-customers/v2/${file}`];
  const tip = fake.commit(
    toFiles({
      ...base,
      [FILE]: endpointYaml(prod),
      'contracts/sync-customers/v3/contract.yaml': String(v2('contract.yaml')).replace(
        'version: 2.1.0',
        'version: 3.0.0',
      ),
      'contracts/sync-customers/v3/input.schema.json': v2('input.schema.json'),
      'contracts/sync-customers/v3/output.schema.json': v2('output.schema.json'),
      'contracts/consumers/billing-job.yaml':
        'name: billing-job\nowner: "@acme/billing"\nkind: job\nuses:\n  - endpoint: sync-customers\n    version: 1\n',
    }),
  );
  fake.branches.set('main', tip);
  return tip;
}

/** Candidate traffic that makes the policy say `verdict`: good, none yet, or 5% errors. */
const TRAFFIC = {
  promote: { requests: 1000, errors: 2 },
  hold: { requests: 0, errors: 0 },
  rollback: { requests: 1000, errors: 50 },
} as const;

export function measurements(
  verdict: CanaryCheckResult['verdict'],
  candidate: number,
  baseline: number,
): CanaryReport {
  const stats = (t: { requests: number; errors: number }) => ({
    ...t,
    latencyMs: { p50: 10, p95: 20, p99: 30 },
  });
  return {
    endpoint: 'sync-customers',
    baseline: { major: baseline },
    candidate: { major: candidate },
    window: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T12:00:00Z' },
    versions: { baseline: stats({ requests: 1000, errors: 1 }), candidate: stats(TRAFFIC[verdict]) },
  };
}

/** What the Action publishes for a canary whose measurements say `verdict`. */
export function result(
  verdict: CanaryCheckResult['verdict'],
  candidate = 2,
  baseline = 1,
): CanaryCheckResult {
  const report = measurements(verdict, candidate, baseline);
  const evaluation = evaluateCanary(report, POLICY, { now: new Date('2026-11-26T00:00:00Z') });
  if (evaluation.verdict !== verdict)
    throw new Error(`the ${verdict} traffic evaluates to ${evaluation.verdict}`);
  return { ...evaluation, endpoint: 'sync-customers', baseline, candidate, report };
}
