/**
 * `npm run bench`: times contractguard's `diff` against json-schema-diff on the same generated pairs, in the
 * same process, then measures contractguard's memory on the large pair and prints the targets PASS/FAIL.
 * Nothing here asserts: timings depend on the machine, so they are printed, never tested.
 *
 * json-schema-diff runs in a worker thread with a per-class time limit, because on some classes it never
 * finishes; it gets the resolved schema with `$schema` removed (it throws on a 2020-12 header), as a fresh
 * structured clone for every run (it mutates its input).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { diff, diffSchemas } from '../src/diff/index.js';
import { shutdownSemanticWorker } from '../src/diff/semantic.js';
import type { Direction } from '../src/diff/types.js';
import { withCounterexamples } from '../src/evidence/attach.js';
import { wantsCounterexample } from '../src/evidence/inclusion.js';
import { compileMilliseconds, slicedValidator } from '../src/evidence/slice.js';
import { resolveSchema } from '../src/schema/resolve.js';
import type { SchemaValue } from '../src/schema/types.js';
import { countLeafProperties, generateAll, type SchemaPair } from './generate.js';
import { median } from './process.js';

/** json-schema-diff's time limit per run (it never finishes on some classes). */
const JSD_LIMIT_MS = 20_000;
/** Rough time to spend on the measured runs of one class, per tool. */
const CG_BUDGET_MS = 3_000;
const JSD_BUDGET_MS = 10_000;
const CG_RUNS = { min: 7, max: 200 };
const JSD_RUNS = { min: 3, max: 30 };
const MB = 1024 * 1024;

const TARGET_RATIO = 20;
const TARGET_LARGE_MS = 50;
const TARGET_MEMORY_MB = 200;
/** Counterexamples may add at most this share to classifying the pairs named (issue 13). */
const TARGET_EVIDENCE_COST = 0.2;
const EVIDENCE_TARGET_CLASSES: readonly string[] = ['large', 'combinator'];
const EVIDENCE_BUDGET_MS = 2_000;
const EVIDENCE_RUNS = { min: 9, max: 150 };

function runsFor(firstMs: number, budgetMs: number, limits: { min: number; max: number }): number {
  return Math.max(limits.min, Math.min(limits.max, Math.floor(budgetMs / Math.max(firstMs, 0.01))));
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
}

// --- contractguard -----------------------------------------------------------------------------------------

interface CgResult {
  medianMs: number;
  runs: number;
  verdict: string;
  changes: number;
  undecided: number;
}

async function runContractguard(
  pair: SchemaPair,
): Promise<{ ms: number; verdict: string; changes: number; undecided: number }> {
  const t0 = performance.now();
  const result = await diff(pair.oldSchema, pair.newSchema, { direction: 'output', semantics: 'strict' });
  const elapsed = performance.now() - t0;
  const undecided = result.changes.filter((c) => c.args.undecided !== undefined).length;
  return { ms: elapsed, verdict: result.verdict, changes: result.changes.length, undecided };
}

async function timeContractguard(pair: SchemaPair): Promise<CgResult> {
  // Warm-up: JIT, the semantic worker's start, module caches.
  const first = await runContractguard(pair);
  let fastest = first.ms;
  for (let i = 0; i < 4 && fastest < 1000; i++)
    fastest = Math.min(fastest, (await runContractguard(pair)).ms);
  const runs = runsFor(fastest, CG_BUDGET_MS, CG_RUNS);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await runContractguard(pair)).ms);
  return {
    medianMs: median(samples),
    runs,
    verdict: first.verdict,
    changes: first.changes,
    undecided: first.undecided,
  };
}

interface MemoryResult {
  runs: number;
  gc: boolean;
  baseline: NodeJS.MemoryUsage;
  peakRss: number;
  peakHeapUsed: number;
}

/** Peak RSS and heapUsed, sampled after each of `runs` diffs of the pair. */
async function measureMemory(pair: SchemaPair, runs: number): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeapUsed = baseline.heapUsed;
  for (let i = 0; i < runs; i++) {
    await runContractguard(pair);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
  }
  return { runs, gc: gc !== undefined, baseline, peakRss, peakHeapUsed };
}

// --- evidence cost ----------------------------------------------------------------------------------------

interface EvidenceCost {
  direction: Direction;
  withoutMs: number;
  withMs: number;
  /** Of the runs with counterexamples, the median time ajv spent compiling the (cut) validators. */
  compileMs: number;
  /**
   * The least any search verified with ajv can cost here: compiling both schemas cut to the instances shown
   * (and to nothing else) and validating each against both, median of runs on freshly resolved schemas.
   */
  floorMs: number;
  runs: number;
  /** Changes that break set inclusion for the direction, and how many got a counterexample. */
  breaks: number;
  proven: number;
}

