/**
 * `npm run bench` (part 2): the whole product path on a big tree. A generated repository of 1,000 endpoints
 * × 2 majors, a second commit changing 5% of the versions, and `contractguard diff --base A --head B` run as a
 * real process (start-up included), timed against baselines measured in the same run: a bare `node` start
 * and `git diff --stat A B` over the same commits. Target: under 3 s wall on a 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { treeInput, treeOutput } from './generate.js';
import { contractguardBin, median, wall } from './process.js';

const ENDPOINTS = 1000;
const MAJORS = 2;
const CHANGED_SHARE = 0.05;
const RUNS = 5;

/** The command as users run it (package.json's bin). */
const cli = contractguardBin();

function write(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
}

function contract(name: string, major: number, changed: boolean): string {
  return [
    `endpoint: ${name}`,
    `version: ${major}.${changed ? 1 : 0}.0`,
    `owner: "@acme/team-${major}"`,
    `status: ${major === MAJORS ? 'active' : 'deprecated'}`,
    ...(major < MAJORS ? [`deprecation: { date: 2099-01-01, replacement: ${major + 1} }`] : []),
    'input: { $ref: ./input.schema.json }',
    'output: { $ref: ./output.schema.json }',
    'sideEffects: { writes: [db.orders], idempotent: true, idempotencyKey: id }',
    `operational: { timeoutMs: ${changed ? 5000 : 10000}, rateLimit: { requests: 100, perSeconds: 60 } }`,
    'errors:',
    '  - { code: UPSTREAM_TIMEOUT, status: 504, retryable: true }',
    '',
  ].join('\n');
}

function writeTree(repo: string, changedVersions: Set<string>): void {
  const root = join(repo, 'contracts');
  for (let i = 0; i < ENDPOINTS; i++) {
    const name = `endpoint-${String(i).padStart(4, '0')}`;
    write(
      join(root, name, 'endpoint.yaml'),
      `name: ${name}\nowner: "@acme/team"\nroute: /internal/${name}/v{major}\naliases: { prod: ${MAJORS} }\n`,
    );
    for (let major = 1; major <= MAJORS; major++) {
      const changed = changedVersions.has(`${name}/${major}`);
      const dir = join(root, name, `v${major}`);
      write(join(dir, 'contract.yaml'), contract(name, major, changed));
      write(join(dir, 'input.schema.json'), treeInput(false, changed ? ['id', 'tenant'] : ['id']));
      // A new enum value in an output: breaking.
      const status = changed ? ['active', 'paused', 'closed', 'frozen'] : undefined;
      write(join(dir, 'output.schema.json'), treeOutput(i, undefined, status));
    }
  }
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** A repository with two commits (base, head) of the generated tree; returns its path and the changed count. */
export function makeBenchRepo(): { repo: string; changed: number; files: number } {
  const repo = mkdtempSync(join(tmpdir(), 'contractguard-tree-bench-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'bench@example.com');
  git(repo, 'config', 'user.name', 'bench');
  writeTree(repo, new Set());
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  // Deterministic 5%: every 20th version changes.
  const changed = new Set<string>();
  let n = 0;
  for (let i = 0; i < ENDPOINTS; i++)
    for (let major = 1; major <= MAJORS; major++)
      if (n++ % Math.round(1 / CHANGED_SHARE) === 0)
        changed.add(`endpoint-${String(i).padStart(4, '0')}/${major}`);
  writeTree(repo, changed);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'head');
  const files = git(repo, 'ls-files').split('\n').filter(Boolean).length;
  return { repo, changed: changed.size, files };
}

function main(): void {
  const { repo, changed, files } = makeBenchRepo();
  try {
    const node = [] as number[];
    const gitDiff = [] as number[];
    const ours = [] as number[];
    let status: number | null = null;
    for (let r = 0; r < RUNS; r++) {
      node.push(wall(process.execPath, ['-e', '0'], { cwd: repo }).ms);
      gitDiff.push(wall('git', ['diff', '--stat', 'HEAD~1', 'HEAD'], { cwd: repo }).ms);
      const run = wall(
        process.execPath,
        [cli, 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'],
        { cwd: repo },
      );
      ours.push(run.ms);
      status = run.status;
    }
    const m = median(ours);
    console.log(
      `\ntree: ${ENDPOINTS} endpoints × ${MAJORS} majors (${files} files), ${changed} versions changed`,
    );
    console.log(`  node -e 0               ${median(node).toFixed(0)} ms (baseline: process start)`);
    console.log(`  git diff --stat A B     ${median(gitDiff).toFixed(0)} ms`);
    console.log(
      `  contractguard diff      ${m.toFixed(0)} ms (exit ${status}; ${(m / median(node)).toFixed(1)}× a bare node start, ` +
        `${(m / median(gitDiff)).toFixed(1)}× git diff)`,
    );
    console.log(
      `${m < 3000 ? 'PASS' : 'FAIL'}  tree diff under 3 s wall, process start included (${(m / 1000).toFixed(2)} s)`,
    );
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
