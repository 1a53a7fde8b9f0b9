/** src/canary/promotion.ts: what a canary's measurements ask of the promotion alias, judged by the bot itself. */
import { describe, expect, it } from 'vitest';

import {
  againstOpenPull,
  consumersElsewhere,
  decidePromotion,
  needsExplaining,
  validTarget,
} from '../../src/canary/promotion.js';
import { NOW, claim, contractSet, endpoint } from './promotion-fixtures.js';

describe('decidePromotion: the verdict comes from the measurements', () => {
  it('passing measurements: a PR moving the alias from its current major to the candidate', () => {
    const d = decidePromotion(endpoint(1), claim('promote', 'pass'), NOW);
    expect(d).toMatchObject({
      step: { action: 'pull', kind: 'promote', alias: 'prod', current: 1, target: 2 },
    });
    expect(d.evaluation?.verdict).toBe('promote');
    expect(needsExplaining(d)).toBe(false);
  });

  it('a promote verdict over failing measurements is overruled: rollback, and nothing to roll back', () => {
    const d = decidePromotion(endpoint(1), claim('promote', 'fail'), NOW);
    expect(d.overruled).toBe('promote');
    expect(d.evaluation?.verdict).toBe('rollback');
    expect(d).toMatchObject({ refusal: { kind: 'nothing-to-roll-back' } });
    expect(needsExplaining(d)).toBe(true);
  });

  it('a promote verdict with empty criteria over no traffic is judged hold', () => {
    const d = decidePromotion(endpoint(1), claim('promote', 'none'), NOW);
    expect(d).toMatchObject({ step: { action: 'hold', alias: 'prod', current: 1, candidate: 2 } });
    expect(d.evaluation?.criteria.map((c) => c.name)).toEqual(['minRequests', 'errorRate.above']);
    expect(d.overruled).toBe('promote');
  });

  it('a rollback verdict over passing measurements of the current target rolls nothing back', () => {
    const d = decidePromotion(endpoint(2), claim('rollback', 'pass'), NOW);
    expect(d).toMatchObject({ refusal: { kind: 'already-promoted', alias: 'prod', candidate: 2 } });
    expect(needsExplaining(d)).toBe(true);
  });

  it('failing measurements of the major the alias points at: a PR moving it back to the baseline', () => {
    const d = decidePromotion(endpoint(2), claim('rollback', 'fail'), NOW);
    expect(d).toMatchObject({
      step: { action: 'pull', kind: 'rollback', alias: 'prod', current: 2, target: 1 },
    });
  });
});

describe('decidePromotion: the candidate must hold up on the default branch', () => {
  it('rejects a candidate that does not exist, before judging anything', () => {
    const d = decidePromotion(endpoint(1), claim('promote', 'pass', 99), NOW);
    expect(d).toMatchObject({
      refusal: { kind: 'unknown-major', role: 'candidate', endpoint: 'sync-customers', major: 99 },
    });
    expect(d.evaluation).toBeUndefined();
    expect(needsExplaining(d)).toBe(true);
  });

  it('rejects a baseline that does not exist', () => {
    const d = decidePromotion(endpoint(1), claim('promote', 'pass', 2, 7), NOW);
    expect(d).toMatchObject({ refusal: { kind: 'unknown-major', role: 'baseline', major: 7 } });
  });

  it('rejects promoting a major that is not active', () => {
    const d = decidePromotion(endpoint(1, 'deprecated'), claim('promote', 'pass', 3), NOW);
    expect(d).toMatchObject({ refusal: { kind: 'inactive-candidate', major: 3, status: 'deprecated' } });
    expect(needsExplaining(d)).toBe(true);
  });

  it('rejects rolling back to a retired baseline', () => {
    const e = endpoint(2);
    e.versions.get(1)!.contract.status = 'retired';
    const d = decidePromotion(e, claim('rollback', 'fail'), NOW);
    expect(d).toMatchObject({ refusal: { kind: 'retired-baseline', major: 1 } });
    expect(needsExplaining(d)).toBe(true);
  });

  it('refuses a check run whose named majors differ from its measurements', () => {
    const d = decidePromotion(endpoint(1), { ...claim('promote', 'pass'), candidate: 3 }, NOW);
    expect(d).toMatchObject({ refusal: { kind: 'inconsistent-report' } });
  });

  it('refuses measurements of another endpoint', () => {
    const forged = claim('promote', 'pass');
    forged.endpoint = forged.report.endpoint = 'export-orders';
    expect(decidePromotion(endpoint(1), forged, NOW)).toMatchObject({
      refusal: { kind: 'other-endpoint', reported: 'export-orders' },
    });
  });

  it('refuses without a promotion alias', () => {
    const e = endpoint();
    delete e.endpoint.canary?.promote;
    expect(decidePromotion(e, claim('promote', 'pass'), NOW)).toMatchObject({
      refusal: { kind: 'no-promote-alias' },
    });
  });
});

describe('open PRs', () => {
  it('a promotion may target only an existing, active major the alias does not point at', () => {
    const e = endpoint(1, 'deprecated');
    expect(validTarget(e, 'promote', 'prod', 2)).toBe(true);
    expect(validTarget(e, 'promote', 'prod', 99)).toBe(false);
    expect(validTarget(e, 'promote', 'prod', 3)).toBe(false);
    expect(validTarget(e, 'promote', 'prod', 1)).toBe(false);
  });

  it('updates the open PR for the same target', () => {
    expect(againstOpenPull('promote', 3, { target: 3, pull: 7, valid: true })).toBe('update');
  });

  it('supersedes an open promotion to an older major', () => {
    expect(againstOpenPull('promote', 3, { target: 2, pull: 7, valid: true })).toBe('supersede');
  });

  it('refuses a promotion older than a valid open one', () => {
    expect(againstOpenPull('promote', 2, { target: 3, pull: 7, valid: true })).toEqual({
      kind: 'older-than-open',
      target: 3,
      pull: 7,
    });
  });

  it('discards an open PR to an invalid target instead of being blocked by it', () => {
    expect(againstOpenPull('promote', 2, { target: 99, pull: 7, valid: false })).toBe('discard');
  });
});

describe('consumersElsewhere', () => {
  it('lists the consumers on another major than the target', () => {
    expect(consumersElsewhere(contractSet(), 'sync-customers', 2)).toEqual([
      { name: 'billing-job', owner: '@acme/ops', major: 1, file: 'contracts/consumers/billing-job.yaml' },
    ]);
  });
});
