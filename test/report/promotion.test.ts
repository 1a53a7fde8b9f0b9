/** src/report/promotion.ts: the promotion and rollback PRs owners merge, and the bot's explanations. */
import { describe, expect, it } from 'vitest';

import type { CanaryCriterion, CanaryEvaluation } from '../../src/canary/evaluate.js';
import {
  type PromotionBodyInput,
  promotionBody,
  promotionCheckSummary,
  promotionTitle,
  refusalReason,
} from '../../src/report/promotion.js';

const passing: CanaryCriterion = {
  name: 'errorRate.above',
  measured: 0.002,
  threshold: 0.01,
  outcome: 'pass',
  explanation: '2 errors in 1000 requests is an error rate of 0.2%, within the limit of 1%',
};
const evaluation: CanaryEvaluation = { verdict: 'promote', criteria: [passing] };

const input: PromotionBodyInput = {
  kind: 'promote',
  endpoint: 'sync-customers',
  endpointOwner: '@acme/crm-team',
  alias: 'prod',
  current: 1,
  target: 2,
  candidate: 2,
  baseline: 1,
  evaluation,
  branch: 'main',
  others: [
    { name: 'billing-job', owner: '@acme/billing', major: 1, file: 'contracts/consumers/billing-job.yaml' },
  ],
};

describe('promotion PRs', () => {
  it('titles the move', () => {
    expect(promotionTitle('rollback', 'sync-customers', 'prod', 1)).toBe(
      'contractguard: roll back sync-customers prod to v1',
    );
  });

  it('says what moves, shows the evidence and lists the consumers on other majors', () => {
    const body = promotionBody(input);
    expect(body).toContain('### Promote `sync-customers` alias `prod`: v1 → v2');
    expect(body).toContain('The canary of v2 against v1 passed every criterion.');
    expect(body).toContain('| error rate `errorRate.above` | 0.2% | ≤ 1% | ✅ pass |');
    expect(body).toContain('- `billing-job` (@acme/billing) on v1 — `contracts/consumers/billing-job.yaml`');
  });

  it('says the verdict is contractguard’s own, against the default branch’s policy', () => {
    expect(promotionBody(input)).toContain(
      "_contractguard judged the canary's measurements itself, against the `canary:` policy on `main`._",
    );
  });

  it('a rollback mentions the endpoint owner and lists the failing criteria', () => {
    const failing = { ...passing, outcome: 'fail' as const, explanation: 'error rate 5%' };
    const body = promotionBody({
      ...input,
      kind: 'rollback',
      current: 2,
      target: 1,
      evaluation: { verdict: 'rollback', criteria: [failing] },
      others: [],
    });
    expect(body).toContain('@acme/crm-team: the canary of v2 (which `prod` points at) failed:');
    expect(body).toContain('- `errorRate.above`: error rate 5%');
    expect(body).toContain('No consumer is on a major other than v1.');
  });

  it('escapes Markdown and HTML in an explanation', () => {
    const hostile = { ...passing, explanation: 'a | b <script>' };
    const body = promotionBody({ ...input, evaluation: { verdict: 'promote', criteria: [hostile] } });
    expect(body).toContain('a \\| b \\<script\\>');
  });
});

describe('the explanation check run', () => {
  it('says which verdict the report claimed, which the measurements give, and that nothing changed', () => {
    const summary = promotionCheckSummary({
      endpoint: 'sync-customers',
      candidate: 2,
      baseline: 1,
      branch: 'main',
      overruled: 'promote',
      evaluation: { verdict: 'rollback', criteria: [{ ...passing, outcome: 'fail' }] },
      outcome: refusalReason({ kind: 'nothing-to-roll-back', alias: 'prod', current: 1, candidate: 2 }),
      acted: false,
    });
    expect(summary).toContain(
      'The canary check run says **promote**, but its measurements, judged against the `canary:` policy on `main`, say **rollback**.',
    );
    expect(summary).toContain('Nothing was changed: rollback, but alias prod points at v1');
    expect(summary).toContain('| error rate `errorRate.above` |');
  });
});

describe('refusalReason', () => {
  it('names the untrusted app and the trusted ones', () => {
    expect(refusalReason({ kind: 'untrusted-app', app: 'mallory-app', trusted: ['github-actions'] })).toBe(
      'it was created by the app "mallory-app", not a trusted one (github-actions)',
    );
  });

  it('names a candidate missing from the default branch', () => {
    expect(
      refusalReason({ kind: 'unknown-major', role: 'candidate', endpoint: 'sync-customers', major: 99 }),
    ).toBe("sync-customers has no v99 on the default branch (the report's candidate)");
  });
});