/**
 * One classification as `diff-schemas` makes it: resolve both schemas (fresh, so no cache of a previous run
 * helps), classify, and with `evidence` attach the counterexamples.
 */
async function classifyOnce(
  pair: SchemaPair,
  direction: Direction,
  evidence: boolean,
): Promise<{ ms: number; compileMs: number; breaks: number; proven: number; shown: unknown[] }> {
  const compiledBefore = compileMilliseconds();
  const t0 = performance.now();
  const o = resolveSchema(pair.oldSchema, { file: '<old>' });
  const n = resolveSchema(pair.newSchema, { file: '<new>' });
  let result = await diffSchemas(o, n, { direction, semantics: 'strict' });
  if (evidence) result = withCounterexamples(result, o, n, direction);
  const elapsed = performance.now() - t0;
  const breaks = result.changes.filter((c) => wantsCounterexample(c, direction)).length;
  const shown = result.changes.flatMap((c) =>
    c.counterexample === undefined ? [] : [c.counterexample.value],
  );
  return {
    ms: elapsed,
    compileMs: compileMilliseconds() - compiledBefore,
    breaks,
    proven: shown.length,
    shown,
  };
}

/**
 * Verifying `shown` alone, as the search verifies its instances: both schemas (resolved afresh, untimed) cut
 * to these instances only, compiled, and each instance validated against both. No search can verify the
 * same instances for less with these validators, so this is the floor under the evidence cost.
 */
function verifyOnce(pair: SchemaPair, shown: readonly unknown[]): number {
  const sides = [
    resolveSchema(pair.oldSchema, { file: '<old>' }),
    resolveSchema(pair.newSchema, { file: '<new>' }),
  ];
  const t0 = performance.now();
  for (const side of sides) {
    const validator = slicedValidator(side);
    if (validator === undefined) throw new Error(`${pair.name}: a schema does not compile`);
    validator.prepare(shown);
    for (const value of shown) validator.validate(value);
  }
  return performance.now() - t0;
}

/** Classification with and without counterexamples, interleaved in the same process, medians of each. */
async function timeEvidence(pair: SchemaPair, direction: Direction): Promise<EvidenceCost> {
  let slowest = 0;
  for (let i = 0; i < 3; i++) {
    await classifyOnce(pair, direction, false);
    slowest = Math.max(slowest, (await classifyOnce(pair, direction, true)).ms);
  }
  const runs = runsFor(slowest * 2, EVIDENCE_BUDGET_MS, EVIDENCE_RUNS);
  const without: number[] = [];
  const withEvidence: number[] = [];
  const compiling: number[] = [];
  const verifying: number[] = [];
  let last: { breaks: number; proven: number; shown: unknown[] } = { breaks: 0, proven: 0, shown: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always meets a warmer (or a collected) heap.
    const order = i % 2 === 0 ? [false, true] : [true, false];
    for (const evidence of order) {
      const r = await classifyOnce(pair, direction, evidence);
      (evidence ? withEvidence : without).push(r.ms);
      if (evidence) {
        last = r;
        compiling.push(r.compileMs);
      }
    }
    verifying.push(verifyOnce(pair, last.shown));
  }
  const { breaks, proven } = last;
  return {
    direction,
    withoutMs: median(without),
    withMs: median(withEvidence),
    compileMs: median(compiling),
    floorMs: median(verifying),
    runs,
    breaks,
    proven,
  };
}

function cost(e: EvidenceCost): number {
  return e.withMs / e.withoutMs - 1;
}

function percent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

// --- json-schema-diff --------------------------------------------------------------------------------------

