/**
 * Issue 12 item 13: the published package works where it is installed. package.json's `files` and `bin`
 * are packed with `npm pack` (from a staging copy holding a fresh CLI bundle, so the test never depends on a
 * stale dist/), the tarball is unpacked into a temporary project's node_modules as npm would install it, and
 * the `contractguard` bin runs there on a real repository: --help, init, check, and a failing diff.
 * Offline: the one runtime dependency the bundle leaves outside (json-schema-diff) is linked from this
 * repository's node_modules instead of being downloaded.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { baseTree, Repo } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  files: string[];
};

let work = '';
let packed: { path: string }[] = [];
let bin = '';
let repo: Repo | undefined;

beforeAll(() => {
  work = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'contractguard-package-'));
  const stage = join(work, 'stage');
  mkdirSync(stage, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), join(stage, 'dist', 'cli')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  for (const file of ['package.json', 'README.md', 'schemas']) {
    cpSync(join(ROOT, file), join(stage, file), { recursive: true });
  }
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: stage,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no result: ${out}`);
  packed = info.files;

  // Installed as npm lays a package out: node_modules/<name>, its bins linked from node_modules/.bin.
  const project = join(work, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  execFileSync('tar', ['-xzf', join(work, info.filename), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, manifest.name));
  symlinkSync(join(ROOT, 'node_modules', 'json-schema-diff'), join(modules, 'json-schema-diff'));
  for (const [name, target] of Object.entries(manifest.bin)) {
    symlinkSync(join('..', manifest.name, target), join(modules, '.bin', name));
  }
  bin = join(modules, '.bin', 'contractguard');
  writeFileSync(join(project, 'package.json'), '{ "name": "project", "private": true }\n');
}, 120_000);

afterAll(() => {
  repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The installed bin, run directly (its shebang and mode as packed), in `cwd`. */
function contractguard(args: string[], cwd: string) {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

describe('the npm package', () => {
  it('holds the bin, the schemas and nothing from the sources or the tests', () => {
    const paths = packed.map((f) => f.path);
    for (const target of Object.values(manifest.bin)) expect(paths).toContain(target.replace(/^\.\//, ''));
    expect(paths).toContain('schemas/contract.schema.json');
    expect(paths).toContain('schemas/endpoint.schema.json');
    for (const path of paths) {
      expect(path, path).toMatch(/^(package\.json|README\.md|dist\/cli\/|schemas\/)/);
    }
  });

  it('runs as `contractguard` from node_modules/.bin', () => {
    const r = contractguard(['--help'], dirname(bin));
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: contractguard <command>/);
    expect(r.stdout).toContain('add-endpoint');
  });

  it('checks a tree and fails a breaking PR in a repository', () => {
    repo = new Repo();
    repo.write(baseTree()).commit('base');
    const check = contractguard(['check'], repo.dir);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    repo.git('checkout', '-qb', 'pr');
    const input = structuredClone(baseTree()['contracts/sync-customers/v2/input.schema.json']) as {
      required: string[];
    };
    input.required.push('dryRun');
    repo.write({ 'contracts/sync-customers/v2/input.schema.json': input }).commit('breaking');
    const diff = contractguard(['diff', '--base', 'main'], repo.dir);
    expect(diff.code).toBe(1);
    expect(diff.stdout.split('\n')[0]).toMatch(/^✖ contractguard: breaking change in sync-customers v2/);
  });

  it('init in a repository writes a tree the installed bin finds valid', () => {
    const fresh = new Repo();
    try {
      expect(contractguard(['init'], fresh.dir).code).toBe(0);
      expect(contractguard(['check'], fresh.dir).stdout).toBe(
        'contracts: valid — 1 endpoint, 1 version, 1 consumer\n',
      );
    } finally {
      fresh.cleanup();
    }
  });
});
