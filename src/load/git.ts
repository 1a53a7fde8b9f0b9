/**
 * A git ref as a contract source, read straight from the object database: `git ls-tree` lists the tree and
 * one `git cat-file --batch` process streams every blob. Nothing is checked out; the working tree and the
 * index are never touched. git runs without a shell and without prompting.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  normalizeRepoPath,
  SourceError,
  symlinkError,
  type ContractSource,
  type ReadOptions,
} from './source.js';
import type { ChangeProbe, Mention } from './changes.js';
import { Listing, lowerBound } from './listing.js';

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

/** A commit's tree as a contract source. */
export class GitSource implements ContractSource {
  readonly label: string;
  private commitPromise: Promise<string> | undefined;
  /** Blob id by path; symbolic links (mode 120000) by path, apart: a listing may have 100,000 files. */
  private readonly entries = new Map<string, string>();
  private readonly symlinks = new Set<string>();
  /**
   * Recursive listings (`git ls-tree -r` of a folder) that came sorted, as git wrote them: the names under
   * the folder with where each one's record starts, for `entry` to find by binary search. A listing may have
   * 100,000 files: they are not put in `entries`, nor cut into records, one by one.
   */
  private readonly trees: TreeIndex[] = [];
  private readonly listedRoots: string[] = [];
  /** The names under each folder listed by `git ls-tree -r` (sorted, relative to the folder). */
  private readonly treeNames = new Map<string, Promise<string[]>>();
  private readonly listingObjects = new Map<string, Promise<Listing>>();
  private batch: CatFileBatch | undefined;
  /** Set by {@link listAs}: list as another tree's listing with changes applied. */
  private derived: { from: GitSource; changes: Promise<TreeChange[]> } | undefined;
  /** Once listed that way: the blobs of paths not `changed` are `from`'s. */
  private inherited: { from: GitSource; changed: ReadonlySet<string> } | undefined;

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

  /** The repository folder git runs in. */
  get repository(): string {
    return this.repoDir;
  }

  /** Listed once per root (change-driven loading lists before the loader does). */
  async list(root: string): Promise<string[]> {
    const listing = await this.sharedListing(root);
    const names = listing.names();
    return listing.root === '' ? [...names] : names.map((rel) => `${listing.root}/${rel}`);
  }

  /** Made once per root; a tree listed as another's ({@link listAs}) is derived from that tree's `Listing`. */
  sharedListing(root: string): Promise<Listing> {
    const prefix = normalizeRepoPath(root);
    let listing = this.listingObjects.get(prefix);
    if (listing === undefined) {
      listing = this.derived
        ? this.derivedListingObject(prefix, this.derived)
        : this.namesUnder(prefix).then((names) => Listing.ofNames(prefix, names));
      this.listingObjects.set(prefix, listing);
      listing.catch(() => this.listingObjects.delete(prefix));
    }
    return listing;
  }

  /**
   * Lists this tree as `from`'s listing with `changes` (from → this, `git diff-tree --raw`) applied instead
   * of listing it again: between two commits of a large tree the changes are one short diff-tree, a second
   * listing is 70,000 records to read. Paths outside what is listed are still looked up in this tree.
   */
  listAs(from: GitSource, changes: Promise<TreeChange[]>): void {
    this.derived = { from, changes };
  }

  /** This tree's listing as one derived from `from`'s: nothing done per file of the tree. */
  private async derivedListingObject(
    prefix: string,
    derived: { from: GitSource; changes: Promise<TreeChange[]> },
  ): Promise<Listing> {
    const [from, changes] = await Promise.all([derived.from.sharedListing(prefix), derived.changes]);
    this.inherit(derived.from, changes);
    if (!this.listedRoots.includes(prefix)) this.listedRoots.push(prefix);
    const start = prefix === '' ? 0 : prefix.length + 1;
    const under = changes.filter((change) => prefix === '' || change.path.startsWith(`${prefix}/`));
    return Listing.derive(
      from,
      under.map((change) => change.path.slice(start)),
      under.filter((change) => change.to !== undefined).map((change) => change.path.slice(start)),
    );
  }

