/**
 * `npm run demo`: contractguard on the bundled example tree, the way a PR check sees it: three PRs (an
 * additive change, a breaking change inside v3, the same change as v4), then a Windmill PR on
 * examples/windmill (a script gains a required argument its flow and schedule do not pass), and the report
 * of each (scripts/demo-runs.ts). Exits non-zero unless the outcomes are pass, fail, pass, fail.
 *
 * `npm run demo -- --readme` writes the failing PR's output into README.md between the demo markers
 * instead, so the README shows what contractguard really prints (test/readme.test.ts keeps them in step).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import {
  EXPECTED_CODES,
  readmeDemoBlock,
  readmeWithDemo,
  runDemo,
  runWindmillDemo,
  transcript,
  WINDMILL_EXPECTED_CODE,
} from './demo-runs.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

async function writeReadme(): Promise<void> {
  const before = readFileSync(README, 'utf8');
  const after = readmeWithDemo(before, readmeDemoBlock(await runDemo()));
  if (after === before) console.log('README.md: the demo output is up to date');
  else {
    writeFileSync(README, after);
    console.log('README.md: demo output updated');
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--readme')) return writeReadme();
  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const runs = [...(await runDemo({ color })), await runWindmillDemo({ color })];
  for (const r of runs) console.log(`\n${'='.repeat(100)}\n${transcript(r)}`);
  const codes = runs.map((r) => r.code);
  const expected = [...EXPECTED_CODES, WINDMILL_EXPECTED_CODE];
  console.log(
    `${'='.repeat(100)}\nexit codes ${codes.join(', ')} (expected ${expected.join(', ')}: pass, fail, pass, fail)`,
  );
  if (codes.some((c, i) => c !== expected[i])) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
