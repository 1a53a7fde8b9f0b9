/**
 * Who approves, asked of GitHub — the core's `People` port for one PR: whether a user may approve (the one
 * rule in `approver.ts`) and who applied a label last (the PR's issue events, every page).
 */
import type { LabelApplier, People } from '../check/ports.js';
import { checkApprover, failure } from './approver.js';
import type { GitHubClient } from './client.js';

export const DEFAULT_APPROVE_LABEL = 'contractguard: breaking-approved';

export interface PullRequestAt {
  owner: string;
  repo: string;
  /** The PR number. */
  number: number;
}

interface LabelEvent {
  event?: string;
  label?: { name?: string } | null;
  actor?: { login?: string } | null;
}

/** Who applied `label` most recently, from the PR's issue events (every page). */
export async function lastLabeler(
  client: GitHubClient,
  issue: PullRequestAt,
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

export function gitHubPeople(client: GitHubClient, pr: PullRequestAt): People {
  return {
    mayApprove: (login, scope) =>
      checkApprover(client, { owner: pr.owner, repo: pr.repo, user: login, ...scope }),
    async labelApplier(label): Promise<LabelApplier> {
      try {
        const login = await lastLabeler(client, pr, label);
        return login === undefined
          ? { unknown: `the PR's events do not say who applied the label "${label}"` }
          : { login };
      } catch (error) {
        return { unknown: `cannot find who applied the label "${label}": ${failure(error)}` };
      }
    },
  };
}

export { parseOwner } from './approver.js';
