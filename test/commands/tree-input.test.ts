/** src/commands/tree-input.ts: `--repo` and `--root` read as git reads paths. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { UsageError } from '../../src/commands/common.js';
import { locateTree } from '../../src/commands/tree-input.js';
import { Repo } from '../e2e/helpers.js';

let repo: Repo | undefined;
let plain: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (plain !== undefined) rmSync(plain, { recursive: true, force: true });
});

function repository(): string {
  repo = new Repo();
  mkdirSync(join(repo.dir, 'contracts', 'sync-customers'), { recursive: true });
  return realpathSync(repo.dir);
}

describe('locateTree', () => {
  it('without --root: contracts at the top of the repository, from anywhere in it', async () => {
    const top = repository();
    const sub = join(top, 'contracts', 'sync-customers');
    expect(await locateTree({ cwd: sub }, undefined, undefined)).toEqual({
      repo: top,
      root: 'contracts',
      shown: 'contracts',
      here: 'contracts/sync-customers',
    });
  });

  it('--root relative to the current folder', async () => {
    const top = repository();
    const sub = join(top, 'contracts', 'sync-customers');
    expect(await locateTree({ cwd: sub }, undefined, '..')).toMatchObject({ repo: top, root: 'contracts' });
    expect(await locateTree({ cwd: top }, undefined, './contracts/')).toMatchObject({ root: 'contracts' });
    expect(await locateTree({ cwd: top }, undefined, '.')).toMatchObject({ root: '.' });
  });

  it('--root relative to --repo, as `git -C`', async () => {
    const top = repository();
    expect(await locateTree({ cwd: tmpdir() }, top, 'contracts')).toMatchObject({
      repo: top,
      root: 'contracts',
    });
  });

  it('refuses a root outside the repository', async () => {
    const top = repository();
    await expect(locateTree({ cwd: top }, undefined, '../other')).rejects.toThrow(UsageError);
    await expect(locateTree({ cwd: top }, undefined, '../other')).rejects.toThrow(
      /^--root \.\.\/other is outside the repository/,
    );
  });

  it('outside git, the folder it runs in is the top', async () => {
    plain = realpathSync(mkdtempSync(join(tmpdir(), 'contractguard-plain-')));
    expect(await locateTree({ cwd: plain }, undefined, 'x')).toEqual({
      repo: plain,
      root: 'x',
      shown: 'x',
      here: '',
    });
  });
});
