/**
 * Issue 12 item 11, through the CLI as a process: a canary verdict read by a person leads with the criterion
 * that decided it, shows numbers rounded and every threshold with its operator. (The check run the Action
 * publishes — the same table, the machine-readable result hidden — is tested in test/action/canary.test.ts.)
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bundleCli, runCli } from '../helpers/cli-process.js';
import { sampleReport } from '../canary/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let cli: string;
let dir: string;

beforeAll(async () => {
  cli = await bundleCli();
  dir = mkdtempSync(join(tmpdir(), 'contractguard-canary-words-'));
  cpSync(join(ROOT, 'contracts-example'), join(dir, 'contracts'), { recursive: true });
  const report = sampleReport();
  // p99 2,345.678 ms against a limit of 2,000 ms: fails; everything else passes.
  report.versions.candidate.latencyMs.p99 = 2345.678;
  report.versions.candidate.errors = 2;
  writeFileSync(join(dir, 'slow.json'), JSON.stringify(report));
}, 60_000);
afterAll(() => {
  rmSync(cli, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('contractguard canary evaluate, as a person reads it', () => {
  it('rolls back (exit 1) with the failing criterion as the first row, rounded, with its operator', async () => {
    const r = await runCli(cli, ['canary', 'evaluate', 'slow.json', '--now', '2026-11-25T12:00:00Z'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(/^criterion +measured +passes when +outcome$/);
    expect(lines[4]).toMatch(/^p99LatencyMs\.above +2346 ms +≤ 2000 ms +fail$/);
    expect(r.stdout).toMatch(/^errorRate\.above +0\.2% +≤ 1% +pass$/m);
    expect(r.stdout).toContain(
      'fail: p99LatencyMs.above: candidate p99 latency 2346 ms is above the limit of 2000 ms',
    );
    expect(r.stdout).not.toMatch(/\d\.\d{4,}/);
    expect(lines.at(-2)).toBe('verdict: rollback — 1 failing criterion');
  });
});
