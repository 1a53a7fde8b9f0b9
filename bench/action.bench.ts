/**
 * `npm run bench` (part 3): the bundled Action (action/dist/index.js) on a PR against the example tree
 * (contracts-example/ as `contracts/`; the PR breaks sync-customers v3 and adds a field to export-orders v1
 * with its bump), run as a cold process the way a runner starts it — environment, event file, outputs and
 * summary files — timed by wall clock, median of 5, against a bare `node -e 0` start. Twice: in a full
 * clone, and in a depth-1 clone as `actions/checkout` leaves it (the Action fetches the base; a fresh clone
 * per run, the clone itself not timed). No PR comment (no network). Target: under 2 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { median, ROOT as root, timed } from './process.js';

const RUNS = 5;
const entry = join(root, 'action', 'dist', 'index.js');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`bench fixture: ${String(from)} not found in ${file}`);
  writeFileSync(file, next);
}

/** origin: base = the example tree, head = a PR on top of it. */
function makeOrigin(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-action-bench-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'config', 'user.name', 'bench');
  cpSync(join(root, 'contracts-example'), join(dir, 'contracts'), { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-qb', 'pr');
  // A breaking change in sync-customers v3 (an output field may now be an integer) ...
  edit(
    join(dir, 'contracts/sync-customers/v3/customer.schema.json'),
    '"type": "string"',
    '"type": ["string", "integer"]',
  );
  // ... and an additive one in export-orders v1, with its minor bump.
  const orders = join(dir, 'contracts/export-orders/v1/output.schema.json');
  const schema = JSON.parse(readFileSync(orders, 'utf8')) as { properties: Record<string, unknown> };
  schema.properties.exportedAt = { type: 'string', format: 'date-time' };
  writeFileSync(orders, `${JSON.stringify(schema, null, 2)}\n`);
  edit(join(dir, 'contracts/export-orders/v1/contract.yaml'), /^version: 1\.(\d+)\.\d+$/m, 'version: 1.2.0');
  git(dir, 'commit', '-qam', 'pr');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD') };
}

function runAction(workspace: string, base: string, head: string, temp: string) {
  const event = join(temp, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        number: 1,
        labels: [],
        base: { sha: base, repo: { full_name: 'acme/api' } },
        head: { sha: head, repo: { full_name: 'acme/api' } },
      },
      repository: { full_name: 'acme/api', default_branch: 'main' },
    }),
  );
  for (const file of ['output', 'summary.md']) writeFileSync(join(temp, file), '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: temp,
    INPUT_CONTRACTS: 'contracts',
    INPUT_COMMENT: 'false',
    'INPUT_GITHUB-TOKEN': 'unused',
    'INPUT_APPROVE-LABEL': 'contractguard: breaking-approved',
  };
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [entry], { cwd: workspace, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 1 || !r.stdout.includes('::error file=contracts/sync-customers/v3/')) {
    throw new Error(`unexpected Action run (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return ms;
}

function main(): void {
  const origin = makeOrigin();
  const temp = mkdtempSync(join(tmpdir(), 'contractguard-action-bench-run-'));
  try {
    const node: number[] = [];
    const full: number[] = [];
    const shallow: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      node.push(timed(() => spawnSync(process.execPath, ['-e', '0'])));
      full.push(runAction(origin.dir, origin.base, origin.head, temp));
      const clone = mkdtempSync(join(tmpdir(), 'contractguard-action-bench-clone-'));
      try {
        git(clone, 'clone', '-q', '--depth', '1', '--branch', 'pr', `file://${origin.dir}`, '.');
        shallow.push(runAction(clone, origin.base, origin.head, temp));
      } finally {
        rmSync(clone, { recursive: true, force: true });
      }
    }
    const n = median(node);
    const worst = Math.max(median(full), median(shallow));
    console.log(
      '\naction: the bundled Action on a PR against contracts-example/ (cold process, median of 5)',
    );
    console.log(`  node -e 0                 ${n.toFixed(0)} ms (baseline: process start)`);
    console.log(
      `  full clone                ${median(full).toFixed(0)} ms (${(median(full) / n).toFixed(1)}× a bare node start)`,
    );
    console.log(
      `  depth-1 clone + fetch     ${median(shallow).toFixed(0)} ms (${(median(shallow) / n).toFixed(1)}× a bare node start)`,
    );
    console.log(
      `${worst < 2000 ? 'PASS' : 'FAIL'}  Action under 2 s wall, process start included (${(worst / 1000).toFixed(2)} s)`,
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
    rmSync(origin.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
