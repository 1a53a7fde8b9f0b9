/**
 * What to compare, from a GitHub webhook event payload: a PR's base and head commits, or a push's before and
 * after. Pure: reads the payload, never the network.
 */

/** The PR the event is about, when it is about one. */
export interface PullRequestInfo {
  number: number;
  /** Head and base live in different repositories: a `pull_request` workflow token cannot write then. */
  fork: boolean;
  labels: string[];
}

/** A commit (full SHA) or a branch of `origin` (a new branch's push compares against the default branch). */
export type BaseRef = { sha: string } | { branch: string };

export type EventComparison =
  | {
      kind: 'compare';
      base?: BaseRef;
      /** A commit SHA; undefined when the event names none (the caller decides: `HEAD`). */
      head?: string;
      pullRequest?: PullRequestInfo;
    }
  /** The event leaves nothing to compare: a deleted branch, the first push of a repository. */
  | { kind: 'nothing'; reason: string };

const ZERO_SHA = /^0+$/;

/** Reads `o[key]` of an unknown JSON value. */
function field(o: unknown, ...keys: string[]): unknown {
  let at = o;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function str(o: unknown, ...keys: string[]): string | undefined {
  const value = field(o, ...keys);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The PR of a `pull_request` / `pull_request_target` payload (or any payload with `pull_request`). */
export function pullRequestOf(payload: unknown): PullRequestInfo | undefined {
  const pr = field(payload, 'pull_request');
  const number = field(pr, 'number');
  if (typeof number !== 'number') return undefined;
  const headRepo = str(pr, 'head', 'repo', 'full_name');
  const baseRepo = str(pr, 'base', 'repo', 'full_name');
  const labels = field(pr, 'labels');
  return {
    number,
    // A deleted fork leaves `head.repo` null: treat it as a fork.
    fork: headRepo === undefined || (baseRepo !== undefined && headRepo !== baseRepo),
    labels: Array.isArray(labels)
      ? labels.map((l) => str(l, 'name')).filter((n): n is string => n !== undefined)
      : [],
  };
}

/**
 * Base and head from the event: `pull_request*` → `base.sha` / `head.sha`; `push` → `before` / `after`, where
 * a `before` of zeros (a new branch) compares against the default branch, unless the push is to the default
 * branch itself (nothing to compare). Other events name neither: the inputs must.
 */
export function comparisonFromEvent(eventName: string, payload: unknown): EventComparison {
  const pullRequest = pullRequestOf(payload);
  if (pullRequest !== undefined) {
    const base = str(payload, 'pull_request', 'base', 'sha');
    const head = str(payload, 'pull_request', 'head', 'sha');
    return {
      kind: 'compare',
      ...(base === undefined ? {} : { base: { sha: base } }),
      ...(head === undefined ? {} : { head }),
      pullRequest,
    };
  }
  if (eventName === 'push') {
    const before = str(payload, 'before');
    const after = str(payload, 'after');
    const ref = str(payload, 'ref');
    if (field(payload, 'deleted') === true || (after !== undefined && ZERO_SHA.test(after))) {
      return { kind: 'nothing', reason: `the push deleted ${ref ?? 'a branch'}` };
    }
    if (before !== undefined && !ZERO_SHA.test(before)) {
      return { kind: 'compare', base: { sha: before }, ...(after === undefined ? {} : { head: after }) };
    }
    // A new branch (or tag): compare against the default branch, if it is another branch.
    const defaultBranch = str(payload, 'repository', 'default_branch');
    if (defaultBranch === undefined) {
      return {
        kind: 'nothing',
        reason: `${ref ?? 'the pushed ref'} is new and the event names no default branch`,
      };
    }
    if (ref === `refs/heads/${defaultBranch}`) {
      return {
        kind: 'nothing',
        reason: `this is the first push of the default branch ${defaultBranch}: there is no earlier state`,
      };
    }
    return {
      kind: 'compare',
      base: { branch: defaultBranch },
      ...(after === undefined ? {} : { head: after }),
    };
  }
  return { kind: 'compare' };
}
