/**
 * `npm run bench` (part 3): the cost of a PR check follows the change, not the repository (issue 17).
 * Generated repositories (bench/generate.ts) of 1,000 and 10,000 endpoints × 2 majors (7,000 and 70,000
 * files), written with `git fast-import` and kept under the system's temporary folder between runs (keyed by
 * their parameters): a base commit, a head changing 10 versions, and a head changing one schema file that
 * 500 versions `$ref`. `contractguard diff --base --head` runs as a real process; printed: its wall time,
 * the 10,000/1,000 ratio, its peak memory (maxRSS of the child, read at its exit), `git diff --stat` over the
 * same commits as a baseline, and the full load (`--full`) of the 1,000-endpoint tree for reference.
 * Targets: ≤ 1 s whole-process at 10,000 endpoints, ≤ 2× the 1,000-endpoint time, ≤ 300 MB; every one of the
 * 500 versions judged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { applyTreeEdits, fastImportScript, generateTree, type TreeEdit, type TreeSpec } from './generate.js';
import { contractguardBin, median } from './process.js';

const MAJORS = 2;
const CHANGED = 10;
const SHARED_USERS = 500;
const RUNS = 5;
const TARGET_MS = 1000;
const TARGET_RATIO = 2;
const TARGET_MB = 300;
/** Raised when what the generator writes changes, so that cached repositories are made again. */
const GENERATOR_VERSION = 2;

const cli = contractguardBin();
const CACHE = join(tmpdir(), 'contractguard-bench-cache');

/** Ten versions spread over the tree: the output of one gains an enum value, the input of the next a field. */
function tenChanges(endpoints: number): TreeEdit[] {
  const edits: TreeEdit[] = [];
  for (let n = 0; n < CHANGED; n++) {
    const endpoint = Math.floor(((n + 0.5) * endpoints) / CHANGED);
    const major = (n % MAJORS) + 1;
    edits.push({ kind: n % 2 === 0 ? 'output-enum' : 'input-required', endpoint, major });
  }
  return edits;
}

/**
 * A repository with `main~2` the generated tree, `main~1` ten versions changed, `main` the shared schema
 * changed instead. Made once per parameters (seconds for 70,000 files), then reused.
 */
function benchRepo(endpoints: number): string {
  const spec: TreeSpec = { endpoints, majors: MAJORS, sharedUsers: SHARED_USERS };
  const repo = join(CACHE, `scale-v${GENERATOR_VERSION}-${endpoints}x${MAJORS}-shared${SHARED_USERS}`);
  if (existsSync(join(repo, '.done'))) return repo;
  const building = `${repo}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: building });
  const base = generateTree(spec);
  const script = fastImportScript('contracts', [
    base,
    applyTreeEdits(spec, base, tenChanges(endpoints)),
    applyTreeEdits(spec, base, [{ kind: 'shared' }]),
  ]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: building, input: script, maxBuffer: 1 << 30 });
  // fast-import's pack has long delta chains; a clone's is repacked.
  execFileSync('git', ['repack', '-a', '-d', '-f', '-q'], { cwd: building });
  writeFileSync(join(building, '.done'), '');
  rmSync(repo, { recursive: true, force: true });
  renameSync(building, repo);
  return repo;
}

/** A preload that writes the process's peak memory to stderr as it exits. */
function maxRssProbe(): string {
  const file = join(CACHE, 'maxrss.cjs');
  writeFileSync(
    file,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\nmaxRSS ${u.maxRSS} cpu ${(u.userCPUTime + u.systemCPUTime) / 1000}\\n`); });\n",
  );
  return file;
}

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  /** Peak memory in MB. */
  mb: number;
  /** CPU time of the contractguard process (git's children not included), in ms. */
  cpu: number;
}

function run(repo: string, probe: string, args: string[]): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', probe, cli, 'diff', ...args, '--format', 'json'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`contractguard diff failed (exit ${r.status}):\n${r.stderr}`);
  const usage = /maxRSS (\d+) cpu ([\d.]+)/.exec(r.stderr);
  return {
    ms,
    status: r.status,
    stdout: r.stdout,
    mb: Number(usage?.[1] ?? NaN) / 1024,
    cpu: Number(usage?.[2] ?? NaN),
  };
}

