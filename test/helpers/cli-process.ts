/**
 * The CLI as a child process, as users run it: src/cli.ts bundled with esbuild where its packages resolve
 * (under node_modules/.cache), then run with `node`. Exit code and both streams.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

import type { Outcome } from './cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles the CLI once per process and returns the file. */
export async function bundleCli(): Promise<string> {
  const outfile = join(
    ROOT,
    'node_modules',
    '.cache',
    'contractguard-tests',
    `cli-process-${process.pid}.mjs`,
  );
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export async function runCli(cli: string, argv: string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...argv], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * The bundled CLI for one test file: bundled before its tests, removed after them. Returns the runner:
 * `cli(argv, cwd)`.
 */
export function useBundledCli(): (argv: string[], cwd: string) => Promise<Outcome> {
  let file: string | undefined;
  beforeAll(async () => {
    file = await bundleCli();
  }, 60_000);
  afterAll(() => {
    if (file !== undefined) rmSync(file, { force: true });
  });
  return (argv, cwd) => {
    if (file === undefined)
      throw new Error('useBundledCli(): the CLI is bundled in beforeAll, call it from a test');
    return runCli(file, argv, cwd);
  };
}
