import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const TREES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/trees');

const temps: string[] = [];

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'contractguard-load-')));
  temps.push(dir);
  return dir;
}

/** Writes files (path relative to `dir` → text, bytes, or `null` to delete). */
export function writeFiles(dir: string, files: Record<string, string | Buffer | null>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (content === null) {
      fs.rmSync(file, { recursive: true, force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A temporary repository directory holding a copy of a fixture tree under `contracts/`, then `changes`. */
export function treeDir(fixture: string, changes: Record<string, string | Buffer | null> = {}): string {
  const dir = tempDir();
  fs.cpSync(path.join(TREES, fixture, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  writeFiles(dir, changes);
  return dir;
}

/** git without the user's configuration, with an identity and no signing. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return env;
}

/** `git init` in `dir` (branch main). */
export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}

/** Stages everything, commits, returns the commit's SHA. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
