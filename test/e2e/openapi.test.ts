/** `contractguard diff-openapi` as users run it: the CLI as a process, real files, exit codes and streams. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { failure } from '../helpers/cli.js';
import { bundleCli, runCli } from '../helpers/cli-process.js';

const FIXTURES = fileURLToPath(new URL('../openapi/fixtures/', import.meta.url));
let cli: string;
let dir: string;

beforeAll(async () => {
  cli = await bundleCli();
  dir = mkdtempSync(join(tmpdir(), 'cg-openapi-e2e-'));
  cpSync(FIXTURES, dir, { recursive: true });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(cli, ['diff-openapi', ...argv], dir);

describe('contractguard diff-openapi', () => {
  test('text: the verdict and the changes per operation; exit 0 whatever the verdict', async () => {
    const out = await run('fastapi/old.json', 'fastapi/new.json');
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^Verdict: breaking \(pragmatic semantics\) — 4 breaking, 2 additive\n/);
    expect(out.stdout).toContain('GET /customers/{id}\n  BREAKING  parameter query tenant');
  });

  test('json: { verdict, changes } with rule, severity, operation, location, message', async () => {
    const out = await run('--format', 'json', 'petstore30/old.yaml', 'petstore30/new.yaml');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { verdict: string; changes: Record<string, unknown>[] };
    expect(report.verdict).toBe('breaking');
    expect(report.changes).toContainEqual({
      rule: 'optional-response-header-removed',
      severity: 'dangerous',
      operation: 'GET /pets',
      location: 'response 200 header x-next',
      message: 'The optional response header `x-next` of `200` was removed.',
    });
  });

  test('markdown', async () => {
    const out = await run('--format', 'markdown', 'fastapi/old.json', 'fastapi/new.json');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^### OpenAPI diff: 🔴 breaking\n/);
  });

  test('bad input: one line on stderr, exit 2', { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.0\npaths: [\n');
    writeFileSync(
      join(dir, 'remote.json'),
      JSON.stringify({
        openapi: '3.1.0',
        paths: { '/a': { get: { parameters: [{ $ref: 'https://example.com/p' }] } } },
      }),
    );
    expect(failure(await run('broken.yaml', 'fastapi/new.json'))).toMatch(
      /^OLD: broken\.yaml:\d+: invalid YAML/,
    );
    expect(failure(await run('fastapi/old.json', 'remote.json'))).toMatch(
      /^NEW: remote\.json: refusing to fetch remote \$ref/,
    );
    expect(failure(await run('fastapi/old.json', 'missing.json'))).toBe('NEW: no such file missing.json');
    expect(failure(await run('fastapi/old.json'))).toMatch(/needs two OpenAPI documents/);
    expect(failure(await run('--format', 'xml', 'a', 'b'))).toMatch(/--format/);
  });

  test('--help', async () => {
    const out = await run('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: contractguard diff-openapi/);
  });
});
