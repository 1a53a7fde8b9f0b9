import { describe, expect, it } from 'vitest';

import { comparisonFromEvent, pullRequestOf } from '../../src/github/event.js';

const ZERO = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const repository = { full_name: 'acme/api', default_branch: 'main' };

const pr = (headRepo: string | null, labels: string[] = []) => ({
  pull_request: {
    number: 7,
    labels: labels.map((name) => ({ name })),
    base: { sha: A, repo: { full_name: 'acme/api' } },
    head: { sha: B, repo: headRepo === null ? null : { full_name: headRepo } },
  },
  repository,
});

describe('comparisonFromEvent', () => {
  it('a pull request compares base.sha with head.sha', () => {
    expect(comparisonFromEvent('pull_request', pr('acme/api', ['x']))).toEqual({
      kind: 'compare',
      base: { sha: A },
      head: B,
      pullRequest: { number: 7, fork: false, labels: ['x'] },
    });
    expect(comparisonFromEvent('pull_request_target', pr('acme/api'))).toMatchObject({ base: { sha: A } });
  });

  it('a head in another repository (or a deleted one) is a fork', () => {
    expect(pullRequestOf(pr('mallory/api'))?.fork).toBe(true);
    expect(pullRequestOf(pr(null))?.fork).toBe(true);
    expect(pullRequestOf({ repository })).toBeUndefined();
  });

  it('a push compares before with after', () => {
    expect(comparisonFromEvent('push', { ref: 'refs/heads/main', before: A, after: B, repository })).toEqual({
      kind: 'compare',
      base: { sha: A },
      head: B,
    });
  });

  it('a new branch compares with the default branch', () => {
    expect(
      comparisonFromEvent('push', { ref: 'refs/heads/feature', before: ZERO, after: B, repository }),
    ).toEqual({ kind: 'compare', base: { branch: 'main' }, head: B });
  });

  it('the first push of the default branch, a deleted branch, or no default branch: nothing to compare', () => {
    expect(
      comparisonFromEvent('push', { ref: 'refs/heads/main', before: ZERO, after: B, repository }),
    ).toEqual({
      kind: 'nothing',
      reason: 'this is the first push of the default branch main: there is no earlier state',
    });
    expect(
      comparisonFromEvent('push', { ref: 'refs/heads/x', before: A, after: ZERO, deleted: true, repository }),
    ).toEqual({ kind: 'nothing', reason: 'the push deleted refs/heads/x' });
    expect(comparisonFromEvent('push', { ref: 'refs/heads/x', before: ZERO, after: B })).toMatchObject({
      kind: 'nothing',
    });
  });

  it('other events name nothing: the inputs must', () => {
    expect(comparisonFromEvent('workflow_dispatch', { inputs: {} })).toEqual({ kind: 'compare' });
    expect(comparisonFromEvent('schedule', null)).toEqual({ kind: 'compare' });
  });
});
