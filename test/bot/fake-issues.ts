/**
 * `FakeGitHub` with repository issues: listing by label and state (paginated with `Link` headers), creating,
 * editing (title, body, state), comments on any issue, plus the repository and its default branch.
 */
import { BOT_LOGIN, FakeGitHub, OWNER, REPO, type Reply } from './fake-github.js';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: { name: string }[];
  assignees: { login: string }[];
  user: { login: string; type: string };
  comments: string[];
}

export class FakeGitHubWithIssues extends FakeGitHub {
  readonly issues: FakeIssue[] = [];
  defaultBranch = 'main';
  /** Head of the default branch, for the scheduled run. */
  branchSha = '';
  private nextNumber = 100;

  issue(number: number): FakeIssue {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new Error(`no issue #${number}`);
    return found;
  }

  withLabel(label: string): FakeIssue[] {
    return this.issues.filter((i) => i.labels.some((l) => l.name === label));
  }

  override handle(method: string, url: string, body: unknown): Reply {
    const parsed = new URL(url, 'http://fake');
    const path = decodeURIComponent(parsed.pathname.replace(/^\/api\/v3/, ''));
    const reply = this.issueRoute(method, path, parsed.searchParams, (body ?? {}) as Record<string, unknown>);
    if (reply === undefined) return super.handle(method, url, body);
    this.requests.push({ method, path, query: parsed.searchParams, body });
    return reply;
  }

  private issueRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    input: Record<string, unknown>,
  ): Reply | undefined {
    const repo = `/repos/${OWNER}/${REPO}`;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === repo) {
      return {
        status: 200,
        body: { name: REPO, full_name: `${OWNER}/${REPO}`, default_branch: this.defaultBranch },
      };
    }
    if (method === 'GET' && path === `${repo}/branches/${this.defaultBranch}`) {
      return { status: 200, body: { name: this.defaultBranch, commit: { sha: this.branchSha } } };
    }
    if (method === 'GET' && path === `${repo}/issues`) {
      const labels = (query.get('labels') ?? '').split(',').filter((l) => l !== '');
      const state = query.get('state') ?? 'open';
      const all = this.issues.filter(
        (i) =>
          (state === 'all' || i.state === state) && labels.every((l) => i.labels.some((x) => x.name === l)),
      );
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URLSearchParams(query);
        next.set('page', String(page + 1));
        headers.link = `<${this.baseUrl}${repo}/issues?${next.toString()}>; rel="next"`;
      }
      const slice = all.slice((page - 1) * perPage, page * perPage).map(({ comments, ...rest }) => ({
        ...structuredClone(rest),
        comments: comments.length,
      }));
      return { status: 200, body: slice, headers };
    }
    if (method === 'POST' && path === `${repo}/issues`) {
      const issue: FakeIssue = {
        number: this.nextNumber++,
        title: String(input.title),
        body: String(input.body ?? ''),
        state: 'open',
        labels: ((input.labels as string[] | undefined) ?? []).map((name) => ({ name })),
        assignees: ((input.assignees as string[] | undefined) ?? []).map((login) => ({ login })),
        user: { login: BOT_LOGIN, type: 'Bot' },
        comments: [],
      };
      this.issues.push(issue);
      return { status: 201, body: { ...structuredClone(issue), comments: 0 } };
    }
    if ((m = new RegExp(`^${repo}/issues/(\\d+)(/comments)?$`).exec(path))) {
      const issue = this.issues.find((i) => i.number === Number(m?.[1]));
      if (!issue) return undefined; // the PR's own routes
      if (method === 'PATCH' && !m[2]) {
        if (typeof input.title === 'string') issue.title = input.title;
        if (typeof input.body === 'string') issue.body = input.body;
        if (input.state === 'open' || input.state === 'closed') issue.state = input.state;
        return { status: 200, body: { ...structuredClone(issue), comments: issue.comments.length } };
      }
      if (method === 'POST' && m[2]) {
        issue.comments.push(String(input.body));
        return { status: 201, body: { id: issue.number * 1000 + issue.comments.length, body: input.body } };
      }
    }
    return undefined;
  }
}
