/**
 * A git ref as a contract source, read straight from the object database: `git ls-tree` lists the tree and
 * one `git cat-file --batch` process streams every blob. Nothing is checked out; the working tree and the
 * index are never touched. git runs without a shell and without prompting.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  normalizeRepoPath,
  SourceError,
  symlinkError,
  type ContractSource,
  type ReadOptions,
} from './source.js';

/** A git failure: a ref that does not exist, a clone too shallow, not a repository, git missing. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitRefOptions {
  /** What the ref is, for messages: `base` → "base commit 1a2b3c4 is not in this clone". */
  name?: string;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** The environment git runs in: no prompts, no optional locks, no repository forced from outside. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_NAMESPACE'])
    delete env[name];
  return env;
}

function spawnFailure(error: unknown): GitError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new GitError('git is not installed (or not on PATH); it is needed to read a git ref');
  return new GitError(`cannot run git: ${error instanceof Error ? error.message : String(error)}`);
}

/** Runs git (no shell) in `repoDir` and collects its output. Rejects only when git cannot be started. */
export function runGit(repoDir: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn('git', args, { cwd: repoDir, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      reject(spawnFailure(error));
      return;
    }
    child.stdin.end();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(spawnFailure(error)));
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim(),
      }),
    );
  });
}

const SHA_PATTERN = /^[0-9a-f]{4,64}$/i;

/**
 * The full SHA of the commit `ref` names. A ref that does not exist is a `GitError` saying so; in a shallow
 * clone it says exactly what to fetch.
 */
export async function resolveRef(repoDir: string, ref: string, opts: GitRefOptions = {}): Promise<string> {
  const what = opts.name ? `${opts.name} ` : '';
  if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) {
    throw new GitError(`${what}ref ${JSON.stringify(ref)} is not a valid git ref`);
  }
  const result = await runGit(repoDir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ]);
  const sha = result.stdout.toString('utf8').trim();
  if (result.code === 0 && /^[0-9a-f]{40,64}$/.test(sha)) return sha;

  const shallow = await runGit(repoDir, ['rev-parse', '--is-shallow-repository']);
  if (shallow.code !== 0) {
    throw new GitError(
      `${repoDir} is not a git repository (or git cannot read it): ${shallow.stderr || 'unknown error'}`,
    );
  }
  const isSha = SHA_PATTERN.test(ref);
  const shown = isSha ? `commit ${ref.slice(0, 7)}` : `ref ${ref}`;
  if (shallow.stdout.toString('utf8').trim() === 'true') {
    let fetch: string;
    if (isSha) {
      fetch =
        ref.length >= 40
          ? `git fetch --no-tags --depth=1 origin ${ref}`
          : `git fetch --no-tags --depth=1 origin <the full SHA of ${ref}>`;
    } else {
      const branch = ref.replace(/^(refs\/remotes\/)?origin\//, '').replace(/^refs\/heads\//, '');
      fetch = `git fetch --no-tags --depth=1 origin ${branch}:refs/remotes/origin/${branch} (then use origin/${branch})`;
    }
    throw new GitError(`${what}${shown} is not in this clone (it is shallow); fetch it with: ${fetch}`);
  }
  throw new GitError(
    isSha
      ? `${what}${shown} does not exist in the repository at ${repoDir} (was it fetched?)`
      : `${what}${shown} does not exist in the repository at ${repoDir}: no branch, tag or commit has that name`,
  );
}

/**
 * The top folder of the git working tree that holds `dir` (`git rev-parse --show-toplevel`), or `undefined`
 * when `dir` is not in one (or git is missing): paths in a repository are relative to its top, wherever in
 * it a command runs.
 */
