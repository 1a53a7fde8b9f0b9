/**
 * What the PR check asks of the world outside the core, as small interfaces: whether a person may approve
 * (the bot and the Action answer from GitHub — repository roles, team memberships, who applied a label).
 * Contract sources are the other port (`ContractSource`, src/load/source.ts). Tests supply in-memory ones.
 */

/** An endpoint whose changes need an approval, with its owner in base (absent when base has no owner). */
export interface EndpointOwner {
  name: string;
  owner?: string;
}

/** What an approval would cover, as the rights check needs it. */
export interface ApprovalScope {
  /** Endpoints the approval would cover, owners from base; empty when it covers no endpoint. */
  endpoints: readonly EndpointOwner[];
  /** `approvers` of base's contractguard.yaml: users (`@alice`) or teams (`@acme/api-owners`). */
  approvers: readonly string[];
}

export type ApproverVerdict =
  /** `as` says in which capacity: `an admin of acme/api`, `the owner of sync-customers`. */
  | { allowed: true; as: string }
  /** `why` holds clauses: `not a collaborator of acme/api`, `not the owner of …`. */
  | { allowed: false; why: string[] };

/** Who applied a label: a login, or why that cannot be told (a clause). */
export type LabelApplier = { login: string } | { unknown: string };

export interface People {
  /** Whether `login` (without `@`) may approve changes in `scope`. */
  mayApprove(login: string, scope: ApprovalScope): Promise<ApproverVerdict>;
  /** Who applied `label` to the PR most recently. */
  labelApplier(label: string): Promise<LabelApplier>;
}
