/**
 * The `contractguard` bin as installed: the CommonJS bundles scripts/build-cli.mjs writes (an entry, one bundle
 * per command and per other lazily imported module, a shared kernel), built here into a folder of its own and
 * run as a process. Checks what bundling could break: every command's bundle loads, an optional step's bundle
 * (the counterexample search) too, dependencies written as ES modules or CommonJS both run, the semantic
 * fallback's worker still finds json-schema-diff, errors thrown in a command's bundle keep their one-line form
 * (their classes come from the one kernel). Speed belongs to the bench.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let out = '';
let bin = '';
let work = '';

function contractguard(
  args: string[],
  cwd = work,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** anyOf of two open objects; `bump` widens a bound of the second: only json-schema-diff can decide it. */
function openObjectUnion(bump = 0): object {
  return {
    anyOf: [0, 1].map((i) => ({
      type: 'object',
      properties: {
        [`p${i}`]: { type: 'string', maxLength: 10 + i + (i === 1 ? bump : 0) },
        [`q${i}`]: { type: 'number', minimum: i },
      },
      required: [`p${i}`],
    })),
  };
}

beforeAll(() => {
  // Inside the repository, where node_modules/json-schema-diff resolves, as in an installed package.
  const cache = join(ROOT, 'node_modules', '.cache', 'contractguard-tests');
  mkdirSync(cache, { recursive: true });
  out = join(cache, `cli-bundle-${process.pid}`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), out], { cwd: ROOT, stdio: 'pipe' });
  bin = join(out, 'contractguard.cjs');
  work = mkdtempSync(join(tmpdir(), 'contractguard-cli-bundle-'));
  const files: Record<string, unknown> = {
    'union-old.json': openObjectUnion(),
    'union-new.json': openObjectUnion(1),
  };
  for (const [name, value] of Object.entries(files)) writeFileSync(join(work, name), JSON.stringify(value));
  writeFileSync(join(work, 'old.yaml'), 'type: object\nproperties:\n  id: { type: string }\n');
  writeFileSync(join(work, 'new.yaml'), 'type: object\nproperties:\n  id: { type: integer }\n');
}, 60_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the bundled contractguard bin', () => {
  it('lists every command for --help, each loading its own bundle', () => {
    const help = contractguard(['--help']);
    expect(help.status).toBe(0);
    const names = [...help.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1] as string);
    expect(names).toEqual(expect.arrayContaining(['diff', 'check', 'diff-schemas', 'canary', 'init']));
    for (const name of names) {
      const r = contractguard([name, '--help']);
      expect(r.status, `${name} --help`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: contractguard ${name} `));
    }
  });

  it('compares YAML schema files', () => {
    const r = contractguard(['diff-schemas', '--direction', 'output', 'old.yaml', 'new.yaml']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: breaking \(output, pragmatic semantics\)/);
  });

  it('asks json-schema-diff in its worker where the rules cannot decide, and shows a counterexample', () => {
    const r = contractguard([
      'diff-schemas',
      '--direction',
      'output',
      '--semantics',
      'strict',
      '--format',
      'json',
      'union-old.json',
      'union-new.json',
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { verdict: string; changes: Record<string, unknown>[] };
    // Without the worker the change would be `dangerous` ("could not prove this compatible").
    expect(report.verdict).toBe('breaking');
    expect(report.changes[0]).toMatchObject({ rule: 'any-of-branch-added' });
    // Found by the counterexample search, a bundle of its own loaded only for such a change.
    expect(report.changes[0]?.counterexample).toBeDefined();
  });

  it('checks the example tree', () => {
    const r = contractguard(['check', '--root', 'contracts-example'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps usage errors to one line with exit 2', () => {
    const r = contractguard(['diff-schemas', 'old.yaml', 'new.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^--direction is required/)]);
  });
});
