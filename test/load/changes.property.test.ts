/**
 * Change-driven loading judges exactly like a full load: on generated repositories (bench/generate.ts) and
 * random change sets, the PR check with `changes` gives the same changed versions, alias moves, findings,
 * problems and verdict as the check that loads both trees whole.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyTreeEdits, fastImportScript, generateTree, type TreeEdit } from '../../bench/generate.js';
import type { TreeReport } from '../../src/check/types.js';
import { changeScope } from '../../src/load/changes.js';
import { GitSource, gitChangeProbe, worktreeChangeProbe } from '../../src/load/git.js';
import { FsSource } from '../../src/load/source.js';
import { cli } from '../helpers/cli.js';
import { checkTrees, edit, judged, SPEC } from './change-sets.js';
import { git, tempDir, writeFiles } from './helpers.js';

/** A repository whose `main~1` is the generated tree and `main` the tree with `edits`; removed after `work`. */
async function withRepository<T>(edits: readonly TreeEdit[], work: (repo: string) => Promise<T>): Promise<T> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'contractguard-changes-')));
  try {
    return await work(repository(dir, edits));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function repository(dir: string, edits: readonly TreeEdit[]): string {
  git(dir, 'init', '-q', '-b', 'main');
  const base = generateTree(SPEC);
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    input: fastImportScript('contracts', [base, applyTreeEdits(SPEC, base, edits)]),
  });
  return dir;
}

async function check(repo: string, changeDriven: boolean): Promise<TreeReport> {
  const base = new GitSource(repo, 'main~1', { name: 'base' });
  const head = new GitSource(repo, 'main', { name: 'head' });
  return checkTrees(
    base,
    head,
    { base: 'main~1', head: 'main' },
    changeDriven ? gitChangeProbe(base, head) : undefined,
  );
}

describe('change-driven loading', () => {
  it('the generated base tree is sound (the premise of equivalence)', async () => {
    const report = await withRepository([], (repo) => check(repo, false));
    expect(report.findings).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  it('judges random change sets exactly as a full load does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const [full, scoped] = await withRepository(edits, async (repo) => [
          await check(repo, false),
          await check(repo, true),
        ]);
        expect(judged(scoped)).toEqual(judged(full));
      }),
      { numRuns: Number(process.env.CHANGES_RUNS ?? 12) },
    );
  }, 120_000);

  it('judges changes in the working tree exactly as a full load does', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    const base = generateTree(SPEC);
    const inRoot = (files: Map<string, string | null>) =>
      Object.fromEntries([...files].map(([file, text]) => [`contracts/${file}`, text]));
    writeFiles(dir, inRoot(base));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const edits: TreeEdit[] = [
      { kind: 'shared' },
      { kind: 'remove-consumer', consumer: 1 },
      { kind: 'add-major', endpoint: 5 },
      { kind: 'owner', endpoint: 6 },
    ];
    const head = applyTreeEdits(SPEC, base, edits);
    const removed = new Map<string, string | null>(
      [...base.keys()].filter((f) => !head.has(f)).map((f) => [f, null]),
    );
    writeFiles(dir, { ...inRoot(head), ...inRoot(removed) });
    const check = async (changeDriven: boolean) => {
      const baseSource = new GitSource(dir, 'main', { name: 'base' });
      const changes = changeDriven ? worktreeChangeProbe(baseSource, 'contracts') : undefined;
      return checkTrees(baseSource, new FsSource(dir), { base: 'main', head: 'working tree' }, changes);
    };
    const full = await check(false);
    expect(full.versions.filter((v) => v.kind !== 'unchanged').length).toBeGreaterThan(3);
    expect(judged(await check(true))).toEqual(judged(full));
  });

  it('`diff` judges only the change by default and both trees whole with --full, to the same report', async () => {
    const edits: TreeEdit[] = [
      { kind: 'output-enum', endpoint: 3, major: 1 },
      { kind: 'remove-major', endpoint: 5, major: 1 },
    ];
    const [byChange, whole] = await withRepository(edits, async (repo) => {
      const args = ['diff', '--base', 'main~1', '--head', 'main', '--format', 'json'];
      return [await cli(args, repo), await cli([...args, '--full'], repo)];
    });
    expect([byChange.code, whole.code]).toEqual([1, 1]);
    const versions = (outcome: { stdout: string }) =>
      (JSON.parse(outcome.stdout) as { versions: { endpoint: string; kind: string }[] }).versions;
    expect(versions(whole)).toHaveLength(2 * SPEC.endpoints);
    expect(versions(byChange).map((v) => `${v.endpoint} ${v.kind}`)).toEqual([
      'endpoint-00003 changed',
      'endpoint-00003 unchanged',
      'endpoint-00004 unchanged',
      'endpoint-00004 unchanged',
      'endpoint-00005 removed',
      'endpoint-00005 unchanged',
    ]);
    const judgedJson = (outcome: { stdout: string }) => {
      const report = JSON.parse(outcome.stdout) as Record<string, unknown> & { versions: { kind: string }[] };
      return {
        ...report,
        versions: report.versions.filter((v) => v.kind !== 'unchanged'),
        counts: undefined,
      };
    };
    expect(judgedJson(byChange)).toEqual(judgedJson(whole));
  });

  it('loads less than the whole tree for a change inside one endpoint', async () => {
    const scope = await withRepository([{ kind: 'output-enum', endpoint: 2, major: 1 }], (repo) => {
      const base = new GitSource(repo, 'main~1');
      const head = new GitSource(repo, 'main');
      return changeScope(gitChangeProbe(base, head), base, head, 'contracts');
    });
    expect(scope.kind === 'scoped' && [...scope.scope.endpoints]).toEqual(['endpoint-00002']);
  });
});
