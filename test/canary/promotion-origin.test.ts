/** src/canary/promotion-origin.ts: which canary check runs the promotion bot reads at all. */
import { describe, expect, it } from 'vitest';

import { canaryEndpoint, screenOrigin, untrustedApp } from '../../src/canary/promotion-origin.js';
import { contractSet } from './promotion-fixtures.js';

const REPO = { fullName: 'acme/api', defaultBranch: 'main' };

describe('screenOrigin', () => {
  it('accepts a run of the default branch of this repository', () => {
    expect(screenOrigin({ headBranch: 'main', headRepos: ['acme/api'] }, REPO)).toBeUndefined();
  });

  it('refuses a run of another branch', () => {
    expect(screenOrigin({ headBranch: 'feature', headRepos: [] }, REPO)).toEqual({
      kind: 'not-default-branch',
      branch: 'main',
      headBranch: 'feature',
    });
  });

  it('refuses a run for a fork, even one whose branch is called like the default branch', () => {
    expect(screenOrigin({ headBranch: 'main', headRepos: ['mallory/api'] }, REPO)).toEqual({ kind: 'fork' });
  });
});

describe('canaryEndpoint and untrustedApp', () => {
  it('finds the endpoint by its canary check name', () => {
    expect(canaryEndpoint(contractSet(), 'canary / sync-customers')).toMatchObject({
      name: 'sync-customers',
    });
  });

  it('names the endpoint a `canary / <name>` check asks for when there is none', () => {
    expect(canaryEndpoint(contractSet(), 'canary / other')).toEqual({
      kind: 'no-canary-endpoint',
      named: 'other',
    });
  });

  it('trusts only the apps in canary.trustedApps', () => {
    expect(untrustedApp(contractSet(), 'github-actions')).toBeUndefined();
    expect(untrustedApp(contractSet(), 'mallory-app')).toMatchObject({
      kind: 'untrusted-app',
      app: 'mallory-app',
    });
  });
});
