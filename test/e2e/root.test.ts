/**
 * Issue 12 item 1, through the CLI as a process on real repositories: a contract root that holds no tree is
 * bad input (exit 2, naming the root and the refs, and where the contracts are), never "no contract changes";
 * a root only at head is contracts added; `--root` is read from the current folder, and running from a
 * subfolder never reports majors as removed.
 */

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import type { Outcome } from '../helpers/cli.js';
import { baseTree, Repo } from './helpers.js';

let repo: Repo | undefined;

const cli = useBundledCli();
afterEach(() => repo?.cleanup());

const V2 = 'contracts/sync-customers/v2';

/** main: the base tree; pr: a new required request field in v2 (breaking inside the major). */
function breakingPr(): Repo {
  repo = new Repo();
  repo.write(baseTree()).commit('base');
  repo.git('checkout', '-qb', 'pr');
  const input = structuredClone(baseTree()[`${V2}/input.schema.json`]) as {
    required: string[];
    properties: Record<string, unknown>;
  };
  input.required.push('tenantId');
  input.properties.tenantId = { type: 'string' };
  repo.write({ [`${V2}/input.schema.json`]: input }).commit('require tenantId');
  return repo;
}

/** Exit 2 with one line on stderr and nothing on stdout; returns that line. */
function badInput(r: Outcome): string {
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
}

describe('a contract root that holds no tree', () => {
  it('diff: a mistyped --root is bad input naming the root, both refs and where the contracts are', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['diff', '--base', 'main', '--head', 'pr', '--root', 'contract'], dir));
    expect(line).toMatch(/^no contract tree at `contract` in base \(main\) or head \(pr\)/);
    expect(line).toMatch(/the contracts are in `contracts`: pass --root contracts$/);
  });

  it('diff: the same PR with the right root still fails on its breaking change', async () => {
    const dir = breakingPr().dir;
    const r = await cli(['diff', '--base', 'main', '--head', 'pr', '--root', 'contracts'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ contractguard: breaking change in sync-customers v2/);
  });

  it('check: a mistyped --root is bad input, never "valid — 0 endpoints"', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['check', '--root', 'contract'], dir));
    expect(line).toMatch(/^no contract tree at `contract` in the working tree of /);
    expect(line).toContain('pass --root contracts');
  });

  it('check --ref: names the ref it looked at', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['check', '--ref', 'main', '--root', 'contract'], dir));
    expect(line).toMatch(/^no contract tree at `contract` at main in /);
  });

  it('a folder that exists but holds no tree (the repository top) is not a tree either', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['diff', '--base', 'main', '--head', 'pr', '--root', '.'], dir));
    expect(line).toMatch(/^no contract tree at `\.` /);
  });

  it('a repository without any tree says how to start one', async () => {
    repo = new Repo();
    repo.write({ 'README.md': '# api\n' }).commit('base');
    const line = badInput(await cli(['check'], repo.dir));
    expect(line).toContain('no folder holds an endpoint.yaml either');
    expect(line).toContain('contractguard init');
  });
});

describe('a root only at head', () => {
  it('is contracts added: exit 0, said first', async () => {
    repo = new Repo();
    repo.write({ 'README.md': '# api\n' }).commit('before contractguard');
    repo.git('checkout', '-qb', 'pr');
    repo.write(baseTree()).commit('add the contracts');
    const r = await cli(['diff', '--base', 'main', '--head', 'pr'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '✔ contractguard: contracts added: 1 endpoint, 2 majors (main has none)',
    );
  });
});

describe('--root is read from the current folder', () => {
  it('from a subfolder, the default root is still the top’s contracts: nothing is reported removed', async () => {
    const dir = breakingPr().dir;
    const fromTop = await cli(['diff', '--base', 'main'], dir);
    const fromSub = await cli(['diff', '--base', 'main'], join(dir, 'contracts', 'sync-customers'));
    expect(fromSub.code).toBe(1);
    expect(fromSub.stdout).toBe(fromTop.stdout);
    expect(fromSub.stdout).not.toMatch(/removed/);
  });

  it('`--root ..` from inside the tree names the tree, as git reads paths', async () => {
    const dir = breakingPr().dir;
    const r = await cli(
      ['diff', '--base', 'main', '--head', 'pr', '--root', '..'],
      join(dir, 'contracts', 'sync-customers'),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('compared main → pr, contracts in contracts');
  });

  it('from a subfolder, a suggested root is written from there', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['check', '--root', 'nope'], join(dir, 'contracts', 'sync-customers')));
    expect(line).toMatch(/the contracts are in `\.\.`: pass --root \.\.$/);
  });

  it('a root outside the repository is bad usage', async () => {
    const dir = breakingPr().dir;
    const line = badInput(await cli(['check', '--root', '../elsewhere'], dir));
    expect(line).toMatch(/^--root \.\.\/elsewhere is outside the repository/);
  });
});
