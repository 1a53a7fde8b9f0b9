/** src/load/root.ts: telling a missing contract root from an empty tree, and where the contracts are. */
import { describe, expect, it } from 'vitest';

import { contractRootsIn, missingRootMessage, RootProbe } from '../../src/load/root.js';
import { FsSource } from '../../src/load/source.js';
import { tempDir, treeDir, writeFiles } from './helpers.js';

describe('RootProbe', () => {
  it('knows nothing before the root is listed', () => {
    expect(new RootProbe(new FsSource(tempDir())).found).toBeUndefined();
  });

  it('finds a tree where the root holds one', async () => {
    const probe = new RootProbe(new FsSource(treeDir('basic')));
    expect((await probe.list('contracts')).length).toBeGreaterThan(0);
    expect(probe.found).toBe(true);
  });

  it('finds none where the root does not exist', async () => {
    const probe = new RootProbe(new FsSource(treeDir('basic')));
    expect(await probe.list('contract')).toEqual([]);
    expect(probe.found).toBe(false);
  });

  it('finds none in a folder that holds files but no tree (the top of a repository)', async () => {
    const probe = new RootProbe(new FsSource(treeDir('basic')));
    expect((await probe.list('')).length).toBeGreaterThan(0);
    expect(probe.found).toBe(false);
  });

  it('a tree with only a consumer, or only the policy, is a tree', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a/consumers/x.yaml': 'name: x\n', 'b/contractguard.yaml': 'failOn: never\n' });
    for (const root of ['a', 'b']) {
      const probe = new RootProbe(new FsSource(dir));
      await probe.list(root);
      expect(probe.found, root).toBe(true);
    }
  });
});

describe('contractRootsIn', () => {
  it('finds the folders that hold endpoints, most endpoints first', async () => {
    const dir = treeDir('basic');
    writeFiles(dir, {
      'services/a/contracts/one/endpoint.yaml': 'x',
      'services/a/contracts/two/endpoint.yaml': 'x',
      'services/a/contracts/three/endpoint.yaml': 'x',
    });
    expect(await contractRootsIn(new FsSource(dir))).toEqual(['services/a/contracts', 'contracts']);
  });

  it('names the top as `.`', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'one/endpoint.yaml': 'x' });
    expect(await contractRootsIn(new FsSource(dir))).toEqual(['.']);
  });
});

describe('missingRootMessage', () => {
  const fix = (root: string) => `pass --root ${root}`;

  it('names the root, where it looked, and the likeliest root with how to give it', () => {
    expect(missingRootMessage('contract', 'in base (main) or head (pr)', ['contracts'], fix)).toBe(
      'no contract tree at `contract` in base (main) or head (pr) (no endpoint.yaml, version folder or consumer below it); the contracts are in `contracts`: pass --root contracts',
    );
  });

  it('mentions the other roots it found', () => {
    expect(missingRootMessage('x', 'in HEAD', ['a', 'b', 'c'], fix)).toMatch(
      /the contracts are in `a` \(also `b`, `c`\): pass --root a$/,
    );
  });

  it('says how to start a tree when there is none', () => {
    expect(missingRootMessage('contracts', 'in the working tree', [], fix)).toMatch(
      /no folder holds an endpoint\.yaml either \(start a tree with `contractguard init`/,
    );
  });
});
