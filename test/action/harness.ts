/**
 * The Action end to end: the bundled entry (action/dist/index.js) run as a child process with the
 * environment a runner gives it, against real git repositories and a local HTTP server standing in for the
 * GitHub API (every request recorded).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll } from 'vitest';

import { baseTree, Repo } from '../e2e/helpers.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ENTRY = join(ROOT, 'action', 'dist', 'index.js');

/** Builds the bundle (a fresh clone has none until `npm run bundle`). */
export function bundle(): void {
  execFileSync(process.execPath, [join(ROOT, 'action', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

// ---- the fake GitHub API ---------------------------------------------------------------------------

export interface Recorded {
  method: string;
  /** Path and query, as requested. */
  url: string;
  path: string;
  body: unknown;
  authorization?: string;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
}

export interface LabelEvent {
  event: string;
  label?: { name: string };
  actor: { login: string };
}

type Reply = { status: number; body?: unknown };

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  output?: { title: string; summary: string; text?: string };
  app: { id: number; slug: string };
}

const BOT = 'github-actions[bot]';

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  readonly comments: Comment[] = [];
  events: LabelEvent[] = [];
  /** By user: `role_name` (admin, maintain, write, triage, read); absent users get a 404. */
  permissions: Record<string, string> = {};
  /** `org/team` → active members. */
  teams: Record<string, string[]> = {};
  /** Items per page of a list (GitHub's would be `per_page`; small here so that lists span pages). */
  pageSize = 3;
  /** Status to answer comment writes with instead of writing (403: a read-only token). */
  commentWriteStatus: number | undefined;
  /** Check runs created (and updated in place) through the checks API. */
  readonly checkRuns: CheckRun[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  /** Forgets everything a test did or set up: requests, comments, label events, roles, teams, check runs. */
  reset(): void {
    this.requests.length = 0;
    this.comments.length = 0;
    this.checkRuns.length = 0;
    this.events = [];
    this.permissions = {};
    this.teams = {};
    this.commentWriteStatus = undefined;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A comment written by someone (default: the Actions bot). */
  addComment(body: string, login = BOT): Comment {
    const id = this.nextId++;
    const comment = {
      id,
      body,
      user: { login },
      html_url: `https://github.com/acme/api/pull/7#issuecomment-${id}`,
    };
    this.comments.push(comment);
    return comment;
  }

  /** Requests other than reads: what the Action changed on GitHub. */
  writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const record: Recorded = {
      method: req.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      path: url.pathname,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    this.requests.push(record);
    const reply = this.route(record, url);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    let body = reply.body;
    if (Array.isArray(body)) {
      const page = Number(url.searchParams.get('page') ?? '1');
      const pages = Math.max(1, Math.ceil(body.length / this.pageSize));
      const link = (n: number) => {
        const next = new URL(url);
        next.searchParams.set('page', String(n));
        return next.toString();
      };
      if (page < pages) headers.link = `<${link(page + 1)}>; rel="next", <${link(pages)}>; rel="last"`;
      body = body.slice((page - 1) * this.pageSize, page * this.pageSize);
    }
    res.writeHead(reply.status, headers);
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private route(r: Recorded, url: URL): Reply {
    const notFound = { status: 404, body: { message: 'Not Found' } };
    const m = (pattern: RegExp) => pattern.exec(url.pathname);
    let match: RegExpExecArray | null;
    if (r.method === 'POST' && url.pathname === '/graphql') {
      return { status: 200, body: { data: { viewer: { login: BOT } } } };
    }
    if ((match = m(/^\/repos\/acme\/api\/issues\/7\/comments$/))) {
      if (r.method === 'GET') return { status: 200, body: this.comments };
      if (r.method === 'POST') {
        if (this.commentWriteStatus) {
          return {
            status: this.commentWriteStatus,
            body: { message: 'Resource not accessible by integration' },
          };
        }
        return { status: 201, body: this.addComment((r.body as { body: string }).body) };
      }
    }
    if ((match = m(/^\/repos\/acme\/api\/issues\/comments\/(\d+)$/)) && r.method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(match?.[1]));
      if (comment === undefined) return notFound;
      if (this.commentWriteStatus) return { status: this.commentWriteStatus, body: { message: 'Forbidden' } };
      comment.body = (r.body as { body: string }).body;
      return { status: 200, body: comment };
    }
    if ((match = m(/^\/repos\/acme\/api\/commits\/([^/]+)\/check-runs$/)) && r.method === 'GET') {
      const name = url.searchParams.get('check_name');
      const runs = this.checkRuns.filter(
        (c) => c.head_sha === match?.[1] && (name === null || c.name === name),
      );
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    }
    if (url.pathname === '/repos/acme/api/check-runs' && r.method === 'POST') {
      const run = {
        ...(r.body as Omit<CheckRun, 'id' | 'app'>),
        id: this.nextId++,
        app: { id: 15368, slug: 'github-actions' },
      };
      this.checkRuns.push(run);
      return { status: 201, body: run };
    }
    if ((match = m(/^\/repos\/acme\/api\/check-runs\/(\d+)$/)) && r.method === 'PATCH') {
      const run = this.checkRuns.find((c) => c.id === Number(match?.[1]));
      if (run === undefined) return notFound;
      Object.assign(run, r.body);
      return { status: 200, body: run };
    }
    if (m(/^\/repos\/acme\/api\/issues\/7\/events$/) && r.method === 'GET') {
      return { status: 200, body: this.events };
    }
    if ((match = m(/^\/repos\/acme\/api\/collaborators\/([^/]+)\/permission$/)) && r.method === 'GET') {
      const user = decodeURIComponent(match[1] ?? '');
      const role = this.permissions[user];
      if (role === undefined) return notFound;
      const permission =
        role === 'maintain' || role === 'triage' ? (role === 'maintain' ? 'write' : 'read') : role;
      return { status: 200, body: { permission, role_name: role, user: { login: user } } };
    }
    if ((match = m(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/)) && r.method === 'GET') {
      const [, org, team, user] = match;
      const members = this.teams[`${org}/${team}`] ?? [];
      return members.includes(user ?? '')
        ? { status: 200, body: { state: 'active', role: 'member' } }
        : notFound;
    }
    return notFound;
  }
}

// ---- running the Action ----------------------------------------------------------------------------

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error file=…` and the like, parsed. */
  annotations: { level: string; props: Record<string, string>; message: string }[];
}

export interface RunOptions {
  workspace: string;
  eventName: string;
  payload: unknown;
  api: FakeGitHub;
  inputs?: Record<string, string>;
}

/** Input defaults from action.yml, as a runner passes them (`INPUT_<NAME>`, upper case, dashes kept). */
function defaultInputs(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    out[name] = name === 'github-token' ? 'test-token' : (spec.default ?? '');
  }
  return out;
}

export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), 'contractguard-action-'));
  try {
    const eventPath = join(temp, 'event.json');
    const outputPath = join(temp, 'output');
    const summaryPath = join(temp, 'summary.md');
    writeFileSync(eventPath, JSON.stringify(opts.payload));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_EVENT_NAME: opts.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_API_URL: opts.api.url,
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: temp,
    };
    for (const [name, value] of Object.entries({ ...defaultInputs(), ...opts.inputs })) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    // Asynchronous: the fake API answers from this process meanwhile.
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [ENTRY], { cwd: opts.workspace, env });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
      },
    );
    const outputs = parseOutputs(readFileSync(outputPath, 'utf8'));
    // The report files live in RUNNER_TEMP, removed below: keep their content.
    for (const key of ['report-json', 'report-markdown']) {
      if (outputs[key]) outputs[`${key}:content`] = readFileSync(outputs[key], 'utf8');
    }
    return {
      code,
      stdout,
      stderr,
      outputs,
      summary: readFileSync(summaryPath, 'utf8'),
      annotations: parseAnnotations(stdout),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks of a GITHUB_OUTPUT file. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) out[match[1] as string] = match[3] as string;
  return out;
}

function unescape(s: string): string {
  return s
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const out: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!match) continue;
    const props: Record<string, string> = {};
    for (const pair of (match[2] ?? '').trim().split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
    }
    out.push({ level: match[1] as string, props, message: unescape(match[3] ?? '') });
  }
  return out;
}

// ---- event payloads --------------------------------------------------------------------------------

export function pullRequestEvent(
  base: string,
  head: string,
  opts: { labels?: string[]; fork?: boolean; action?: string } = {},
): unknown {
  return {
    action: opts.action ?? 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      labels: (opts.labels ?? []).map((name) => ({ name })),
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/api' } },
      head: { sha: head, ref: 'pr', repo: { full_name: opts.fork ? 'mallory/api' : 'acme/api' } },
    },
    repository: { full_name: 'acme/api', default_branch: 'main' },
  };
}

export function pushEvent(before: string, after: string, ref = 'refs/heads/main'): unknown {
  return { ref, before, after, repository: { full_name: 'acme/api', default_branch: 'main' } };
}

// ---- repositories ----------------------------------------------------------------------------------

export const V2 = 'contracts/sync-customers/v2';

/** A breaking change inside v2: a new required input field. */
export function requireTenant(): Record<string, unknown> {
  return {
    [`${V2}/input.schema.json`]: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['customerId', 'tenantId'],
      properties: {
        customerId: { type: 'string' },
        tenantId: { type: 'string' },
        dryRun: { type: 'boolean', default: false },
      },
    },
  };
}

/** v2's contract.yaml with the minor bump (2.1.0 → 2.2.0) a change inside v2 needs. */
export function bumpV2(): Record<string, unknown> {
  const contract = baseTree()[`${V2}/contract.yaml`] as string;
  return { [`${V2}/contract.yaml`]: contract.replace('version: 2.1.0', 'version: 2.2.0') };
}

/** An additive change inside v2 (a new output field) with the minor bump it needs. */
export function addSegment(contract: string, output: object): Record<string, unknown> {
  const properties = (output as { properties: object }).properties;
  return {
    [`${V2}/output.schema.json`]: { ...output, properties: { ...properties, segment: { type: 'string' } } },
    [`${V2}/contract.yaml`]: contract.replace('version: 2.1.0', 'version: 2.2.0'),
  };
}

/**
 * A clone of `origin`'s `branch` as `actions/checkout` makes it by default: depth 1, so the parent commit
 * (a PR's base) is not in it. Removed by the caller.
 */
export function shallowClone(originDir: string, branch: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-clone-'));
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${originDir}`, dir]);
  return dir;
}

export function hasCommit(dir: string, sha: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A pull request as the Action meets it: its two commits and a depth-1 checkout of its head. */
export interface PullRequest {
  origin: Repo;
  base: string;
  head: string;
  workspace: string;
}

export interface PullRequestOptions {
  /** What `main` holds (default: baseTree()). */
  before?: Record<string, unknown>;
  /** Paths removed in `pr`'s commit. */
  remove?: string[];
  /** `pr`'s commit message (default: `change`). */
  message?: string;
}

export interface ActionTestbed {
  /** The fake GitHub API, started once per file and reset after every test. */
  readonly api: FakeGitHub;
  /** A fresh origin repository, removed after the test. */
  repo(): Repo;
  /** A directory (a clone) to remove after the test; returns it. */
  track(dir: string): string;
  /**
   * origin: `main` with `before`, `pr` one commit on top with `files`; the workspace: a depth-1 clone of pr
   * (removed after the test).
   */
  pullRequest(files: Record<string, unknown>, opts?: PullRequestOptions): PullRequest;
  /** The Action run on a pull_request event for `pr`, in its workspace, against the fake API. */
  runOnPullRequest(
    pr: Omit<PullRequest, 'origin'>,
    opts?: { inputs?: Record<string, string>; event?: Parameters<typeof pullRequestEvent>[2] },
  ): Promise<ActionRun>;
}

/**
 * What every Action test file needs: the bundle built, the fake API running, and after each test the
 * repositories and clones removed and the fake reset.
 */
export function useActionTestbed(): ActionTestbed {
  let api: FakeGitHub | undefined;
  const repos: Repo[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    bundle();
    api = await new FakeGitHub().start();
  }, 60_000);
  afterAll(() => api?.stop());
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.cleanup();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    api?.reset();
  });
  const bed: ActionTestbed = {
    get api(): FakeGitHub {
      if (api === undefined) throw new Error('the fake GitHub API starts in beforeAll');
      return api;
    },
    repo: () => {
      const repo = new Repo();
      repos.push(repo);
      return repo;
    },
    track: (dir) => {
      dirs.push(dir);
      return dir;
    },
    pullRequest: (files, opts = {}) => {
      const origin = bed.repo();
      const base = origin.write(opts.before ?? baseTree()).commit('base');
      origin.git('checkout', '-qb', 'pr');
      origin.write(files);
      for (const path of opts.remove ?? []) origin.remove(path);
      const head = origin.commit(opts.message ?? 'change');
      return { origin, base, head, workspace: bed.track(shallowClone(origin.dir, 'pr')) };
    },
    runOnPullRequest: ({ base, head, workspace }, opts = {}) =>
      runAction({
        workspace,
        eventName: 'pull_request',
        payload: pullRequestEvent(base, head, opts.event),
        api: bed.api,
        ...(opts.inputs ? { inputs: opts.inputs } : {}),
      }),
  };
  return bed;
}
