/**
 * Whether one GitHub user may approve breaking changes — the one rule for both the approve command (whose
 * author is known) and the approve label (whoever applied it last, see `approvals.ts`): an admin or
 * maintainer of the repository, an approver listed in base's contractguard.yaml, or the owner of every
 * endpoint with a change that needs approval (`@user`, or an active member of `@org/team`). Owners and
 * approvers come from base, so a PR cannot make its author an approver of itself.
 */
import type { ApprovalScope, ApproverVerdict } from '../check/ports.js';
import { type GitHubClient, errorText, httpStatus } from './client.js';

/** `@alice` → user; `@acme/crm-team` → team; anything else → undefined. */
export function parseOwner(owner: string): { user: string } | { org: string; team: string } | undefined {
  const match = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\/([A-Za-z0-9_.-]+))?$/.exec(owner.trim());
  if (match === null) return undefined;
  const [, name, team] = match;
  if (name === undefined) return undefined;
  return team === undefined ? { user: name } : { org: name, team };
}

export interface ApproverCheck extends ApprovalScope {
  owner: string;
  repo: string;
  /** Login, without `@`. */
  user: string;
}

export async function checkApprover(client: GitHubClient, check: ApproverCheck): Promise<ApproverVerdict> {
  const { user } = check;
  const repoName = `${check.owner}/${check.repo}`;
  const why: string[] = [];
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
      owner: check.owner,
      repo: check.repo,
      username: user,
    });
    const role = data.role_name || data.permission;
    if (role === 'admin' || data.permission === 'admin')
      return { allowed: true, as: `an admin of ${repoName}` };
    if (role === 'maintain') return { allowed: true, as: `a maintainer of ${repoName}` };
    why.push(
      data.permission === 'none'
        ? `not a collaborator of ${repoName}`
        : `not an admin or maintainer of ${repoName} (their role: ${role})`,
    );
  } catch (error) {
    if (httpStatus(error) === 404) why.push(`not a collaborator of ${repoName}`);
    else why.push(`of unknown role in ${repoName} (${failure(error)})`);
  }

  const cache = new Map<string, Promise<boolean | string>>();
  const member = (owner: string): Promise<boolean | string> => {
    const key = owner.toLowerCase();
    let answer = cache.get(key);
    if (answer === undefined) {
      answer = isOwner(client, owner, user);
      cache.set(key, answer);
    }
    return answer;
  };

  const unknown: string[] = [];
  for (const approver of check.approvers) {
    const answer = await member(approver);
    if (answer === true)
      return { allowed: true, as: `an approver listed in contractguard.yaml (${approver})` };
    if (typeof answer === 'string') unknown.push(`${approver}: ${answer}`);
  }
  if (check.approvers.length > 0) {
    why.push(
      `not among the approvers in contractguard.yaml (${check.approvers.join(', ')}${unknown.length ? `; cannot check ${unknown.join('; ')}` : ''})`,
    );
  }

  if (check.endpoints.length > 0) {
    const missing: string[] = [];
    for (const endpoint of check.endpoints) {
      const answer = endpoint.owner === undefined ? false : await member(endpoint.owner);
      if (answer === true) continue;
      missing.push(
        endpoint.owner === undefined
          ? `${endpoint.name} (no owner in base)`
          : `${endpoint.name} (owner ${endpoint.owner}${typeof answer === 'string' ? `; cannot check membership: ${answer}` : ''})`,
      );
    }
    if (missing.length === 0) {
      return { allowed: true, as: `the owner of ${check.endpoints.map((e) => e.name).join(', ')}` };
    }
    why.push(`not the owner of ${missing.join(', ')}`);
  }
  return { allowed: false, why };
}

/** True when `user` is the owner (`@user`) or an active member of the team (`@org/team`); a string when unknown. */
async function isOwner(client: GitHubClient, owner: string, user: string): Promise<boolean | string> {
  const parsed = parseOwner(owner);
  if (parsed === undefined) return false;
  if ('user' in parsed) return parsed.user.toLowerCase() === user.toLowerCase();
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({
      org: parsed.org,
      team_slug: parsed.team,
      username: user,
    });
    return data.state === 'active';
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    if (httpStatus(error) === 403) {
      return "HTTP 403, the token may not read the organization's teams (the Actions token never can; use a token with members: read)";
    }
    return failure(error);
  }
}

/** A GitHub error as a short clause: `HTTP 502, Bad Gateway`. */
export function failure(error: unknown): string {
  const status = httpStatus(error);
  return status === undefined ? errorText(error) : `HTTP ${status}, ${errorText(error)}`;
}