function gitDiff(repo: string, from: string, to: string): number {
  const start = process.hrtime.bigint();
  execFileSync('git', ['diff', '--stat', from, to], { cwd: repo, maxBuffer: 1 << 28 });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Versions the report judged, by kind. */
function judged(stdout: string): Record<string, number> {
  const report = JSON.parse(stdout) as { versions: { kind: string }[] };
  const counts: Record<string, number> = {};
  for (const v of report.versions) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
  return counts;
}

function timeRuns(
  repo: string,
  probe: string,
  args: string[],
  rounds = RUNS,
): { ms: number; mb: number; cpu: number; last: Run } {
  const runs: Run[] = [];
  run(repo, probe, args); // warm the page cache
  for (let r = 0; r < rounds; r++) runs.push(run(repo, probe, args));
  return {
    ms: median(runs.map((r) => r.ms)),
    mb: Math.max(...runs.map((r) => r.mb)),
    cpu: median(runs.map((r) => r.cpu)),
    last: runs[runs.length - 1] as Run,
  };
}

function main(): void {
  mkdirSync(CACHE, { recursive: true });
  const probe = maxRssProbe();
  const t0 = Date.now();
  const small = benchRepo(1000);
  const large = benchRepo(10_000);
  const made = Date.now() - t0;
  const ten = ['--base', 'main~2', '--head', 'main~1'];
  const shared = ['--base', 'main~2', '--head', 'main'];

  console.log(
    `\nscale: ${CHANGED} changed versions; 1,000 and 10,000 endpoints × ${MAJORS} majors (7,000 and 70,000 files)` +
      ` in ${CACHE}${made > 1000 ? ` (made in ${(made / 1000).toFixed(1)} s)` : ' (cached)'}`,
  );
  const s = timeRuns(small, probe, ten);
  const l = timeRuns(large, probe, ten);
  const sGit = median(Array.from({ length: RUNS }, () => gitDiff(small, 'main~2', 'main~1')));
  const lGit = median(Array.from({ length: RUNS }, () => gitDiff(large, 'main~2', 'main~1')));
  const fullSmall = run(small, probe, [...ten, '--full']);
  const ratio = l.ms / s.ms;
  const load = loadavg()[0] ?? 0;
  if (load > cpus().length)
    console.log(
      `  (load average ${load.toFixed(1)} on ${cpus().length} cores: wall times are inflated; CPU times less so)`,
    );
  const counts = judged(l.last.stdout);
  console.log(
    `  1,000 endpoints    contractguard diff ${s.ms.toFixed(0)} ms (CPU ${s.cpu.toFixed(0)} ms), ${s.mb.toFixed(0)} MB (git diff --stat ${sGit.toFixed(0)} ms; --full ${fullSmall.ms.toFixed(0)} ms)`,
  );
  console.log(
    `  10,000 endpoints   contractguard diff ${l.ms.toFixed(0)} ms (CPU ${l.cpu.toFixed(0)} ms), ${l.mb.toFixed(0)} MB (git diff --stat ${lGit.toFixed(0)} ms); judged: ${JSON.stringify(counts)}`,
  );
  const sameAsFull =
    JSON.stringify(judged(fullSmall.stdout)['changed']) === JSON.stringify(judged(s.last.stdout)['changed']);
  console.log(
    `  ${sameAsFull ? 'same' : 'DIFFERENT'} changed versions with --full at 1,000 endpoints (${judged(fullSmall.stdout)['changed'] ?? 0})`,
  );

  const sh = timeRuns(large, probe, shared, 1);
  const shCounts = judged(sh.last.stdout);
  console.log(
    `  shared schema $ref-ed by ${SHARED_USERS} versions changed (10,000 endpoints): ${sh.ms.toFixed(0)} ms (CPU ${sh.cpu.toFixed(0)} ms), ${sh.mb.toFixed(0)} MB; judged: ${JSON.stringify(shCounts)}`,
  );

  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(
    `${verdict(l.ms <= TARGET_MS)}  10,000 endpoints, ${CHANGED} changed versions: ${(l.ms / 1000).toFixed(2)} s whole-process (target ≤ ${TARGET_MS / 1000} s)`,
  );
  console.log(
    `${verdict(ratio <= TARGET_RATIO)}  10,000/1,000 endpoints: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)`,
  );
  console.log(
    `${verdict(l.mb <= TARGET_MB)}  peak memory at 10,000 endpoints: ${l.mb.toFixed(0)} MB (target ≤ ${TARGET_MB} MB)`,
  );
  console.log(
    `${verdict((shCounts['changed'] ?? 0) === SHARED_USERS)}  shared schema change: ${shCounts['changed'] ?? 0} of ${SHARED_USERS} versions judged changed`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