  /** Records the blobs `changes` bring; those of paths they leave alone are `from`'s (the changes cover the whole repository). */
  private inherit(from: GitSource, changes: TreeChange[]): ReadonlySet<string> {
    if (this.inherited !== undefined) return this.inherited.changed;
    const changed = new Set<string>();
    for (const change of changes) {
      changed.add(change.path);
      if (change.to === undefined) continue;
      this.entries.set(change.path, change.to.oid);
      if (change.to.symlink) this.symlinks.add(change.path);
    }
    this.inherited = { from, changed };
    return changed;
  }

  /** The blob id of `rel` and whether it is a symbolic link, as far as listed or known from `listAs`. */
  private entry(rel: string): { oid: string; symlink: boolean } | undefined {
    const oid = this.entries.get(rel);
    if (oid !== undefined) return { oid, symlink: this.symlinks.has(rel) };
    for (const tree of this.trees) {
      if (tree.prefix !== '' && !rel.startsWith(`${tree.prefix}/`)) continue;
      const name = tree.prefix === '' ? rel : rel.slice(tree.prefix.length + 1);
      const { names, text } = tree;
      const low = lowerBound(names, name);
      if (names[low] !== name) continue;
      const start = tree.at[low] as number;
      const tab = text.indexOf('\t', start);
      return {
        oid: text.slice(text.lastIndexOf(' ', tab) + 1, tab),
        symlink: text.startsWith('120000 ', start),
      };
    }
    const inherited = this.inherited;
    if (inherited === undefined || inherited.changed.has(rel)) return undefined;
    return inherited.from.entry(rel);
  }

  async read(file: string, opts: ReadOptions = {}): Promise<Buffer> {
    const rel = normalizeRepoPath(file);
    let entry = this.entry(rel);
    if (entry === undefined && !this.listedRoots.some((root) => root === '' || rel.startsWith(`${root}/`))) {
      // Outside what was listed: look the one path up.
      await this.lookUp(rel);
      entry = this.entry(rel);
    }
    if (entry === undefined) throw new SourceError(rel, 'missing', 'no such file');
    if (entry.symlink) throw symlinkError(rel);
    this.batch ??= new CatFileBatch(this.repoDir);
    return this.batch.request(entry.oid, rel, opts.maxBytes);
  }

  /** The names under `prefix` (`''`: all), sorted and relative to it, from one `git ls-tree -r`; listed once. */
  private namesUnder(prefix: string): Promise<string[]> {
    let names = this.treeNames.get(prefix);
    if (names === undefined) {
      names = this.listTree(prefix).then((found) => {
        this.listedRoots.push(prefix);
        return found;
      });
      this.treeNames.set(prefix, names);
      names.catch(() => this.treeNames.delete(prefix));
    }
    return names;
  }

  private async listTree(prefix: string): Promise<string[]> {
    const text = await this.lsTree(prefix, true);
    const skip = prefix === '' ? 0 : prefix.length + 1;
    const names: string[] = [];
    const at: number[] = [];
    let sorted = true;
    // `<mode> <type> <oid>\t<file>\0` per file, read in place: a listing may have 100,000 records.
    for (let pos = 0; pos < text.length;) {
      const start = pos;
      let end = text.indexOf('\0', pos);
      if (end < 0) end = text.length;
      pos = end + 1;
      const tab = text.indexOf('\t', start);
      const first = text.indexOf(' ', start);
      const second = first < 0 ? -1 : text.indexOf(' ', first + 1);
      // Submodules (type commit) have no content here and are skipped; so is the folder itself.
      if (tab < 0 || tab > end || first < 0 || second < 0 || second > tab) continue;
      if (!text.startsWith(' blob ', first)) continue;
      if (skip > 0 && !(text.startsWith(prefix, tab + 1) && text.charCodeAt(tab + skip) === 47)) continue;
      const name = text.slice(tab + 1 + skip, end);
      if (name === '') continue;
      if (names.length > 0 && name <= (names[names.length - 1] as string)) sorted = false;
      names.push(name);
      at.push(start);
    }
    if (sorted) this.trees.push({ prefix, names, text, at });
    else {
      // Not in the order `<` sees (git sorts bytes: names with characters beyond U+FFFF): recorded one by one.
      names.forEach((name, i) => {
        const start = at[i] as number;
        const tab = text.indexOf('\t', start);
        this.remember(skip === 0 ? name : `${prefix}/${name}`, text.slice(start, tab));
      });
      names.sort();
    }
    return names;
  }

