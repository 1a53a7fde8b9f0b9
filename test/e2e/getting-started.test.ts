/**
 * Issue 12 item 13, through the CLI as a process on a real repository: the README's getting-started steps —
 * `init`, `add-endpoint`, `check`, then a PR that breaks the new endpoint failing `diff` — each saying what
 * to do next, and no `$schema` line pointing at a file the repository does not have.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import { Repo } from './helpers.js';

let repo: Repo | undefined;

const cli = useBundledCli();
afterEach(() => repo?.cleanup());

const contractguard = (args: string[], cwd = repo?.dir ?? '.') => cli(args, cwd);

/** Every `$schema=` target in the YAML files written, resolved: each must exist. */
function schemaTargets(files: string[]): string[] {
  return files
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const first = readFileSync(join(repo?.dir ?? '', f), 'utf8').split('\n', 1)[0] ?? '';
      const target = /\$schema=(\S+)/.exec(first)?.[1];
      return target === undefined ? [] : [resolve(dirname(join(repo?.dir ?? '', f)), target)];
    });
}

describe('getting started in a new repository', () => {
  it('init writes the starter tree and says what to do next', async () => {
    repo = new Repo();
    const r = await contractguard(['init']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Created 9 files under contracts/:');
    expect(r.stdout).toContain('\nNext steps:\n  1. make contracts/hello-webhook/ one of your endpoints');
    expect(r.stdout).toContain('npx contractguard add-endpoint NAME');
    expect(r.stdout).toContain('npx contractguard check');
  });

  it('init writes no `$schema` line that leads nowhere', async () => {
    repo = new Repo();
    const r = await contractguard(['init']);
    const files = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  contracts/'))
      .map((l) => l.trim());
    expect(files).toHaveLength(9);
    for (const target of schemaTargets(files)) expect(existsSync(target), target).toBe(true);
    expect(r.stdout).toContain('npm install --save-dev contractguard');
  });

  it('add-endpoint, check, and a PR breaking the new endpoint fails diff', async () => {
    repo = new Repo();
    expect((await contractguard(['init'])).code).toBe(0);
    const added = await contractguard(['add-endpoint', 'billing-sync', '--owner', '@acme/billing']);
    expect(added.code).toBe(0);
    expect(added.stdout.split('\n')[0]).toBe(
      'Added endpoint billing-sync (v1) under contracts/billing-sync/:',
    );
    expect(added.stdout).toContain('describe the request in contracts/billing-sync/v1/input.schema.json');
    const check = await contractguard(['check']);
    expect(check.stdout).toBe('contracts: valid — 2 endpoints, 2 versions, 1 consumer\n');
    expect(check.code).toBe(0);

    repo.commit('contracts');
    repo.git('checkout', '-qb', 'pr');
    repo
      .write({
        'contracts/billing-sync/v1/input.schema.json': {
          type: 'object',
          required: ['invoiceId'],
          properties: { invoiceId: { type: 'string' } },
        },
      })
      .commit('require invoiceId');
    const diff = await contractguard(['diff', '--base', 'main']);
    expect(diff.code).toBe(1);
    expect(diff.stdout.split('\n')[0]).toMatch(/^✖ contractguard: breaking change in billing-sync v1/);
  });

  it('add-endpoint without --owner asks for the owner first', async () => {
    repo = new Repo();
    const r = await contractguard(['add-endpoint', 'billing-sync']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  1. set `owner` in contracts/billing-sync/endpoint.yaml and v1/contract.yaml',
    );
  });

  it('add-endpoint into a mistyped --root is refused, naming where the tree is', async () => {
    repo = new Repo();
    await contractguard(['init']);
    const r = await contractguard(['add-endpoint', 'billing-sync', '--root', 'contract']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(/the contracts are in `contracts`: pass --root contracts$/);
    expect(existsSync(join(repo.dir, 'contract'))).toBe(false);
  });

  it('add-endpoint is listed in --help', async () => {
    const r = await contractguard(['--help'], '.');
    expect(r.stdout).toMatch(/^ {2}add-endpoint {2}Add an endpoint/m);
  });
});
