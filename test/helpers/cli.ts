/** The CLI run in-process, as tests see it: exit code and the two output streams. */
import { expect } from 'vitest';

import { run } from '../../src/cli.js';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], cwd: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr and no stack trace; returns that line. */
export function failure(outcome: Outcome): string {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr.endsWith('\n')).toBe(true);
  expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(outcome.stderr).not.toMatch(/\bat .*:\d+:\d+\)?$/m);
  return outcome.stderr.trimEnd();
}