  /** Records the blob at `file` (not listed), if any. */
  private async lookUp(file: string): Promise<void> {
    for (const record of (await this.lsTree(file, false)).split('\0')) {
      const tab = record.indexOf('\t');
      if (tab >= 0 && record.slice(tab + 1) === file && / blob /.test(record.slice(0, tab)))
        this.remember(file, record.slice(0, tab));
    }
  }

  /** Records the blob of `<mode> blob <oid>`. */
  private remember(file: string, record: string): void {
    this.entries.set(file, record.slice(record.lastIndexOf(' ') + 1));
    if (record.startsWith('120000 ')) this.symlinks.add(file);
  }

  /** `git ls-tree` of `prefix` (`''`: all), its output. */
  private async lsTree(prefix: string, recursive: boolean): Promise<string> {
    const sha = await this.commit();
    // No `-l`: sizes would make git open every blob (slow with loose objects); cat-file reports them.
    const args = ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', ...(recursive ? ['-r'] : []), sha];
    if (prefix !== '') args.push('--', prefix);
    const result = await runGit(this.repoDir, args);
    if (result.code !== 0) throw new GitError(`git ls-tree ${sha.slice(0, 7)} failed: ${result.stderr}`);
    return result.stdout.toString('utf8');
  }

  async close(): Promise<void> {
    await this.batch?.close();
  }
}

/**
 * Change-driven loading between two commits (changes.ts): the changed paths from one `git diff-tree`, and
 * mentions of file names from one `git grep` over the base tree per call. Both cost what git's own work
 * costs: diff-tree reads only the trees that differ; grep reads each blob of the base tree once.
 */