export async function repositoryTop(dir: string): Promise<string | undefined> {
  let result: GitResult;
  try {
    result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
  const top = result.stdout.toString('utf8').trim();
  return result.code === 0 && top !== '' ? top : undefined;
}

/**
 * Fetches one commit (a full SHA) or one branch from `origin` into a clone, shallowly and without tags:
 * `git fetch --no-tags --depth=1 origin <sha>`, or `origin +refs/heads/<branch>:refs/remotes/origin/<branch>`.
 * What a CI checkout of depth 1 lacks to compare two commits. Credentials are git's own (a checkout action
 * leaves them in the clone's config). Fails with a `GitError` carrying git's message.
 */
export async function fetchFromOrigin(
  repoDir: string,
  what: { sha: string } | { branch: string },
): Promise<void> {
  let refspec: string;
  if ('sha' in what) {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(what.sha)) {
      throw new GitError(`cannot fetch ${JSON.stringify(what.sha)}: only a full commit SHA can be fetched`);
    }
    refspec = what.sha;
  } else {
    const branch = what.branch.replace(/^refs\/heads\//, '');
    if (branch === '' || branch.startsWith('-') || /[\s\0:^~?*[\\]|\.\.|@\{/.test(branch)) {
      throw new GitError(`cannot fetch branch ${JSON.stringify(what.branch)}: not a valid branch name`);
    }
    refspec = `+refs/heads/${branch}:refs/remotes/origin/${branch}`;
  }
  const result = await runGit(repoDir, ['fetch', '--no-tags', '--depth=1', 'origin', refspec]);
  if (result.code !== 0) {
    throw new GitError(
      `git fetch --no-tags --depth=1 origin ${refspec} failed: ${result.stderr || `exit code ${result.code}`}`,
    );
  }
}

/**
 * The id of the tree at `dir` (repository-relative; `''` for the root) in `commit`, or `undefined` when the
 * commit has nothing there. Two commits with the same id have identical files under `dir`.
 */
export async function treeIdAt(repoDir: string, commit: string, dir: string): Promise<string | undefined> {
  const path = normalizeRepoPath(dir);
  const result = await runGit(repoDir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    path === '' ? `${commit}^{tree}` : `${commit}:${path}`,
  ]);
  const id = result.stdout.toString('utf8').trim();
  return result.code === 0 && id !== '' ? id : undefined;
}

interface TreeEntry {
  mode: string;
  oid: string;
}

/** A commit's tree as a contract source. */
export class GitSource implements ContractSource {
  readonly label: string;
  private commitPromise: Promise<string> | undefined;
  private readonly entries = new Map<string, TreeEntry>();
  private readonly listedRoots: string[] = [];
  private batch: CatFileBatch | undefined;

  constructor(
    private readonly repoDir: string,
    private readonly ref: string,
    private readonly opts: GitRefOptions = {},
  ) {
    this.label = opts.name ? `${opts.name} (${ref})` : ref;
  }

  /** The full SHA of the commit read (resolved once). */
  commit(): Promise<string> {
    this.commitPromise ??= resolveRef(this.repoDir, this.ref, this.opts);
    return this.commitPromise;
  }

  async list(root: string): Promise<string[]> {
    const prefix = normalizeRepoPath(root);
    const files = (await this.lsTree(prefix, true)).sort();
    this.listedRoots.push(prefix);
    return files;
  }

  async read(file: string, opts: ReadOptions = {}): Promise<Buffer> {
    const rel = normalizeRepoPath(file);
    let entry = this.entries.get(rel);
    if (entry === undefined && !this.listedRoots.some((root) => root === '' || rel.startsWith(`${root}/`))) {
      // Outside what was listed: look the one path up.
      await this.lsTree(rel, false);
      entry = this.entries.get(rel);
    }
    if (entry === undefined) throw new SourceError(rel, 'missing', 'no such file');
    if (entry.mode === '120000') throw symlinkError(rel);
    this.batch ??= new CatFileBatch(this.repoDir);
    return this.batch.request(entry.oid, rel, opts.maxBytes);
  }

  /** Records the blobs at or under `prefix` (`''`: all); answers their paths. */
  private async lsTree(prefix: string, recursive: boolean): Promise<string[]> {
    const sha = await this.commit();
    // No `-l`: sizes would make git open every blob (slow with loose objects); cat-file reports them.
    const args = ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', ...(recursive ? ['-r'] : []), sha];
    if (prefix !== '') args.push('--', prefix);
    const result = await runGit(this.repoDir, args);
    if (result.code !== 0) throw new GitError(`git ls-tree ${sha.slice(0, 7)} failed: ${result.stderr}`);
    const files: string[] = [];
    for (const record of result.stdout.toString('utf8').split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid] = record.slice(0, tab).split(' ');
      const file = record.slice(tab + 1);
      if (prefix !== '' && file !== prefix && !file.startsWith(`${prefix}/`)) continue;
      if (recursive && file === prefix) continue;
      // Submodules (type commit) have no content here and are skipped.
      if (type !== 'blob' || mode === undefined || oid === undefined) continue;
      this.entries.set(file, { mode, oid });
      files.push(file);
    }
    return files;
  }

  async close(): Promise<void> {
    await this.batch?.close();
  }
}

interface BatchRequest {
  file: string;
  maxBytes: number | undefined;
  resolve: (data: Buffer) => void;
  reject: (error: Error) => void;
}

/** The blob being received: bytes still expected (content and the trailing newline), and those kept. */
interface Body {
  request: BatchRequest;
  size: number;
  remaining: number;
  /** `undefined` when the content is discarded (too large, or not a blob). */
  chunks: Buffer[] | undefined;
  error?: SourceError;
}

/**
 * One `git cat-file --batch` process serving many reads: requests are written as they come (one write per
 * turn of the event loop) and answered in order. The process ends once no request is pending (after the
 * current turn, so a burst of reads shares one process) and a new one starts for later reads, so an idle
 * source never keeps the program alive.
 */
class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private queue: BatchRequest[] = [];
  private outgoing: string[] = [];
  private flushScheduled = false;
  private stderr = '';
  /** Output received while waiting for a header line. */
  private pending: Buffer = Buffer.alloc(0);
  private body: Body | undefined;
  private idleCheck = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly repoDir: string) {}

  request(name: string, file: string, maxBytes: number | undefined): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.start();
      this.queue.push({ file, maxBytes, resolve, reject });
      this.outgoing.push(name);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        process.nextTick(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const lines = this.outgoing;
    this.outgoing = [];
    if (lines.length > 0) this.child?.stdin.write(`${lines.join('\n')}\n`);
  }

  async close(): Promise<void> {
    if (this.child !== undefined) this.stop();
    await this.exited;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.repoDir,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.stderr = '';
    this.pending = Buffer.alloc(0);
    this.body = undefined;
    this.exited = new Promise((resolve) => child.on('close', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child === child) this.onData(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.stdin.on('error', () => undefined); // reported through 'close'
    child.on('error', (error) => this.fail(child, spawnFailure(error)));
    child.on('close', (code) =>
      this.fail(
        child,
        new GitError(
          `git cat-file stopped (exit code ${code ?? '?'}): ${this.stderr.trim() || 'no message'}`,
        ),
      ),
    );
    return child;
  }

  /** Ends the idle process. */
  private stop(): void {
    const child = this.child;
    this.child = undefined;
    this.outgoing = [];
    child?.stdin.end();
  }

  /** The process is gone: fails what it still owed (nothing, after an idle stop). */
  private fail(child: ChildProcessWithoutNullStreams, error: Error): void {
    if (this.child !== undefined && this.child !== child) return;
    this.child = undefined;
    const waiting = this.queue;
    this.queue = [];
    this.outgoing = [];
    this.body = undefined;
    for (const request of waiting) request.reject(error);
  }

  private onData(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.body !== undefined) {
        const body = this.body;
        const take = Math.min(body.remaining, data.length);
        body.chunks?.push(data.subarray(0, take));
        body.remaining -= take;
        data = data.subarray(take);
        if (body.remaining === 0) {
          this.body = undefined;
          if (body.chunks) body.request.resolve(Buffer.concat(body.chunks).subarray(0, body.size));
          else body.request.reject(body.error as SourceError);
          this.afterAnswer();
        }
        continue;
      }
      const joined = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
      const newline = joined.indexOf(10);
      if (newline < 0) {
        this.pending = Buffer.from(joined);
        return;
      }
      this.pending = Buffer.alloc(0);
      const header = joined.subarray(0, newline).toString('utf8');
      data = joined.subarray(newline + 1);
      const request = this.queue.shift();
      if (request === undefined) continue;
      // `<oid> <type> <size>`, or `<name> missing` (then no content follows).
      const match = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
      if (match === null) {
        request.reject(new SourceError(request.file, 'missing', 'no such file'));
        this.afterAnswer();
        continue;
      }
      const [, type, sizeText] = match;
      const size = Number(sizeText);
      const body: Body = { request, size, remaining: size + 1, chunks: [] };
      if (type !== 'blob') {
        body.chunks = undefined;
        body.error = new SourceError(request.file, 'not-a-file', `is a git ${type}, not a file`);
      } else if (request.maxBytes !== undefined && size > request.maxBytes) {
        body.chunks = undefined;
        body.error = new SourceError(request.file, 'too-large', `file is ${size} bytes`, size);
      }
      this.body = body;
    }
  }

  private afterAnswer(): void {
    if (this.queue.length > 0 || this.idleCheck) return;
    this.idleCheck = true;
    setImmediate(() => {
      this.idleCheck = false;
      if (this.queue.length === 0 && this.child !== undefined) this.stop();
    });
  }
}
