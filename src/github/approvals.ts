/**
 * The approve label, checked against GitHub: who applied it last (the PR's issue events), and whether that
 * person may approve the breaking changes in question. An admin or maintainer of the repository may; so may
 * an approver listed in contractguard.yaml, and the owner of every endpoint with a change that needs approval
 * (`owner: '@user'`, or `'@org/team'` with an active membership). Approvers and owners are read from base —
 * what the PR itself writes cannot grant its author the right to approve it.
 */
import type { Approval, RefusedApproval } from '../tree/types.js';
import { type GitHubClient, errorText, httpStatus } from './client.js';

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

type Membership = 'member' | 'not-member' | { unknown: string };

/** Checks the label of one PR; GitHub answers are cached per check (a team asked about once). */
export async function checkApprovalLabel(client: GitHubClient, check: LabelCheck): Promise<LabelVerdict> {
  const repoName = `${check.owner}/${check.repo}`;
  const applied = `they applied the label "${check.label}"`;
  let user: string | undefined;
  try {
    user = await lastLabeler(client, check, check.label);
  } catch (error) {
    return {
      refused: { reason: `cannot find who applied the label "${check.label}": ${describeFailure(error)}` },
    };
  }
  if (user === undefined) {
    return {
      refused: { reason: `the PR's events do not say who applied the label "${check.label}"` },
    };
  }
  const by = `@${user}`;
  const approved = (role: string): LabelVerdict => ({
    approved: { fingerprint: 'all', by, reason: `applied the label as ${role}` },
  });
  const why: string[] = [];

  // 1. Repository role.
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
      owner: check.owner,
      repo: check.repo,
      username: user,
    });
    const role = data.role_name || data.permission;
    if (role === 'admin' || data.permission === 'admin') return approved(`an admin of ${repoName}`);
    if (role === 'maintain') return approved(`a maintainer of ${repoName}`);
    why.push(
      data.permission === 'none'
        ? `not a collaborator of ${repoName}`
        : `not an admin or maintainer of ${repoName} (their role: ${role})`,
    );
  } catch (error) {
    if (httpStatus(error) === 404) why.push(`not a collaborator of ${repoName}`);
    else why.push(`of unknown role in ${repoName} (${describeFailure(error)})`);
  }

  const memberships = new Map<string, Promise<Membership>>();
  const isOwner = async (owner: string): Promise<Membership> => {
    const team = parseOwner(owner);
    if (team === undefined) return 'not-member';
    if ('user' in team) return team.user.toLowerCase() === user.toLowerCase() ? 'member' : 'not-member';
    const key = `${team.org}/${team.team}`.toLowerCase();
    let answer = memberships.get(key);
    if (answer === undefined) {
      answer = teamMembership(client, team.org, team.team, user);
      memberships.set(key, answer);
    }
    return answer;
  };

  // 2. Approvers listed in base's contractguard.yaml.
  if (check.approvers.length > 0) {
    const unknown: string[] = [];
    for (const approver of check.approvers) {
      const answer = await isOwner(approver);
      if (answer === 'member') return approved(`an approver listed in contractguard.yaml (${approver})`);
      if (typeof answer === 'object') unknown.push(`${approver}: ${answer.unknown}`);
    }
    why.push(
      `not among the approvers in contractguard.yaml (${check.approvers.join(', ')}${unknown.length ? `; cannot check ${unknown.join('; ')}` : ''})`,
    );
  }

  // 3. Owner of every endpoint that needs approval.
  if (check.endpoints.length > 0) {
    const missing: string[] = [];
    for (const endpoint of check.endpoints) {
      if (endpoint.owner === undefined) {
        missing.push(`${endpoint.name} (no owner in base)`);
        continue;
      }
      const answer = await isOwner(endpoint.owner);
      if (answer === 'member') continue;
      missing.push(
        typeof answer === 'object'
          ? `${endpoint.name} (owner ${endpoint.owner}; cannot check membership: ${answer.unknown})`
          : `${endpoint.name} (owner ${endpoint.owner})`,
      );
    }
    if (missing.length === 0) {
      const names = check.endpoints.map((e) => e.name).join(', ');
      return approved(`the owner of ${names}`);
    }
    why.push(`not the owner of ${missing.join(', ')}`);
  }

  return { refused: { by, reason: `${applied} but are ${andList(why)}` } };
}

/** `@alice` → user; `@acme/crm-team` → team; anything else → undefined. */
export function parseOwner(owner: string): { user: string } | { org: string; team: string } | undefined {
  const match = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\/([A-Za-z0-9_.-]+))?$/.exec(owner.trim());
  if (match === null) return undefined;
  const [, name, team] = match;
  if (name === undefined) return undefined;
  return team === undefined ? { user: name } : { org: name, team };
}

async function teamMembership(
  client: GitHubClient,
  org: string,
  team: string,
  user: string,
): Promise<Membership> {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({
      org,
      team_slug: team,
      username: user,
    });
    return data.state === 'active' ? 'member' : 'not-member';
  } catch (error) {
    if (httpStatus(error) === 404) return 'not-member';
    return {
      unknown:
        httpStatus(error) === 403
          ? "HTTP 403, the token may not read the organization's teams (the Actions token never can; use a token with members: read)"
          : describeFailure(error),
    };
  }
}

function describeFailure(error: unknown): string {
  const status = httpStatus(error);
  return status === undefined ? errorText(error) : `HTTP ${status}, ${errorText(error)}`;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
