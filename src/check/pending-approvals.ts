/**
 * What still needs an approval in a report: the errors an approval could lift (`APPROVABLE`) and the
 * fingerprints of what they are about, each with its scope — an endpoint, with its owner read from base (a PR
 * cannot appoint its own approver), or none for a change of the policy itself, which only an admin,
 * maintainer or listed approver may approve.
 */
import type { ContractSet } from '../model/types.js';
import { APPROVABLE } from '../policy/approvals.js';
import type { Finding } from '../policy/types.js';
import type { EndpointOwner } from './ports.js';
import type { TreeReport } from './types.js';

export interface PendingApprovals {
  /** The endpoints concerned, sorted by name. */
  endpoints: EndpointOwner[];
  /** Fingerprint → its endpoint (undefined: a policy change), in report order. */
  fingerprints: Map<string, string | undefined>;
}

function liftable(f: Finding): boolean {
  return f.level === 'error' && APPROVABLE.has(f.rule) && (f.fingerprints?.length ?? 0) > 0;
}

export function pendingApprovals(report: TreeReport, base: ContractSet): PendingApprovals {
  const names = new Set<string>();
  const fingerprints = new Map<string, string | undefined>();
  for (const f of report.findings) {
    if (!liftable(f)) continue;
    if (f.endpoint !== undefined) names.add(f.endpoint);
    for (const fp of f.fingerprints ?? []) fingerprints.set(fp, f.endpoint);
  }
  return { endpoints: [...names].sort().map((name) => ownerIn(base, name)), fingerprints };
}

/** An endpoint with its owner in `base`, when base has the endpoint. */
export function ownerIn(base: ContractSet, name: string): EndpointOwner {
  const owner = base.endpoints.get(name)?.endpoint.owner;
  return owner === undefined ? { name } : { name, owner };
}

/** The pending fingerprints by scope: one group per endpoint, and one (`endpoint` undefined) for the policy. */
export function byScope(
  pending: PendingApprovals,
  fingerprints: readonly string[],
): { endpoint: EndpointOwner | undefined; fingerprints: string[] }[] {
  const groups = new Map<string | undefined, string[]>();
  for (const fp of fingerprints) {
    const name = pending.fingerprints.get(fp);
    groups.set(name, [...(groups.get(name) ?? []), fp]);
  }
  return [...groups].map(([name, fps]) => ({
    endpoint: name === undefined ? undefined : pending.endpoints.find((e) => e.name === name),
    fingerprints: fps,
  }));
}
