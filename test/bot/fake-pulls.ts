/**
 * `FakeGitHub` with what the promotion bot needs on top: branches and refs, reading a file through the
 * contents API, commits through the git data API (trees, commits), compare, and pull requests with labels
 * and comments.
 */
import { FakeGitHub, OWNER, REPO, type Reply, gitBlobSha } from './fake-github.js';

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  head: { ref: string };
  base: { ref: string };
  labels: { name: string }[];
  comments: string[];
}

export class FakeGitHubWithPulls extends FakeGitHub {
  /** Branch name → commit SHA. */
  readonly branches = new Map<string, string>();
  /** `base...head` pairs where head is an ancestor of base (compare says `behind`). */
  readonly ancestors = new Set<string>();
  readonly pulls: FakePull[] = [];
  /** Commit → parent SHAs, for commits made through the git data API. */
  readonly parents = new Map<string, string[]>();
  private nextPull = 100;

  override handle(method: string, url: string, body: unknown): Reply {
    const parsed = new URL(url, 'http://fake');
    const path = decodeURIComponent(parsed.pathname.replace(/^\/api\/v3/, ''));
    const reply = this.pullsRoute(method, path, parsed.searchParams, (body ?? {}) as Record<string, unknown>);
    if (reply === undefined) return super.handle(method, url, body);
    this.requests.push({ method, path, query: parsed.searchParams, body });
    return reply;
  }

  openPulls(): FakePull[] {
    return this.pulls.filter((p) => p.state === 'open');
  }

  /** The text of a file at the tip of a branch. */
  fileOn(branch: string, file: string): string | undefined {
    const files = this.commits.get(this.branches.get(branch) ?? '');
    const content = files?.[file];
    return content === undefined ? undefined : content.toString();
  }

  private pullsRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    input: Record<string, unknown>,
  ): Reply | undefined {
    const repo = `/repos/${OWNER}/${REPO}`;
    const notFound = { status: 404, body: { message: 'Not Found' } };
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = new RegExp(`^${repo}/branches/(.+)$`).exec(path))) {
      const sha = this.branches.get(m[1] as string);
      return sha === undefined ? notFound : { status: 200, body: { name: m[1], commit: { sha } } };
    }
    if (
      method === 'GET' &&
      (m = new RegExp(`^${repo}/compare/([0-9a-f]+)\\.\\.\\.([0-9a-f]+)$`).exec(path))
    ) {
      const status =
        m[1] === m[2] ? 'identical' : this.ancestors.has(`${m[1]}...${m[2]}`) ? 'behind' : 'diverged';
      return { status: 200, body: { status } };
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/git/ref/heads/(.+)$`).exec(path))) {
      const sha = this.branches.get(m[1] as string);
      return sha === undefined
        ? notFound
        : { status: 200, body: { ref: `refs/heads/${m[1]}`, object: { sha } } };
    }
    if (method === 'POST' && path === `${repo}/git/refs`) {
      const name = String(input.ref).replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return { status: 422, body: { message: 'Reference already exists' } };
      this.branches.set(name, String(input.sha));
      return { status: 201, body: { ref: input.ref, object: { sha: input.sha } } };
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/git/refs/heads/(.+)$`).exec(path))) {
      if (!this.branches.has(m[1] as string)) return notFound;
      this.branches.set(m[1] as string, String(input.sha));
      return { status: 200, body: { ref: `refs/heads/${m[1]}`, object: { sha: input.sha } } };
    }
    if (
      (m = new RegExp(`^${repo}/contents/(.+)$`).exec(path)) &&
      path !== `${repo}/contents/.github/contractguard.yml`
    ) {
      const file = m[1] as string;
      if (method === 'GET') {
        const ref = query.get('ref') ?? 'main';
        const files = this.commits.get(this.branches.get(ref) ?? ref);
        const content = files?.[file];
        if (content === undefined) return notFound;
        const buffer = Buffer.from(content);
        return {
          status: 200,
          body: {
            type: 'file',
            path: file,
            sha: gitBlobSha(buffer),
            encoding: 'base64',
            content: buffer.toString('base64'),
          },
        };
      }
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/git/commits/([0-9a-f]{40})$`).exec(path))) {
      const sha = m[1] as string;
      if (!this.commits.has(sha)) return notFound;
      // A commit's tree has the commit's SHA here: the base fake lists trees by commit.
      const parents = (this.parents.get(sha) ?? []).map((p) => ({ sha: p }));
      return { status: 200, body: { sha, tree: { sha }, parents } };
    }
    if (method === 'POST' && path === `${repo}/git/trees`) {
      const base = this.commits.get(String(input.base_tree));
      if (base === undefined) return { status: 422, body: { message: 'base_tree not found' } };
      const files = { ...base };
      for (const entry of input.tree as { path: string; content: string }[])
        files[entry.path] = entry.content;
      return { status: 201, body: { sha: this.commit(files) } };
    }
    if (method === 'POST' && path === `${repo}/git/commits`) {
      const files = this.commits.get(String(input.tree));
      if (files === undefined) return { status: 422, body: { message: 'tree not found' } };
      const sha = this.commit({ ...files }); // a new SHA: the fake numbers its commits
      this.parents.set(sha, input.parents as string[]);
      return { status: 201, body: { sha } };
    }
    if (method === 'GET' && path === `${repo}/pulls`) {
      const head = query.get('head')?.replace(`${OWNER}:`, '');
      const state = query.get('state') ?? 'open';
      return {
        status: 200,
        body: this.pulls.filter(
          (p) => (head === undefined || p.head.ref === head) && (state === 'all' || p.state === state),
        ),
      };
    }
    if (method === 'POST' && path === `${repo}/pulls`) {
      const pull: FakePull = {
        number: this.nextPull++,
        state: 'open',
        title: String(input.title),
        body: String(input.body ?? ''),
        head: { ref: String(input.head) },
        base: { ref: String(input.base) },
        labels: [],
        comments: [],
      };
      this.pulls.push(pull);
      return { status: 201, body: pull };
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/pulls/(\\d+)$`).exec(path))) {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (pull === undefined) return notFound;
      if (input.title !== undefined) pull.title = String(input.title);
      if (input.body !== undefined) pull.body = String(input.body);
      if (input.state === 'closed' || input.state === 'open') pull.state = input.state;
      return { status: 200, body: pull };
    }
    if ((m = new RegExp(`^${repo}/issues/(\\d+)/(labels|comments)$`).exec(path)) && method === 'POST') {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (pull === undefined) return undefined;
      if (m[2] === 'labels') {
        for (const name of input.labels as string[]) pull.labels.push({ name });
        return { status: 200, body: pull.labels };
      }
      pull.comments.push(String(input.body));
      return { status: 201, body: { id: pull.comments.length, body: input.body } };
    }
    return undefined;
  }
}
