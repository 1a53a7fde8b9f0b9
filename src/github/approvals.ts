/**
 * The approve label, checked against GitHub: who applied it last (the PR's issue events), and whether that
 * person may approve the breaking changes in question. An admin or maintainer of the repository may; so may
 * an approver listed in contractguard.yaml, and the owner of every endpoint with a change that needs approval
 * (`owner: '@user'`, or `'@org/team'` with an active membership). Approvers and owners are read from base —
 * what the PR itself writes cannot grant its author the right to approve it.
 */
import type { Approval, RefusedApproval } from '../policy/types.js';
import { checkApprover, failure } from './approver.js';
import type { GitHubClient } from './client.js';

export const DEFAULT_APPROVE_LABEL = 'contractguard: breaking-approved';

export interface LabelCheck {
  owner: string;
  repo: string;
  /** The PR number. */
  number: number;
  label: string;
  /** Endpoints with changes that need approval, and their owner in base's endpoint.yaml (if base has one). */
  endpoints: { name: string; owner?: string }[];
  /** `approvers` of base's contractguard.yaml: users (`@alice`) or teams (`@acme/api-owners`). */
  approvers: readonly string[];
}

export type LabelVerdict = { approved: Approval } | { refused: RefusedApproval };

interface LabelEvent {
  event?: string;
  label?: { name?: string } | null;
  actor?: { login?: string } | null;
}

/** Who applied `label` most recently, from the PR's issue events (every page). */
export async function lastLabeler(
  client: GitHubClient,
  issue: { owner: string; repo: string; number: number },
  label: string,
): Promise<string | undefined> {
  const events = (await client.paginate(client.rest.issues.listEvents, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    per_page: 100,
  })) as LabelEvent[];
  const wanted = label.toLowerCase();
  const applied = events.filter((e) => e.event === 'labeled' && e.label?.name?.toLowerCase() === wanted);
  return applied.at(-1)?.actor?.login ?? undefined;
}

/** Checks the label of one PR: who applied it last, then the one approval rule (`approver.ts`). */
export async function checkApprovalLabel(client: GitHubClient, check: LabelCheck): Promise<LabelVerdict> {
  let user: string | undefined;
  try {
    user = await lastLabeler(client, check, check.label);
  } catch (error) {
    return { refused: { reason: `cannot find who applied the label "${check.label}": ${failure(error)}` } };
  }
  if (user === undefined) {
    return { refused: { reason: `the PR's events do not say who applied the label "${check.label}"` } };
  }
  const by = `@${user}`;
  const verdict = await checkApprover(client, {
    owner: check.owner,
    repo: check.repo,
    user,
    endpoints: check.endpoints,
    approvers: check.approvers,
  });
  if (verdict.allowed)
    return { approved: { fingerprint: 'all', by, reason: `applied the label as ${verdict.as}` } };
  return {
    refused: { by, reason: `they applied the label "${check.label}" but are ${andList(verdict.why)}` },
  };
}

export { parseOwner } from './approver.js';

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
