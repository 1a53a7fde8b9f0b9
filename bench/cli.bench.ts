/**
 * `npm run bench` (part 4): the CLI's cold start, whole process, against baselines run in the same process
 * and alternated with it round by round (so a machine that gets busier slows both sides alike):
 *  - a trivial `contractguard diff-schemas` (two tiny files) against a bare `node -e 0`; target ≤ 2×;
 *  - `contractguard diff-schemas` against json-schema-diff's own command on the flat pair (400 properties,
 *    bench/generate.ts), both as whole processes on the same two files; target ≥ 20× faster.
 * The CLI is the file package.json's `bin` names (the esbuild bundle in dist/cli/), as users run it; the tsc
 * build of the same source (dist/src/cli.js, one module per file) is timed alongside for reference.
 * json-schema-diff is timed the same way, as users run it: its own command in a fresh process.
 * Timings are printed, never tested.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { generateFlat, type JsonObject } from './generate.js';
import { contractguardBin, median, ROOT, wall, type Wall } from './process.js';

/** Rounds of the cold-start comparison (each runs every command once). */
const COLD_ROUNDS = 31;
/** Rounds of the flat-pair comparison (json-schema-diff takes 10 s or more per run). */
const FLAT_ROUNDS = 3;
/** json-schema-diff's time limit per run. */
const JSD_LIMIT_MS = 120_000;

const TARGET_COLD_RATIO = 2;
const TARGET_JSD_RATIO = 20;

interface Timed {
  label: string;
  args: string[];
  /** Throws when a run's outcome is not the expected one. */
  check: (run: Wall) => void;
  samples: number[];
}

/** A contractguard run, expected to exit 0 with `verdict`. */
function contractguard(label: string, args: string[], verdict: string): Timed {
  const check = (run: Wall): void => {
    if (run.status !== 0 || !run.stdout.startsWith(`Verdict: ${verdict}`)) {
      throw new Error(`unexpected contractguard run (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  };
  return { label, args, check, samples: [] };
}

/**
 * `rounds` rounds in which every command runs once, each round starting with a different one (so none always
 * runs right after another); every run's outcome is checked. With `warmUp`, one untimed round first.
 */
function race(commands: Timed[], rounds: number, options: { warmUp: boolean; timeoutMs?: number }): void {
  const limit = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const once = (c: Timed): Wall => {
    const run = wall(process.execPath, c.args, limit);
    if (run.status === null) throw new Error(`${c.label}: no answer in ${(options.timeoutMs ?? 0) / 1000} s`);
    c.check(run);
    return run;
  };
  if (options.warmUp) for (const c of commands) once(c);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < commands.length; i++) {
      const c = commands[(r + i) % commands.length] as Timed;
      c.samples.push(once(c).ms);
    }
  }
}

function ms(x: number): string {
  return x < 100 ? x.toFixed(1) : x.toFixed(0);
}

function line(c: Timed, note = ''): string {
  return `  ${c.label.padEnd(46)} ${ms(median(c.samples)).padStart(6)} ms median, ${ms(Math.min(...c.samples)).padStart(6)} min${note}`;
}

/** The schema without `$schema`: json-schema-diff's command throws on a 2020-12 header. */
function withoutHeader(schema: JsonObject): JsonObject {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

function main(): void {
  const bin = contractguardBin();
  const tscBuild = join(ROOT, 'dist', 'src', 'cli.js');
  const jsdMain = createRequire(import.meta.url).resolve('json-schema-diff');
  const jsdBin = join(dirname(jsdMain), '..', 'bin', 'json-schema-diff');
  const dir = mkdtempSync(join(tmpdir(), 'contractguard-cli-bench-'));
  const file = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    return path;
  };
  try {
    const tinyOld = file('tiny-old.json', { type: 'object', properties: { id: { type: 'string' } } });
    const tinyNew = file('tiny-new.json', {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string', maxLength: 64 } },
    });
    const flat = generateFlat();
    const flatOld = file('flat-old.json', withoutHeader(flat.oldSchema));
    const flatNew = file('flat-new.json', withoutHeader(flat.newSchema));

    console.log(
      `\ncli: cold start, whole process — node ${process.version}, ${cpus().length} cores, ` +
        `load average ${loadavg()[0]?.toFixed(1)} at the start`,
    );
    console.log(`  contractguard = ${relative(ROOT, bin)} (package.json bin)`);

    const trivial = ['diff-schemas', '--direction', 'output', tinyOld, tinyNew];
    const node: Timed = {
      label: 'node -e 0',
      args: ['-e', '0'],
      check: (run) => {
        if (run.status !== 0) throw new Error(`node -e 0 exited ${run.status}`);
      },
      samples: [],
    };
    const cli = contractguard('contractguard diff-schemas (2 tiny files)', [bin, ...trivial], 'additive');
    const unbundled = contractguard(
      '  the same, tsc build (dist/src/cli.js)',
      [tscBuild, ...trivial],
      'additive',
    );
    race([node, cli, unbundled], COLD_ROUNDS, { warmUp: true });
    const coldRatio = median(cli.samples) / median(node.samples);
    console.log(`\n  ${COLD_ROUNDS} alternating rounds:`);
    console.log(line(node, ' (baseline)'));
    console.log(line(cli, ` — ${coldRatio.toFixed(2)}× bare node`));
    console.log(
      line(unbundled, ` — ${(median(unbundled.samples) / median(node.samples)).toFixed(2)}× (reference)`),
    );

    const flatArgs = ['diff-schemas', '--direction', 'output', '--semantics', 'strict', flatOld, flatNew];
    const ours = contractguard('contractguard diff-schemas', [bin, ...flatArgs], 'breaking');
    const jsd: Timed = {
      label: 'json-schema-diff 1.0.0 (its command)',
      args: [jsdBin, flatOld, flatNew],
      check: (run) => {
        // It exits 1 and says so (on stderr) when it finds a breaking change; anything else is not an answer.
        if (run.status !== 1 || !run.stderr.startsWith('Breaking changes found')) {
          throw new Error(
            `unexpected json-schema-diff run (exit ${run.status}):\n${run.stderr.slice(0, 2000)}`,
          );
        }
      },
      samples: [],
    };
    race([jsd, ours], FLAT_ROUNDS, { warmUp: false, timeoutMs: JSD_LIMIT_MS });
    const jsdRatio = median(jsd.samples) / median(ours.samples);
    console.log(`\n  flat pair (${flat.description}), ${FLAT_ROUNDS} alternating rounds:`);
    console.log(line(jsd));
    console.log(line(ours, ` — ${jsdRatio.toFixed(1)}× faster`));

    console.log(`\n  load average ${loadavg()[0]?.toFixed(1)} at the end`);
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    console.log(
      `${verdict(coldRatio <= TARGET_COLD_RATIO)}  trivial diff-schemas cold start ≤ ${TARGET_COLD_RATIO}× a bare node start ` +
        `(${coldRatio.toFixed(2)}×: ${ms(median(cli.samples))} vs ${ms(median(node.samples))} ms)`,
    );
    console.log(
      `${verdict(jsdRatio >= TARGET_JSD_RATIO)}  whole process ≥ ${TARGET_JSD_RATIO}× faster than json-schema-diff on the flat pair ` +
        `(${jsdRatio.toFixed(1)}×: ${ms(median(ours.samples))} vs ${ms(median(jsd.samples))} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