export function gitChangeProbe(base: GitSource, head: GitSource): ChangeProbe {
  const repoDir = base.repository;
  let changes: Promise<TreeChange[]> | undefined;
  const diffTree = async () => {
    const [from, to] = await Promise.all([base.commit(), head.commit()]);
    const result = await runGit(repoDir, [
      'diff-tree',
      '-r',
      '-z',
      '--no-renames',
      '--no-abbrev',
      '--raw',
      from,
      to,
    ]);
    if (result.code !== 0) {
      throw new GitError(`git diff-tree ${from.slice(0, 7)} ${to.slice(0, 7)} failed: ${result.stderr}`);
    }
    return parseRawDiff(result.stdout.toString('utf8'));
  };
  const changed = () => {
    if (changes === undefined) {
      changes = diffTree();
      changes.catch(() => undefined); // awaited by changedPaths (and head's listing)
    }
    return changes;
  };
  // Head's listing is base's with the changes applied: one listing of a large tree, not two.
  if (head !== base) head.listAs(base, changed());
  const probe: ChangeProbe = {
    async changedPaths() {
      return (await changed()).map((change) => change.path);
    },
    async mentions(names, root) {
      if (names.length === 0) return [];
      const commit = await base.commit();
      const prefix = normalizeRepoPath(root);
      // Fixed strings (several times faster than a regular expression over every blob): the lines naming
      // one of the files, and those with a character that may hide a name (`%`, `\\`, a tab).
      const args = ['--literal-pathspecs', 'grep', '--threads', '1', '-I', '-z', '-F'];
      for (const pattern of [...names, '%', '\\', '\t']) args.push('-e', pattern);
      args.push(commit);
      if (prefix !== '') args.push('--', prefix);
      const result = await runGit(repoDir, args);
      // 1: nothing found.
      if (result.code > 1) throw new GitError(`git grep ${commit.slice(0, 7)} failed: ${result.stderr}`);
      return parseMentions(result.stdout.toString('utf8'), `${commit}:`, names);
    },
    // Two searches at once: everywhere, the lines with a name after a `/` that is not the `./` starting a
    // token (a Perl-compatible expression, about as fast as fixed strings, where a POSIX one is ten times
    // slower), or with an escape; under `dirs`, every line with a name. A git without PCRE: `mentions`.
    async mentionsAround(names, root, dirs, beyondNames = names) {
      if (names.length === 0) return [];
      const prefix = normalizeRepoPath(root);
      const folders = dirs.map((dir) => path.posix.join(prefix, dir));
      const whole =
        folders.length > MAX_PATHSPECS ||
        folders.some((dir) => dir === '.' || dir === prefix || dir === '..' || dir.startsWith('../'));
      if (whole) return probe.mentions(names, root);
      const commit = await base.commit();
      const alternatives = alternation(beyondNames);
      const beyond = `[%\\\\\\t]|(?<![\\][\\s"'<>(){},\\\\]\\.)(?<!^\\.)/(?:${alternatives})`;
      const grep = ['--literal-pathspecs', 'grep', '--threads', '1', '-I', '-z'];
      const near = [...grep, '-F', ...names.flatMap((name) => ['-e', name]), commit, '--', ...folders];
      const nothing: GitResult = { code: 1, stdout: Buffer.alloc(0), stderr: '' };
      const [everywhere, nearby] = await Promise.all([
        beyondNames.length === 0
          ? nothing
          : runGit(repoDir, [...grep, '-P', '-e', beyond, commit, ...(prefix === '' ? [] : ['--', prefix])]),
        runGit(repoDir, near),
      ]);
      if (everywhere.code > 1 || nearby.code > 1) return probe.mentions(names, root);
      return [everywhere, nearby].flatMap((result) =>
        parseMentions(result.stdout.toString('utf8'), `${commit}:`, names),
      );
    },
  };
  return probe;
}

/**
 * Change-driven loading between a commit and the working tree of the same repository: the changed paths are
 * `git diff --name-only <base>` (tracked files, by content) and every file git does not track under `root`
 * (ignored ones too: the working tree is read with them); mentions come from the base tree as between two
 * commits (files that did not change are the same in both).
 */
export function worktreeChangeProbe(base: GitSource, root: string): ChangeProbe {
  const repoDir = base.repository;
  const prefix = normalizeRepoPath(root);
  const between = gitChangeProbe(base, base);
  return {
    async changedPaths() {
      const from = await base.commit();
      const [tracked, untracked] = await Promise.all([
        runGit(repoDir, ['--literal-pathspecs', 'diff', '-z', '--no-renames', '--name-only', from]),
        runGit(repoDir, [
          '--literal-pathspecs',
          'ls-files',
          '-z',
          '--others',
          '--',
          prefix === '' ? '.' : prefix,
        ]),
      ]);
      for (const [what, result] of [
        ['diff', tracked],
        ['ls-files', untracked],
      ] as const) {
        if (result.code !== 0) throw new GitError(`git ${what} failed: ${result.stderr}`);
      }
      const names = `${tracked.stdout.toString('utf8')}\0${untracked.stdout.toString('utf8')}`;
      return [...new Set(names.split('\0').filter((file) => file !== ''))];
    },
    mentions: (names, at) => between.mentions(names, at),
    mentionsAround: (names, at, dirs, beyond) =>
      between.mentionsAround?.(names, at, dirs, beyond) ?? between.mentions(names, at),
  };
}

