/**
 * A small in-memory GitHub REST API for the bot's tests: one repository with git-like commits (a recursive
 * tree listing and blobs addressed by their git SHA), one PR, its comments (paginated with `Link` headers),
 * check runs, collaborator permissions, team memberships and issue events. Every request is recorded with
 * its body. Served through nock (handler tests) or a real local HTTP server (the end-to-end test).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { baseTree } from '../e2e/helpers.js';

export const OWNER = 'acme';
export const REPO = 'api';
export const BOT_LOGIN = 'contractguard[bot]';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string | undefined;
  status: string;
  conclusion: string | undefined;
  output: { title: string; summary: string };
  annotations: unknown[];
  app: { id: number };
}

type Files = Record<string, string | Buffer>;

/** Files as `Repo.write` takes them: objects as pretty JSON, strings verbatim. */
export function toFiles(tree: Record<string, unknown>): Files {
  const out: Files = {};
  for (const [path, content] of Object.entries(tree)) {
    out[path] =
      Buffer.isBuffer(content) || typeof content === 'string'
        ? content
        : `${JSON.stringify(content, null, 2)}\n`;
  }
  return out;
}

/** The base tree with a breaking change in v2 (the output property `email` removed) and a minor bump. */
export function breakingTree(): Files {
  const tree = baseTree();
  const output = structuredClone(tree['contracts/sync-customers/v2/output.schema.json']) as {
    properties: Record<string, unknown>;
  };
  delete output.properties.email;
  const contract = String(tree['contracts/sync-customers/v2/contract.yaml']).replace(
    'version: 2.1.0',
    'version: 2.2.0',
  );
  return toFiles({
    ...tree,
    'contracts/sync-customers/v2/output.schema.json': output,
    'contracts/sync-customers/v2/contract.yaml': contract,
  });
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly commits = new Map<string, Files>();
  readonly blobs = new Map<string, Buffer>();
  readonly comments: Comment[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly permissions = new Map<string, 'admin' | 'maintain' | 'write' | 'read'>();
  /** `org/team` → active members. */
  readonly teams = new Map<string, string[]>();
  readonly labelEvents: { event: string; label: { name: string }; actor: { login: string } }[] = [];
  /** Route key (`GET /repos/acme/api/git/trees`) → statuses to answer with before answering normally. */
  readonly failures = new Map<string, number[]>();
  config: string | undefined;
  pull = {
    number: 7,
    state: 'open',
    base: { sha: '', ref: 'main' },
    head: { sha: '', ref: 'feature' },
    labels: [] as { name: string }[],
  };
  baseUrl = 'https://api.github.com';
  private nextId = 1000;

  /** Stores a commit and returns its (made-up) SHA. */
  commit(files: Files): string {
    const sha = fakeSha(`commit ${this.commits.size} ${JSON.stringify(Object.keys(files))}`);
    this.commits.set(sha, files);
    for (const content of Object.values(files)) {
      const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
      this.blobs.set(gitBlobSha(buffer), buffer);
    }
    return sha;
  }

  /** Comments by other people, to push the bot's own onto a later page. */
  addOtherComments(n: number): void {
    for (let i = 0; i < n; i++) this.addComment('someone', 'User', `comment ${i}`);
  }

  addComment(login: string, type: string, body: string): Comment {
    const id = this.nextId++;
    const comment = {
      id,
      body,
      user: { login, type },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/7#c${id}`,
    };
    this.comments.push(comment);
    return comment;
  }

  botComments(): Comment[] {
    return this.comments.filter((c) => c.user.login === BOT_LOGIN);
  }

  /** Requests that wrote something. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.path === '/graphql'));
  }

  /** A `pull_request` webhook payload for the current PR. */
  pullRequestPayload(action: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      action,
      number: this.pull.number,
      pull_request: {
        ...structuredClone(this.pull),
        base: { ...this.pull.base, repo: this.repository() },
        head: { ...this.pull.head, repo: this.repository() },
      },
      repository: this.repository(),
      installation: { id: 1 },
      sender: { login: 'author', type: 'User' },
      ...extra,
    };
  }

  /** An `issue_comment.created` payload on the PR. */
  commentPayload(login: string, body: string): Record<string, unknown> {
    return {
      action: 'created',
      issue: { number: this.pull.number, state: 'open', pull_request: { url: 'x' } },
      comment: { id: this.nextId++, body, user: { login, type: 'User' } },
      repository: this.repository(),
      installation: { id: 1 },
      sender: { login, type: 'User' },
    };
  }

  private repository() {
    return {
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      owner: { login: OWNER },
      html_url: `https://github.com/${OWNER}/${REPO}`,
    };
  }

  handle(method: string, url: string, body: unknown): Reply {
    const parsed = new URL(url, 'http://fake');
    const path = decodeURIComponent(parsed.pathname.replace(/^\/api\/v3/, ''));
    this.requests.push({ method, path, query: parsed.searchParams, body });
    const key = `${method} ${path.replace(/\/[0-9a-f]{40}$/, '')}`;
    const failing = this.failures.get(key);
    if (failing && failing.length > 0) {
      return { status: failing.shift() as number, body: { message: 'Server Error' } };
    }
    return this.route(method, path, parsed.searchParams, body);
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const repo = `/repos/${OWNER}/${REPO}`;
    const input = (body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/graphql') return ok({ data: { viewer: { login: 'contractguard' } } });
    if (method === 'GET' && path === `${repo}/contents/.github/contractguard.yml`) {
      return this.config === undefined
        ? { status: 404, body: { message: 'Not Found' } }
        : { status: 200, body: this.config, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/git/trees/([0-9a-f]{40})$`).exec(path))) {
      const files = this.commits.get(m[1] as string);
      if (!files) return notFound();
      return ok({ sha: m[1], truncated: false, tree: treeEntries(files) });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/git/blobs/([0-9a-f]{40})$`).exec(path))) {
      const blob = this.blobs.get(m[1] as string);
      if (!blob) return notFound();
      return ok({ sha: m[1], size: blob.length, encoding: 'base64', content: blob.toString('base64') });
    }
    if (method === 'GET' && path === `${repo}/pulls/7`) {
      return ok({
        ...structuredClone(this.pull),
        base: { ...this.pull.base, repo: this.repository() },
        head: { ...this.pull.head, repo: this.repository() },
      });
    }
    if (method === 'GET' && path === `${repo}/issues/7/comments`) {
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const slice = this.comments.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < this.comments.length) {
        headers.link = `<${this.baseUrl}${repo}/issues/7/comments?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      }
      return { status: 200, body: structuredClone(slice), headers };
    }
    if (method === 'POST' && path === `${repo}/issues/7/comments`) {
      return { status: 201, body: this.addComment(BOT_LOGIN, 'Bot', String(input.body)) };
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/issues/comments/(\\d+)$`).exec(path))) {
      const comment = this.comments.find((c) => c.id === Number(m?.[1]));
      if (!comment) return notFound();
      comment.body = String(input.body);
      return ok(comment);
    }
    if (method === 'GET' && path === `${repo}/issues/7/events`) return ok(this.labelEvents);
    if (method === 'GET' && (m = new RegExp(`^${repo}/commits/([0-9a-f]{40})/check-runs$`).exec(path))) {
      const runs = this.checkRuns.filter(
        (r) => r.head_sha === m?.[1] && (!query.get('check_name') || r.name === query.get('check_name')),
      );
      return ok({ total_count: runs.length, check_runs: runs });
    }
    if (method === 'POST' && path === `${repo}/check-runs`) {
      const output = (input.output ?? {}) as { title: string; summary: string; annotations?: unknown[] };
      const run: CheckRun = {
        id: this.nextId++,
        name: String(input.name),
        head_sha: String(input.head_sha),
        external_id: input.external_id as string | undefined,
        status: String(input.status ?? 'queued'),
        conclusion: input.conclusion as string | undefined,
        output: { title: output.title, summary: output.summary },
        annotations: [...(output.annotations ?? [])],
        app: { id: 1 },
      };
      this.checkRuns.push(run);
      return {
        status: 201,
        body: { ...run, html_url: `https://github.com/${OWNER}/${REPO}/runs/${run.id}` },
      };
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/check-runs/(\\d+)$`).exec(path))) {
      const run = this.checkRuns.find((r) => r.id === Number(m?.[1]));
      if (!run) return notFound();
      const output = input.output as { title: string; summary: string; annotations?: unknown[] } | undefined;
      if (input.status) run.status = String(input.status);
      if (input.conclusion) run.conclusion = String(input.conclusion);
      if (output) {
        run.output = { title: output.title, summary: output.summary };
        run.annotations.push(...(output.annotations ?? []));
      }
      return ok({ ...run, html_url: `https://github.com/${OWNER}/${REPO}/runs/${run.id}` });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/collaborators/([^/]+)/permission$`).exec(path))) {
      const role = this.permissions.get(m[1] as string);
      if (!role) return notFound();
      const permission = role === 'maintain' ? 'write' : role;
      return ok({ permission, role_name: role, user: { login: m[1] } });
    }
    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path))) {
      const members = this.teams.get(`${m[1]}/${m[2]}`) ?? [];
      return members.includes(m[3] as string) ? ok({ state: 'active', role: 'member' }) : notFound();
    }
    return { status: 404, body: { message: `fake GitHub has no route for ${method} ${path}` } };
  }
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found' } };
}

/** A recursive tree listing as GitHub returns it: directories, then files, with sizes. */
function treeEntries(files: Files) {
  const dirs = new Set<string>();
  const entries: { path: string; mode: string; type: string; sha: string; size?: number }[] = [];
  for (const [path, content] of Object.entries(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
    entries.push({ path, mode: '100644', type: 'blob', sha: gitBlobSha(buffer), size: buffer.length });
  }
  for (const dir of dirs) entries.push({ path: dir, mode: '040000', type: 'tree', sha: fakeSha(dir) });
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

export interface ServeOptions {
  /** Awaited before a request is handled: a test may hold some requests until it lets them through. */
  before?: (method: string, path: string) => Promise<void>;
}

/** Serves a `FakeGitHub` over HTTP on localhost (port 0) for the end-to-end test. */
export async function serveFake(
  fake: FakeGitHub,
  opts: ServeOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const respond = async (req: IncomingMessage, res: ServerResponse, text: string): Promise<void> => {
    await opts.before?.(req.method ?? 'GET', new URL(req.url ?? '/', 'http://fake').pathname);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const reply = fake.handle(req.method ?? 'GET', req.url ?? '/', body);
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void respond(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.baseUrl = url;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
