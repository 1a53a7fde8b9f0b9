/**
 * One comment per PR that contractguard keeps up to date instead of adding a new one on every push. It is
 * found by a hidden marker and by its author being the token's own login (so a pasted marker in someone
 * else's comment is never overwritten), searching every page of the PR's comments; it is updated when its
 * text changed, created when there is none, and left alone when nothing changed.
 */
import { GITHUB_COMMENT_LIMIT } from '../report/markdown-text.js';
import { type GitHubClient, httpStatus } from './client.js';

export const REPORT_MARKER = '<!-- contractguard:report -->';

export interface IssueRef {
  owner: string;
  repo: string;
  /** The PR (or issue) number. */
  number: number;
}

export type UpsertAction = 'created' | 'updated' | 'unchanged' | 'absent';

export interface UpsertResult {
  /** `absent`: there was no comment and `create: false` was asked. */
  action: UpsertAction;
  id?: number;
  url?: string;
}

/** The port the front ends write a PR's report through (tests may supply an in-memory one). */
export interface CommentStore {
  upsert(body: string, opts?: { create?: boolean }): Promise<UpsertResult>;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string } | null;
}

const TRUNCATED =
  '\n\n_… cut to fit GitHub’s comment limit; the job summary and the JSON report have everything._\n';

/** The comment text: marker first, then the body, cut (on a line boundary when possible) to fit the limit. */
export function commentBody(body: string, marker = REPORT_MARKER, limit = GITHUB_COMMENT_LIMIT): string {
  const full = `${marker}\n${body}`;
  if (full.length <= limit) return full;
  let cut = full.slice(0, limit - TRUNCATED.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const newline = cut.lastIndexOf('\n');
  if (newline > marker.length) cut = cut.slice(0, newline);
  return `${cut}${TRUNCATED}`;
}

/** `github-actions[bot]` and `github-actions` (GraphQL drops the suffix) are the same author. */
export function sameLogin(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\[bot\]$/, '');
  return norm(a) === norm(b);
}

/**
 * The login the token acts as: GraphQL `viewer` (works for the Actions token, which is refused `GET /user`),
 * else `GET /user`; undefined when neither answers.
 */
export async function ownLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const data = await client.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    if (typeof data.viewer?.login === 'string' && data.viewer.login !== '') return data.viewer.login;
  } catch {
    // fall through to REST
  }
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch {
    return undefined;
  }
}

function normalized(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}

/** The GitHub-backed store: the PR's issue comments. */
export class StickyComment implements CommentStore {
  private login: Promise<string | undefined> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly issue: IssueRef,
    private readonly marker = REPORT_MARKER,
  ) {}

  /** The existing comment: the first, across all pages, that carries the marker and was written by us. */
  async find(): Promise<IssueComment | undefined> {
    this.login ??= ownLogin(this.client);
    const login = await this.login;
    if (login === undefined) {
      throw new Error(
        'cannot tell which login the token acts as (GraphQL viewer and GET /user both failed), so the comment it wrote cannot be found',
      );
    }
    const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
      owner: this.issue.owner,
      repo: this.issue.repo,
      issue_number: this.issue.number,
      per_page: 100,
    });
    for await (const page of pages) {
      for (const comment of page.data as IssueComment[]) {
        const author = comment.user?.login;
        if (author !== undefined && sameLogin(author, login) && (comment.body ?? '').includes(this.marker)) {
          return comment;
        }
      }
    }
    return undefined;
  }

  async upsert(body: string, opts: { create?: boolean } = {}): Promise<UpsertResult> {
    const text = commentBody(body, this.marker);
    const existing = await this.find();
    if (existing !== undefined) {
      const at = { id: existing.id, ...(existing.html_url ? { url: existing.html_url } : {}) };
      if (normalized(existing.body ?? '') === normalized(text)) return { action: 'unchanged', ...at };
      const { data } = await this.client.rest.issues.updateComment({
        owner: this.issue.owner,
        repo: this.issue.repo,
        comment_id: existing.id,
        body: text,
      });
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    if (opts.create === false) return { action: 'absent' };
    const { data } = await this.client.rest.issues.createComment({
      owner: this.issue.owner,
      repo: this.issue.repo,
      issue_number: this.issue.number,
      body: text,
    });
    return { action: 'created', id: data.id, url: data.html_url };
  }
}

/** Whether an error means the token may not write the comment (a fork's read-only token, missing scope). */
export function isPermissionError(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 403 || status === 404 || status === 401;
}