/** Beyond this many folders to search around, one search of the whole tree. */
const MAX_PATHSPECS = 2000;

/** A recursive listing kept as git wrote it (`GitSource.trees`). */
interface TreeIndex {
  /** The folder listed (`''`: all). */
  prefix: string;
  /** The names under it, sorted, relative to it. */
  names: string[];
  /** git's output. */
  text: string;
  /** Where the record of each name starts in `text`. */
  at: number[];
}

/** A path that differs between two trees, and its blob in the second (none: removed, or not a blob). */
export interface TreeChange {
  path: string;
  to: { oid: string; symlink: boolean } | undefined;
}

/** `git diff-tree -r -z --raw` output: `:<mode> <mode> <oid> <oid> <status>\0<path>\0` per change. */
function parseRawDiff(output: string): TreeChange[] {
  const fields = output.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode, , oid] = (fields[i] as string).split(' ');
    const path = fields[i + 1] as string;
    if (mode === undefined || oid === undefined || path === '') continue;
    const blob = mode.startsWith('100') || mode === '120000';
    changes.push({ path, to: blob ? { oid, symlink: mode === '120000' } : undefined });
  }
  return changes;
}

/** `names` as a regular expression's alternatives, each matched literally. */
function alternation(names: readonly string[]): string {
  return names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Characters that end a path written in YAML or JSON: quotes, white space, brackets, commas. */
const PATH_CHARS = `[^\\][\\s"'<>(){},]*`;

/**
 * A reference written with escapes, percent-encoding or a tab (`"$ref": "cust\\u006fmer.json"`): the name
 * searched for may not appear in it literally, so the file counts as referring to anything.
 */
const ESCAPED_REFERENCE = /\$[A-Za-z]*[Rr]ef[^%\\\t]*[%\\\t]|(request|response):[^%\\\t]*[%\\\t]/;

/** Each path-like token around one of `names` in the lines `git grep -z` printed (`<commit>:<path>\0<line>`). */
function parseMentions(output: string, commitPrefix: string, names: readonly string[]): Mention[] {
  const alternatives = alternation(names);
  const token = new RegExp(`${PATH_CHARS}(?:${alternatives})${PATH_CHARS}`, 'g');
  const mentions: Mention[] = [];
  for (const line of output.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul < 0 || !line.startsWith(commitPrefix)) continue;
    const file = line.slice(commitPrefix.length, nul);
    const text = line.slice(nul + 1);
    if (ESCAPED_REFERENCE.test(text)) mentions.push({ file, token: undefined });
    for (const match of text.matchAll(token))
      mentions.push({ file, token: /[%\\\t]/.test(match[0]) ? undefined : match[0] });
  }
  return mentions;
}

/** What `mentions` can find in one file, for any names (see {@link referenceTokens}). */
export interface ReferenceTokens {
  /** A line writes a reference with escapes, percent-encoding or a tab: the file refers to anything. */
  escaped: boolean;
  /** The distinct path-like tokens kept, one a line. */
  tokens: string;
}

/**
 * The mentions of one file without `git grep`, for any names at once: a token `mentions` reports is a
 * whole run of characters that do not end a path (`PATH_CHARS`) containing one of the names, so a file's
 * runs answer every later search. `keep` leaves out runs the caller never asks about.
 * For sources read without git: src/github/api-changes.ts keeps this per blob.
 */
export function referenceTokens(
  text: string,
  keep: (token: string) => boolean = () => true,
): ReferenceTokens {
  const run = new RegExp(PATH_CHARS.replace(/\*$/, '+'), 'g');
  const tokens = new Set<string>();
  for (const match of text.matchAll(run)) if (keep(match[0])) tokens.add(match[0]);
  const escaped = /[%\\\t]/.test(text) && text.split('\n').some((line) => ESCAPED_REFERENCE.test(line));
  return { escaped, tokens: [...tokens].join('\n') };
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
