/** The GitHub API contract source and the check-run publisher, against small in-memory fakes. */
import { describe, expect, it } from 'vitest';

import {
  BlobCache,
  GitHubApiSource,
  TruncatedTreeError,
  type GitDataApi,
} from '../../src/github/api-source.js';
import { type ChecksApi, publishCheckRun } from '../../src/github/check-run.js';
import { SourceError } from '../../src/load/source.js';
import type { Annotation } from '../../src/report/annotations.js';

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

  it('a truncated listing is a clear error', async () => {
    const { source } = make(true);
    await expect(source.list('contracts')).rejects.toBeInstanceOf(TruncatedTreeError);
    await expect(source.list('contracts')).rejects.toThrow(/too large for one GitHub API listing/);
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

describe('publishCheckRun', () => {
  function checksApi(existing: { id: number; name: string; external_id?: string }[] = []) {
    const calls: { op: string; params: Record<string, unknown> }[] = [];
    const api: ChecksApi = {
      rest: {
        checks: {
          async listForRef(params) {
            calls.push({ op: 'list', params });
            return { data: { check_runs: existing } };
          },
          async create(params) {
            calls.push({ op: 'create', params });
            return { data: { id: 1, html_url: 'https://example/runs/1' } };
          },
          async update(params) {
            calls.push({ op: 'update', params });
            return { data: { id: params.check_run_id } };
          },
        },
      },
    };
    return { api, calls };
  }
  const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({
    level: 'warning',
    file: 'contracts/a.yaml',
    line: i + 1,
    column: 2,
    title: `t${i}`,
    message: `m${i}`,
  }));
  const input = {
    owner: 'o',
    repo: 'r',
    headSha: 'abc',
    conclusion: 'failure' as const,
    title: 'title',
    summary: 'summary',
    annotations,
  };

  it('creates the run with the first 50 annotations and adds the rest 50 at a time', async () => {
    const { api, calls } = checksApi();
    const result = await publishCheckRun(api, input);
    expect(result).toEqual({ id: 1, url: 'https://example/runs/1', created: true, batches: 3 });
    expect(calls.map((c) => c.op)).toEqual(['list', 'create', 'update', 'update']);
    const sizes = calls
      .slice(1)
      .map((c) => (c.params.output as { annotations: unknown[] }).annotations.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(calls[1]?.params).toMatchObject({
      external_id: 'contractguard-report',
      name: 'contractguard',
      head_sha: 'abc',
      status: 'completed',
      conclusion: 'failure',
    });
    expect((calls[1]?.params.output as { annotations: unknown[] }).annotations[0]).toEqual({
      path: 'contracts/a.yaml',
      start_line: 1,
      end_line: 1,
      start_column: 2,
      end_column: 2,
      annotation_level: 'warning',
      title: 't0',
      message: 'm0',
    });
    expect(calls[0]?.params).toMatchObject({ ref: 'abc', check_name: 'contractguard' });
  });

  it('updates the existing run for the SHA instead of creating another', async () => {
    const { api, calls } = checksApi([
      { id: 5, name: 'contractguard' }, // a workflow job of that name: GitHub Actions' run, not ours
      { id: 77, name: 'contractguard', external_id: 'contractguard-report' },
    ]);
    const result = await publishCheckRun(api, { ...input, annotations: [] });
    expect(result).toMatchObject({ id: 77, created: false, batches: 0 });
    expect(calls.map((c) => c.op)).toEqual(['list', 'update']);
    expect(calls[1]?.params).toMatchObject({
      check_run_id: 77,
      conclusion: 'failure',
      output: { title: 'title', summary: 'summary' },
    });
  });

  it('cuts a summary over GitHub’s limit', async () => {
    const { api, calls } = checksApi();
    await publishCheckRun(api, { ...input, annotations: [], summary: 'x'.repeat(70_000) });
    const summary = (calls[1]?.params.output as { summary: string }).summary;
    expect(summary.length).toBe(65_535);
    expect(summary.endsWith('…')).toBe(true);
  });
});
