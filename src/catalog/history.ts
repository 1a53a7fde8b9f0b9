/**
 * The versions of each endpoint as they landed, from one `git log -p` over the contract.yaml files of the
 * tree: a major added, a version bumped, a status changed, a major removed — each with its commit. Only the
 * top-level `version:` and `status:` lines of each patch are read (each parsed as YAML, so quotes and
 * comments are understood); a contract.yaml that says nothing readable there adds no event.
 */
import { parse } from 'yaml';

import { GitError, runGit } from '../load/git.js';
import type { CommitInfo, HistoryEvent } from './types.js';

export interface HistoryOptions {
  /** The directory git runs in (the repository, or a folder of it). */
  repoDir: string;
  /** The contract root: relative to the repository's top when `ref` is given, else to `repoDir`. */
  root: string;
  /** The commit to read history up to; undefined for the working tree (its HEAD, when there is one). */
  ref?: string;
}

/** Events by endpoint name, oldest first. */
export type History = Map<string, HistoryEvent[]>;

const RECORD = '\x1e';
const FIELD = '\x1f';

/** The history; undefined outside a git repository (working tree only) and in a shallow clone. */
export async function readHistory(opts: HistoryOptions): Promise<History | undefined> {
  let rev = opts.ref;
  if (rev === undefined) {
    rev = await headCommit(opts.repoDir);
    if (rev === undefined) return undefined;
  }
  // A shallow clone's oldest commit would seem to add every version at once: no history rather than a wrong one.
  const shallow = await runGit(opts.repoDir, ['rev-parse', '--is-shallow-repository']);
  if (shallow.stdout.toString('utf8').trim() === 'true') return undefined;
  // `:(top)` when reading a ref: the loader reads a ref's tree from the top, the working tree from repoDir.
  const magic = opts.ref === undefined ? 'glob' : 'top,glob';
  const prefix = opts.root === '.' || opts.root === '' ? '' : `${escapeGlob(opts.root)}/`;
  const result = await runGit(opts.repoDir, [
    '-c',
    'core.quotePath=false',
    'log',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--unified=0',
    '-p',
    ...(opts.ref === undefined ? ['--relative'] : []),
    `--format=${RECORD}%H${FIELD}%cI${FIELD}%an${FIELD}%s`,
    '--end-of-options',
    rev,
    '--',
    `:(${magic})${prefix}*/v*/contract.yaml`,
  ]);
  if (result.code !== 0) {
    throw new GitError(`git log of ${opts.root} failed: ${result.stderr || `exit code ${result.code}`}`);
  }
  return eventsFromLog(result.stdout.toString('utf8'), opts.root);
}

/** The working tree's HEAD commit; undefined outside a repository, before the first commit, without git. */
async function headCommit(repoDir: string): Promise<string | undefined> {
  try {
    const head = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return head.code === 0 ? head.stdout.toString('utf8').trim() : undefined;
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** `[`, `*`, `?` and `\` in a folder name are literal, not glob syntax. */
function escapeGlob(path: string): string {
  return path.replace(/[[\]*?\\]/g, (c) => `\\${c}`);
}

/** What one commit did to one contract.yaml. */
interface FileChange {
  endpoint: string;
  major: number;
  added: boolean;
  deleted: boolean;
  version?: { before?: string; after?: string };
  status?: { before?: string; after?: string };
}

/** Parses the log (newest commit first) into events per endpoint, oldest first. */
export function eventsFromLog(log: string, root: string): History {
  const commits = log
    .split(RECORD)
    .filter((record) => record.trim() !== '')
    .map(parseCommit)
    .reverse();
  const history: History = new Map();
  /** The last version seen of each major, for its removal. */
  const lastVersion = new Map<string, string>();
  for (const { info, changes } of commits) {
    for (const change of contractChanges(changes, root)) {
      const key = `${change.endpoint}\0${change.major}`;
      const events = history.get(change.endpoint) ?? [];
      history.set(change.endpoint, events);
      const base = { major: change.major, commit: info };
      const before = {
        version: lastVersion.get(key) ?? change.version?.before,
        status: change.status?.before,
      };
      if (change.deleted) {
        events.push({ kind: 'major-removed', ...base, ...present({ version: before.version }) });
        lastVersion.delete(key);
        continue;
      }
      const version = change.version?.after ?? before.version;
      if (version !== undefined) lastVersion.set(key, version);
      const status = change.status?.after;
      if (change.added) {
        events.push({ kind: 'major-added', ...base, ...present({ version, status }) });
        continue;
      }
      if (version !== undefined && version !== before.version) {
        events.push({
          kind: 'version-changed',
          ...base,
          version,
          ...present({ previousVersion: before.version }),
        });
      }
      if (status !== undefined && status !== before.status) {
        events.push({
          kind: 'status-changed',
          ...base,
          status,
          ...present({ version, previousStatus: before.status }),
        });
      }
    }
  }
  return history;
}

/** The members that are set: optional fields are absent, never `undefined`. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseCommit(record: string): { info: CommitInfo; changes: string } {
  const newline = record.indexOf('\n');
  const header = newline < 0 ? record : record.slice(0, newline);
  const [sha = '', date = '', author = '', subject = ''] = header.split(FIELD);
  return { info: { sha, date, author, subject }, changes: newline < 0 ? '' : record.slice(newline + 1) };
}

const TOP_LEVEL = /^([+-])(version|status):(.*)$/;

/** The contract.yaml files a commit's patch touches, and what changed in them. */
function contractChanges(patch: string, root: string): FileChange[] {
  const out: FileChange[] = [];
  let current: FileChange | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = contractFile(diffPath(line.slice('diff --git '.length)), root);
      if (current) out.push(current);
      continue;
    }
    if (current === undefined) continue;
    if (line.startsWith('new file mode')) current.added = true;
    else if (line.startsWith('deleted file mode')) current.deleted = true;
    else {
      const match = TOP_LEVEL.exec(line);
      if (match === null || line.startsWith('+++') || line.startsWith('---')) continue;
      const [, sign, key, rest] = match as unknown as [string, '+' | '-', 'version' | 'status', string];
      const value = scalar(`${key}:${rest}`, key);
      if (value === undefined) continue;
      const slot = (current[key] ??= {});
      slot[sign === '+' ? 'after' : 'before'] = value;
    }
  }
  return out;
}

/** The path of `a/<path> b/<path>` (the same path twice: renames are off), spaces included. */
function diffPath(paths: string): string {
  const length = (paths.length - 5) / 2;
  return Number.isInteger(length) && length > 0 ? paths.slice(2, 2 + length) : '';
}

function contractFile(path: string, root: string): FileChange | undefined {
  const prefix = root === '.' || root === '' ? '' : `${root}/`;
  if (!path.startsWith(prefix)) return undefined;
  const match = /^([^/]+)\/v([1-9]\d*)\/contract\.yaml$/.exec(path.slice(prefix.length));
  if (match === null) return undefined;
  return { endpoint: match[1] as string, major: Number(match[2]), added: false, deleted: false };
}

/** The string value of a one-line `key: value` YAML mapping, or undefined. */
function scalar(text: string, key: string): string | undefined {
  try {
    const value = (parse(text) as Record<string, unknown> | null)?.[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}
