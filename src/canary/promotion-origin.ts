/**
 * Which canary check runs the promotion bot reads at all: runs of the default branch of this repository (not
 * a fork), named after an endpoint's canary check, created by an app the default branch trusts.
 */
import type { ContractSet, LoadedEndpoint } from '../model/types.js';
import { type Refusal, canaryCheckName } from './promotion.js';

/** Where a completed check run comes from: what decides whether its report may be trusted at all. */
export interface CheckRunOrigin {
  headBranch: string | undefined;
  /** The head repository of its check suite and of its pull requests, as `owner/name`. */
  headRepos: readonly string[];
}

/** Refuses a run of another branch or of a fork before anything is read. */
export function screenOrigin(
  origin: CheckRunOrigin,
  repo: { fullName: string; defaultBranch: string },
): Refusal | undefined {
  if (origin.headBranch !== repo.defaultBranch) {
    return { kind: 'not-default-branch', branch: repo.defaultBranch, headBranch: origin.headBranch };
  }
  if (origin.headRepos.some((r) => r !== repo.fullName)) return { kind: 'fork' };
  return undefined;
}

/** The endpoint whose canary check is named `checkName` (its `canary.check`, or `canary / <endpoint>`). */
export function canaryEndpoint(set: ContractSet, checkName: string): LoadedEndpoint | Refusal {
  const endpoint = [...set.endpoints.values()].find(
    (e) =>
      e.endpoint.canary !== undefined &&
      (e.endpoint.canary.check === checkName || canaryCheckName(e.name) === checkName),
  );
  return endpoint ?? { kind: 'no-canary-endpoint', named: /^canary \/ (.+)$/.exec(checkName)?.[1] };
}

/** Only check runs created by an app listed in `canary.trustedApps` are read. */
export function untrustedApp(set: ContractSet, app: string): Refusal | undefined {
  const trusted = set.policy.canary.trustedApps;
  return trusted.includes(app) ? undefined : { kind: 'untrusted-app', app, trusted };
}