/** Plain JS run in the worker: times one diffSchemas call on the schemas it is sent. */
const JSD_WORKER = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const jsd = require('node:module').createRequire(workerData.modulePath)(workerData.modulePath);
parentPort.on('message', (msg) => {
  const t0 = performance.now();
  Promise.resolve()
    .then(() => jsd.diffSchemas({ sourceSchema: msg.oldSchema, destinationSchema: msg.newSchema }))
    .then(
      (r) => parentPort.postMessage({ ok: true, ms: performance.now() - t0, widens: r.additionsFound, narrows: r.removalsFound }),
      (e) => parentPort.postMessage({ ok: false, ms: performance.now() - t0, message: String((e && e.message) || e) }),
    );
});
parentPort.postMessage({ ready: true });
`;

type JsdRun =
  | { kind: 'answer'; ms: number; widens: boolean; narrows: boolean }
  | { kind: 'throws'; ms: number; message: string }
  | { kind: 'timeout' };

type JsdResult =
  | { kind: 'answer'; medianMs: number; runs: number; widens: boolean; narrows: boolean }
  | { kind: 'throws'; message: string }
  | { kind: 'timeout' };

type JsdMessage =
  | { ready: true }
  | { ok: true; ms: number; widens: boolean; narrows: boolean }
  | { ok: false; ms: number; message: string };

class JsdRunner {
  private worker: Worker | undefined;
  private readonly modulePath = createRequire(import.meta.url).resolve('json-schema-diff');

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const worker = new Worker(JSD_WORKER, { eval: true, workerData: { modulePath: this.modulePath } });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      worker.once('message', () => {
        worker.off('error', onError);
        resolve();
      });
      worker.once('error', onError);
    });
    // An 'error' between runs must not crash the benchmark; a run in flight handles its own.
    worker.on('error', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  async run(oldSchema: unknown, newSchema: unknown, limitMs: number): Promise<JsdRun> {
    const worker = await this.start();
    return new Promise<JsdRun>((resolve) => {
      const settle = (r: JsdRun): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(r);
      };
      const timer = setTimeout(() => {
        void this.stop();
        settle({ kind: 'timeout' });
      }, limitMs);
      const onMessage = (m: JsdMessage): void => {
        if ('ready' in m) settle({ kind: 'throws', ms: 0, message: 'unexpected message' });
        else if (m.ok) settle({ kind: 'answer', ms: m.ms, widens: m.widens, narrows: m.narrows });
        else settle({ kind: 'throws', ms: m.ms, message: m.message });
      };
      // e.g. out of memory: the worker is gone, the next run starts another.
      const onError = (e: Error): void => {
        this.worker = undefined;
        settle({ kind: 'throws', ms: 0, message: `worker died: ${e.message}` });
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      // Structured clone: every run gets its own copy to mutate.
      worker.postMessage({ oldSchema, newSchema });
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/** The resolved schema (a cyclic graph if recursive) without `$schema`: json-schema-diff throws on 2020-12. */
function forJsd(schema: SchemaValue): unknown {
  const root = resolveSchema(schema, { file: '<bench>' }).root;
  if (typeof root === 'boolean') return root;
  const { $schema: _ignored, ...rest } = root;
  return rest;
}

async function timeJsd(pair: SchemaPair): Promise<JsdResult> {
  const runner = new JsdRunner();
  try {
    const oldSchema = forJsd(pair.oldSchema);
    const newSchema = forJsd(pair.newSchema);
    let first = await runner.run(oldSchema, newSchema, JSD_LIMIT_MS);
    if (first.kind === 'timeout') return { kind: 'timeout' };
    if (first.kind === 'throws') return { kind: 'throws', message: first.message };
    // One more warm-up when the first run was quick (JIT).
    if (first.ms < 1000) {
      const again = await runner.run(oldSchema, newSchema, JSD_LIMIT_MS);
      if (again.kind === 'answer') first = again;
    }
    const runs = runsFor(first.ms, JSD_BUDGET_MS, JSD_RUNS);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runner.run(oldSchema, newSchema, JSD_LIMIT_MS);
      if (r.kind !== 'answer') break;
      samples.push(r.ms);
    }
    if (samples.length === 0) return { kind: 'timeout' };
    return {
      kind: 'answer',
      medianMs: median(samples),
      runs: samples.length,
      widens: first.widens,
      narrows: first.narrows,
    };
  } finally {
    await runner.stop();
  }
}

// --- report ------------------------------------------------------------------------------------------------

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]): string => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ');
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

function jsdCell(r: JsdResult): string {
  if (r.kind === 'timeout') return `no answer in ${JSD_LIMIT_MS / 1000} s`;
  if (r.kind === 'throws')
    return `throws: ${r.message.length > 70 ? `${r.message.slice(0, 67)}...` : r.message}`;
  return `${ms(r.medianMs)} (n=${r.runs}; widens ${r.widens}, narrows ${r.narrows})`;
}

async function main(): Promise<void> {
  const pairs = generateAll();
  console.log(`contractguard diff benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`contractguard: diff(old, new, { direction: 'output', semantics: 'strict' })`);
  console.log(`json-schema-diff 1.0.0: in a worker thread, ${JSD_LIMIT_MS / 1000} s limit per run\n`);
  for (const p of pairs) console.log(`  ${p.name.padEnd(10)} ${p.description}`);
  console.log('');

  // contractguard first, so its memory numbers are not inflated by json-schema-diff's workers.
  const cg = new Map<string, CgResult>();
  for (const pair of pairs) {
    process.stdout.write(`contractguard    ${pair.name}... `);
    const r = await timeContractguard(pair);
    cg.set(pair.name, r);
    console.log(
      `${ms(r.medianMs)} ms (n=${r.runs}; verdict ${r.verdict}, ${r.changes} changes, ${r.undecided} undecided)`,
    );
  }
  const large = pairs.find((p) => p.name === 'large');
  if (!large) throw new Error('no large pair');
  const memory = await measureMemory(large, 20);

  // The cost of counterexamples: classify with and without them, strict, both directions, in this process.
  console.log('');
  const evidence = new Map<string, EvidenceCost[]>();
  for (const pair of pairs) {
    const costs: EvidenceCost[] = [];
    for (const direction of ['input', 'output'] as const) {
      const e = await timeEvidence(pair, direction);
      costs.push(e);
      console.log(
        `evidence cost    ${pair.name.padEnd(10)} ${direction.padEnd(6)} ${percent(cost(e)).padStart(7)}  ` +
          `(classify ${ms(e.withoutMs)} ms, with counterexamples ${ms(e.withMs)} ms, of which ajv compile ` +
          `${ms(e.compileMs)} ms; medians of n=${e.runs} interleaved; ${e.proven}/${e.breaks} breaks proven)`,
      );
      console.log(
        `  floor          ${' '.repeat(17)} ${percent(e.floorMs / e.withoutMs).padStart(7)}  ` +
          `(ajv compiling both schemas cut to the ${e.proven} instances shown, and validating them: ` +
          `${ms(e.floorMs)} ms)`,
      );
    }
    evidence.set(pair.name, costs);
  }
  console.log('');

  const jsd = new Map<string, JsdResult>();
  for (const pair of pairs) {
    process.stdout.write(`json-schema-diff ${pair.name}... `);
    const r = await timeJsd(pair);
    jsd.set(pair.name, r);
    console.log(jsdCell(r));
  }

  const rows: string[][] = [['class', 'contractguard median ms', 'json-schema-diff median ms', 'ratio']];
  const ratios: { name: string; ratio: number }[] = [];
  for (const pair of pairs) {
    const c = cg.get(pair.name);
    const j = jsd.get(pair.name);
    if (!c || !j) continue;
    let ratio = '';
    if (j.kind === 'answer') {
      const x = j.medianMs / c.medianMs;
      ratios.push({ name: pair.name, ratio: x });
      ratio = `${x.toFixed(1)}x`;
    }
    rows.push([pair.name, ms(c.medianMs), jsdCell(j), ratio]);
  }
  console.log(`\n${table(rows)}\n`);

  console.log(
    `memory, contractguard on the large pair (${countLeafProperties(large.oldSchema)} leaves), ${memory.runs} runs` +
      `${memory.gc ? '' : ' (gc not exposed; run node --expose-gc for a clean baseline)'}:`,
  );
  console.log(
    `  baseline rss ${(memory.baseline.rss / MB).toFixed(1)} MB, heapUsed ${(memory.baseline.heapUsed / MB).toFixed(1)} MB`,
  );
  console.log(
    `  peak     rss ${(memory.peakRss / MB).toFixed(1)} MB, heapUsed ${(memory.peakHeapUsed / MB).toFixed(1)} MB\n`,
  );

  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
  const slow = ratios.filter((r) => r.ratio < TARGET_RATIO);
  const answered = ratios.map((r) => r.name).join(', ') || 'none';
  console.log(
    `${verdict(slow.length === 0)}  >= ${TARGET_RATIO}x faster on every class where json-schema-diff answers (${answered})` +
      (slow.length > 0 ? `; slower: ${slow.map((r) => `${r.name} ${r.ratio.toFixed(1)}x`).join(', ')}` : ''),
  );
  const largeMs = cg.get('large')?.medianMs ?? Infinity;
  console.log(
    `${verdict(largeMs < TARGET_LARGE_MS)}  large pair under ${TARGET_LARGE_MS} ms (${ms(largeMs)} ms)`,
  );
  const evidenceCosts = EVIDENCE_TARGET_CLASSES.flatMap((name) =>
    (evidence.get(name) ?? []).map((e) => ({
      name: `${name} ${e.direction}`,
      cost: cost(e),
      floor: e.floorMs / e.withoutMs,
    })),
  );
  console.log(
    `${verdict(evidenceCosts.length > 0 && evidenceCosts.every((e) => e.cost <= TARGET_EVIDENCE_COST))}  ` +
      `counterexamples cost at most ${TARGET_EVIDENCE_COST * 100}% on the ${EVIDENCE_TARGET_CLASSES.join(' and ')} pairs ` +
      `(${evidenceCosts.map((e) => `${e.name} ${percent(e.cost)}`).join(', ')}; ` +
      `verifying the instances shown alone: ${evidenceCosts.map((e) => `${percent(e.floor)}`).join(', ')})`,
  );
  const peakMb = memory.peakRss / MB;
  console.log(
    `${verdict(peakMb < TARGET_MEMORY_MB)}  memory under ${TARGET_MEMORY_MB} MB (peak rss ${peakMb.toFixed(1)} MB)`,
  );

  await shutdownSemanticWorker();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
