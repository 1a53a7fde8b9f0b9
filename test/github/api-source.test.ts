/** The GitHub API contract source and its blob cache, against a small in-memory git data API. */
import { describe, expect, it } from 'vitest';

import {
  BlobCache,
  CheckBlobs,
  GitHubApiSource,
  LruCache,
  TruncatedTreeError,
  type GitDataApi,
  type TreeFiles,
} from '../../src/github/api-source.js';
import { SourceError } from '../../src/load/source.js';

interface Entry {
  path: string;
  mode: string;
  type: string;
  sha: string;
  size?: number;
}

function gitApi(tree: Entry[], blobs: Record<string, string>, truncated = false) {
  const calls: string[] = [];
  const api: GitDataApi = {
    rest: {
      git: {
        async getTree(p) {
          calls.push(`tree ${p.tree_sha} ${p.recursive}`);
          return { data: { truncated, tree } };
        },
        async getBlob(p) {
          calls.push(`blob ${p.file_sha}`);
          const text = blobs[p.file_sha];
          if (text === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
          return {
            data: { content: Buffer.from(text).toString('base64'), encoding: 'base64', size: text.length },
          };
        },
      },
    },
  };
  return { api, calls };
}

const TREE: Entry[] = [
  { path: 'contracts', mode: '040000', type: 'tree', sha: 't1' },
  { path: 'contracts/a.yaml', mode: '100644', type: 'blob', sha: 'b1', size: 6 },
  { path: 'contracts/big.json', mode: '100644', type: 'blob', sha: 'b2', size: 10_000_000 },
  { path: 'contracts/link.yaml', mode: '120000', type: 'blob', sha: 'b3', size: 9 },
  { path: 'contracts-other/x.yaml', mode: '100644', type: 'blob', sha: 'b4', size: 3 },
  { path: 'src/app.ts', mode: '100644', type: 'blob', sha: 'b5', size: 3 },
  { path: 'vendor', mode: '160000', type: 'commit', sha: 'c1' },
];

describe('GitHubApiSource', () => {
  const make = (truncated = false) => {
    const { api, calls } = gitApi(TREE, { b1: 'a: 1\n', b4: 'x\n', b5: 'x\n' }, truncated);
    return {
      source: new GitHubApiSource(api, { owner: 'o', repo: 'r', sha: 'abc1234def', root: 'contracts' }),
      calls,
    };
  };

  it('lists files under the root from one recursive listing', async () => {
    const { source, calls } = make();
    expect(await source.list('contracts')).toEqual([
      'contracts/a.yaml',
      'contracts/big.json',
      'contracts/link.yaml',
    ]);
    expect(await source.list('')).toEqual(['contracts/a.yaml', 'contracts/big.json', 'contracts/link.yaml']);
    expect(await source.read('contracts/a.yaml')).toEqual(Buffer.from('a: 1\n'));
    expect(calls).toEqual(['tree abc1234def 1', 'blob b1']);
    expect(source.label).toBe('o/r@abc1234');
  });

  it('a listing cache gives later sources of the same commit its listing without a request (full SHAs only)', async () => {
    const listings = new LruCache<TreeFiles>(4, 1000, (t) => t.entries.size);
    const { api, calls } = gitApi(TREE, { b1: 'a: 1\n' });
    const sha = 'a'.repeat(40);
    const source = (at: string) =>
      new GitHubApiSource(api, { owner: 'o', repo: 'r', sha: at, root: 'contracts', listingCache: listings });
    const first = await source(sha).list('contracts');
    expect(await source(sha).list('contracts')).toEqual(first);
    expect(calls).toEqual([`tree ${sha} 1`]);
    // A branch name may move: never kept.
    await source('main').list('contracts');
    await source('main').list('contracts');
    expect(calls).toEqual([`tree ${sha} 1`, 'tree main 1', 'tree main 1']);
  });

  it('applies the size limit from the listing, before fetching', async () => {
    const { source, calls } = make();
    const error = await source.read('contracts/big.json', { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'too-large', size: 10_000_000 });
    expect(calls.filter((c) => c.startsWith('blob'))).toEqual([]);
  });

  it('refuses files outside the root, symbolic links, submodules and missing files', async () => {
    const { source, calls } = make();
    await expect(source.read('src/app.ts')).rejects.toMatchObject({ kind: 'unreadable' });
    await expect(source.read('contracts-other/x.yaml')).rejects.toMatchObject({ kind: 'unreadable' });
    await expect(source.read('contracts/../src/app.ts')).rejects.toThrow(/may not leave/);
    await expect(source.read('contracts/link.yaml')).rejects.toMatchObject({ kind: 'symlink' });
    await expect(source.read('contracts/none.yaml')).rejects.toMatchObject({ kind: 'missing' });
    expect(calls.filter((c) => c.startsWith('blob'))).toEqual([]);
  });

  it('counts from the listing alone what reading the contract root would fetch', async () => {
    const { source, calls } = make();
    // a.yaml and big.json; not the symbolic link, nor files outside the root.
    expect(await source.contractFiles(20_000_000)).toEqual({ files: 2, bytes: 10_000_006 });
    // A file over the per-file limit is refused unfetched, so it does not count.
    expect(await source.contractFiles(1024)).toEqual({ files: 1, bytes: 6 });
    expect(calls).toEqual(['tree abc1234def 1']);
  });

  it('a truncated listing is a clear error', async () => {
    const { source } = make(true);
    await expect(source.list('contracts')).rejects.toBeInstanceOf(TruncatedTreeError);
    await expect(source.list('contracts')).rejects.toThrow(/too large for one GitHub API listing/);
  });

  it('a listing that is not JSON, or has no tree, is a clear error naming the commit', async () => {
    for (const [body, says] of [
      ['<html>oops', 'is not JSON'],
      ['{"sha":"x"}', 'has no `tree` list'],
    ] as const) {
      const api: GitDataApi = {
        rest: {
          git: {
            getTree: async () => ({ data: body as never }),
            getBlob: async () => {
              throw new Error('no blobs');
            },
          },
        },
      };
      const source = new GitHubApiSource(api, {
        owner: 'o',
        repo: 'r',
        sha: 'abc1234def',
        root: 'contracts',
      });
      await expect(source.list('contracts')).rejects.toThrow(`the git tree listing of o/r@abc1234 ${says}`);
    }
  });

  it('fetches at most `concurrency` blobs at once', async () => {
    const tree: Entry[] = Array.from({ length: 20 }, (_, i) => ({
      path: `contracts/f${i}.yaml`,
      mode: '100644',
      type: 'blob',
      sha: `s${i}`,
      size: 2,
    }));
    let active = 0;
    let peak = 0;
    const api: GitDataApi = {
      rest: {
        git: {
          getTree: async () => ({ data: { truncated: false, tree } }),
          getBlob: async () => {
            peak = Math.max(peak, ++active);
            await new Promise((resolve) => setTimeout(resolve, 5));
            active--;
            return { data: { content: 'eDoK', encoding: 'base64' } };
          },
        },
      },
    };
    const source = new GitHubApiSource(api, {
      owner: 'o',
      repo: 'r',
      sha: 's',
      root: 'contracts',
      concurrency: 3,
    });
    const files = await source.list('contracts');
    const all = await Promise.all(files.map((f) => source.read(f)));
    expect(all.every((b) => b.toString() === 'x:\n')).toBe(true);
    expect(peak).toBe(3);
  });
});

/** `contracts/a.yaml`, `b.yaml` and `c.yaml`, blobs `a`, `b`, `c`. */
function threeFiles() {
  const tree: Entry[] = ['a', 'b', 'c'].map((name) => ({
    path: `contracts/${name}.yaml`,
    mode: '100644',
    type: 'blob',
    sha: name,
    size: 2,
  }));
  return gitApi(tree, { a: 'a\n', b: 'b\n', c: 'c\n' });
}

describe('CheckBlobs', () => {
  it('fetches each blob once per check, even when the shared cache has evicted it', async () => {
    const { api, calls } = threeFiles();
    const shared = new BlobCache(1); // holds one blob: every read evicts the one before
    const blobs = new CheckBlobs(shared);
    const at = (sha: string) =>
      new GitHubApiSource(api, { owner: 'o', repo: 'r', sha, root: 'contracts', blobCache: blobs });
    for (const source of [at('base'), at('head')]) {
      for (const file of await source.list('contracts')) await source.read(file);
    }
    expect(calls.filter((c) => c.startsWith('blob'))).toEqual(['blob a', 'blob b', 'blob c']);
    expect(shared.size).toBe(1);
  });

  it('takes what the shared cache already holds from an earlier check', async () => {
    const tree: Entry[] = [{ path: 'contracts/a.yaml', mode: '100644', type: 'blob', sha: 'a', size: 2 }];
    const { api, calls } = gitApi(tree, { a: 'a\n' });
    const shared = new BlobCache();
    const read = (blobs: CheckBlobs) =>
      new GitHubApiSource(api, { owner: 'o', repo: 'r', sha: 's', root: 'contracts', blobCache: blobs }).read(
        'contracts/a.yaml',
      );
    await read(new CheckBlobs(shared));
    expect((await read(new CheckBlobs(shared))).toString()).toBe('a\n');
    expect(calls.filter((c) => c.startsWith('blob'))).toEqual(['blob a']);
  });

  it('a blob read in passing never evicts a loaded one from the shared cache; once loaded, it is kept', async () => {
    const { api, calls } = threeFiles();
    const shared = new BlobCache(2);
    const blobs = new CheckBlobs(shared);
    const source = new GitHubApiSource(api, {
      owner: 'o',
      repo: 'r',
      sha: 's',
      root: 'contracts',
      blobCache: blobs,
    });
    await source.read('contracts/a.yaml');
    for (const sha of ['b', 'c']) await source.readBlob(sha, { inPassing: true });
    expect([shared.get('o/r@a'), shared.get('o/r@b'), shared.get('o/r@c')].map(Boolean)).toEqual([
      true,
      true, // there was room
      false, // there was not: a, the loaded one, stays
    ]);
    await source.read('contracts/c.yaml'); // loaded after all: from this check's store, into the shared cache
    expect(shared.get('o/r@c')).toBeDefined();
    expect(calls.filter((c) => c.startsWith('blob'))).toEqual(['blob a', 'blob b', 'blob c']);
  });
});

describe('BlobCache', () => {
  it('drops the least recently used entries past its entry and byte limits', async () => {
    const cache = new BlobCache(3, 10);
    const put = (key: string, bytes: number) => cache.set(key, Promise.resolve(Buffer.alloc(bytes)));
    put('a', 2);
    put('b', 2);
    put('c', 2);
    await Promise.resolve();
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    put('d', 2);
    await Promise.resolve();
    expect([cache.get('b'), cache.size]).toEqual([undefined, 3]);
    put('e', 7);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.totalBytes).toBeLessThanOrEqual(10);
    expect(cache.get('e')).toBeDefined();
    expect(cache.get('c')).toBeUndefined();
  });
});
