/**
 * The bot's change probe over the GitHub API (src/github/api-changes.ts) answers what `git` answers: the
 * changed paths of `git diff-tree` from the two tree listings, the mentions of `git grep` from blobs read
 * once and kept by SHA; and the PR check with it judges as a full load does.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyTreeEdits, generateTree, type TreeFiles } from '../../bench/generate.js';
import { apiChangeProbe, MentionCache } from '../../src/github/api-changes.js';
import { GitHubApiSource, type GitDataApi } from '../../src/github/api-source.js';
import type { Mention } from '../../src/load/changes.js';
import { GitSource, gitChangeProbe } from '../../src/load/git.js';
import { gitBlobSha } from '../bot/fake-github.js';
import { checkTrees, edit, judged, SPEC } from '../load/change-sets.js';
import { commitAll, gitInit, tempDir, writeFiles } from '../load/helpers.js';

/** A git data API answering from the object database of a real repository; requests counted. */
function repositoryApi(repo: string) {
  const calls = { trees: 0, blobs: 0 };
  const api: GitDataApi = {
    rest: {
      git: {
        async getTree({ tree_sha }) {
          calls.trees++;
          const out = execFileSync('git', ['ls-tree', '-r', '-t', '-l', '-z', tree_sha], { cwd: repo });
          const tree = out
            .toString('utf8')
            .split('\0')
            .filter((record) => record !== '')
            .map((record) => {
              const [meta, path] = record.split('\t') as [string, string];
              const [mode, type, sha, size] = meta.split(/\s+/) as [string, string, string, string];
              return { path, mode, type, sha, ...(size === '-' ? {} : { size: Number(size) }) };
            });
          return { data: { truncated: false, tree } };
        },
        async getBlob({ file_sha }) {
          calls.blobs++;
          const content = execFileSync('git', ['cat-file', 'blob', file_sha], { cwd: repo });
          return { data: { content: content.toString('base64'), encoding: 'base64', size: content.length } };
        },
      },
    },
  };
  return { api, calls };
}

const sources = (api: GitDataApi, base: string, head: string, root = 'contracts') => [
  new GitHubApiSource(api, { owner: 'o', repo: 'r', sha: base, root }),
  new GitHubApiSource(api, { owner: 'o', repo: 'r', sha: head, root }),
];

const shown = (mentions: Mention[]) =>
  [...new Set(mentions.map((m) => `${m.file} ${m.token ?? '*'}`))].sort();

/** Files a search by name has to get right: escapes, percent-encoding, binaries, links, bare names. */
const TRICKY: Record<string, string | Buffer> = {
  'contracts/a/v1/contract.yaml': 'input: { $ref: ./input.schema.json }\noutput: { $ref: "./out.json#/x" }\n',
  'contracts/a/v1/input.schema.json':
    '{ "properties": { "c": { "$ref": "../../shared/customer.schema.json" } } }\n',
  'contracts/a/v1/out.json': '{ "type": "object" }\n',
  'contracts/b/v1/contract.yaml': 'input: { "$ref": "cust\\u006fmer.schema.json" }\n',
  'contracts/b/v1/notes.md': 'see shared/customer%2Eschema.json and C:\\shared\\customer.schema.json\n',
  'contracts/b/v1/plain.yaml': 'file: README\nalso: docs/README, customer.schema.json.bak\n',
  'contracts/c/data.bin': Buffer.concat([Buffer.from('customer.schema.json'), Buffer.from([0, 1, 2])]),
  'contracts/shared/customer.schema.json': '{ "type": "object" }\n',
  'contracts/shared/README': 'The shared schemas.\n',
  'outside/x.yaml': 'ref: ../contracts/shared/customer.schema.json\n',
};

describe('apiChangeProbe', () => {
  it('gives the changed paths git diff-tree gives, from the two listings alone', async () => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, TRICKY);
    const base = commitAll(repo, 'base');
    writeFiles(repo, {
      'contracts/a/v1/out.json': '{ "type": "string" }\n',
      'contracts/b/v1/notes.md': null,
      'contracts/d/endpoint.yaml': 'name: d\n',
      'flows/sync.flow/flow.yaml': 'summary: x\n',
    });
    execFileSync('chmod', ['+x', join(repo, 'contracts/shared/README')]);
    symlinkSync('customer.schema.json', join(repo, 'contracts/shared/link.json'));
    const head = commitAll(repo, 'head');
    const { api, calls } = repositoryApi(repo);
    const [b, h] = sources(api, base, head) as [GitHubApiSource, GitHubApiSource];

    const expected = await gitChangeProbe(
      new GitSource(repo, base),
      new GitSource(repo, head),
    ).changedPaths();
    const changed = await apiChangeProbe(b, h, { cache: new MentionCache() }).changedPaths();
    expect(changed).toEqual([...expected].sort());
    expect(changed).toEqual(
      expect.arrayContaining([
        'contracts/shared/README',
        'contracts/shared/link.json',
        'flows/sync.flow/flow.yaml',
      ]),
    );
    expect(calls).toEqual({ trees: 2, blobs: 0 });
  });

  it.each([
    ['a name with an extension', ['customer.schema.json']],
    ['several names at once', ['out.json', 'input.schema.json', 'contract.yaml']],
    ['a name without an extension', ['README']],
    ['a name nothing mentions', ['nowhere.json']],
  ])('finds the mentions git grep finds: %s', async (_what, names) => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, TRICKY);
    symlinkSync('customer.schema.json', join(repo, 'contracts/shared/link.json'));
    const sha = commitAll(repo, 'base');
    const { api } = repositoryApi(repo);
    const [b, h] = sources(api, sha, sha) as [GitHubApiSource, GitHubApiSource];

    const expected = await gitChangeProbe(new GitSource(repo, sha), new GitSource(repo, sha)).mentions(
      names,
      'contracts',
    );
    const found = await apiChangeProbe(b, h, { cache: new MentionCache() }).mentions(names, 'contracts');
    expect(shown(found)).toEqual(shown(expected));
  });

  it('answers later searches on the same base from one index of its tokens, as git grep does', async () => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, TRICKY);
    const sha = commitAll(repo, 'base');
    const { api, calls } = repositoryApi(repo);
    const [b, h] = sources(api, sha, sha) as [GitHubApiSource, GitHubApiSource];
    const git = gitChangeProbe(new GitSource(repo, sha), new GitSource(repo, sha));
    const cache = new MentionCache();
    const probe = apiChangeProbe(b, h, { cache });

    for (const names of [['customer.schema.json'], ['out.json', 'input.schema.json'], ['nowhere.json']]) {
      const expected = await git.mentions(names, 'contracts');
      expect(shown(await probe.mentions(names, 'contracts'))).toEqual(shown(expected));
    }
    expect(cache.indexes.size).toBe(1);
    expect(calls.blobs).toBe(8);
  });

  it('the escapes git grep counts as a reference to anything count here too', async () => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, TRICKY);
    const sha = commitAll(repo, 'base');
    const [b, h] = sources(repositoryApi(repo).api, sha, sha) as [GitHubApiSource, GitHubApiSource];
    const found = await apiChangeProbe(b, h, { cache: new MentionCache() }).mentions(['x.json'], 'contracts');
    expect(shown(found)).toEqual(['contracts/b/v1/contract.yaml *']);
  });

  it('a later check on the same base reads no blob to find references: the tokens are kept by blob SHA', async () => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, TRICKY);
    const sha = commitAll(repo, 'base');
    const cache = new MentionCache();
    const info: string[] = [];
    const log = { info: (msg: string) => info.push(msg), warn: (msg: string) => info.push(msg) };
    const names = ['customer.schema.json', 'out.json'];

    const first = repositoryApi(repo);
    const [b1, h1] = sources(first.api, sha, sha) as [GitHubApiSource, GitHubApiSource];
    const cold = await apiChangeProbe(b1, h1, { cache, log }).mentions(names, 'contracts');
    // Every regular file under the root once by blob: out.json and customer.schema.json are the same blob.
    expect(first.calls.blobs).toBe(8);
    expect(info).toEqual(['read 8 of 9 base files to find references']);

    const second = repositoryApi(repo);
    const [b2, h2] = sources(second.api, sha, sha) as [GitHubApiSource, GitHubApiSource];
    const warm = await apiChangeProbe(b2, h2, { cache, log }).mentions(names, 'contracts');
    expect(second.calls).toEqual({ trees: 1, blobs: 0 });
    expect(shown(warm)).toEqual(shown(cold));
    expect(cache.size).toBe(8);
  });

  it('a base file larger than maxBytes is not read, and counts as referring to anything', async () => {
    const repo = tempDir();
    gitInit(repo);
    writeFiles(repo, { 'contracts/a.json': '{}\n', 'contracts/big.json': `"${'x'.repeat(200)}"\n` });
    const sha = commitAll(repo, 'base');
    const { api, calls } = repositoryApi(repo);
    const [b, h] = sources(api, sha, sha) as [GitHubApiSource, GitHubApiSource];
    const found = await apiChangeProbe(b, h, { cache: new MentionCache(), maxBytes: 100 }).mentions(
      ['a.json'],
      'contracts',
    );
    expect(shown(found)).toEqual(['contracts/big.json *']);
    expect(calls.blobs).toBe(1);
  });

  it('a truncated listing: the probe gives up, saying so, and the check loads both trees whole', async () => {
    const { api } = repositoryApi(tempDir());
    const truncated: GitDataApi = {
      rest: {
        git: {
          getTree: async () => ({ data: { truncated: true, tree: [] } }),
          getBlob: api.rest.git.getBlob,
        },
      },
    };
    const [b, h] = sources(truncated, 'a'.repeat(40), 'b'.repeat(40)) as [GitHubApiSource, GitHubApiSource];
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (msg: string) => warnings.push(msg) };
    await expect(apiChangeProbe(b, h, { log }).changedPaths()).rejects.toThrow(/truncated/);
    expect(warnings).toEqual([
      'change-driven check not possible (a tree listing was truncated): loading both trees whole',
    ]);
  });
});

describe('MentionCache', () => {
  const tokens = (text: string) => Promise.resolve({ escaped: false, tokens: text });

  it('drops entries once their tokens add up to more than maxChars', async () => {
    const cache = new MentionCache(100, 200);
    cache.set('a', tokens('x'.repeat(100)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.totalWeight).toBe(164);
    cache.set('b', tokens('y'.repeat(100)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.totalWeight).toBe(164);
  });

  it('forgets a read that failed', async () => {
    const cache = new MentionCache();
    cache.set('a', Promise.reject(new Error('502')));
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.get('a')).toBeUndefined();
  });
});

// ---- equivalence with a full load -------------------------------------------------------------------------

/** A git data API over generated trees (commit SHA → files under `contracts/`). */
function treesApi(commits: Map<string, TreeFiles>) {
  const blobs = new Map<string, Buffer>();
  const listings = new Map<
    string,
    { path: string; mode: string; type: string; sha: string; size: number }[]
  >();
  for (const [sha, files] of commits) {
    const tree = [...files].map(([file, text]) => {
      const content = Buffer.from(text);
      const blob = gitBlobSha(content);
      blobs.set(blob, content);
      return { path: `contracts/${file}`, mode: '100644', type: 'blob', sha: blob, size: content.length };
    });
    listings.set(sha, tree);
  }
  const api: GitDataApi = {
    rest: {
      git: {
        getTree: async ({ tree_sha }) => ({ data: { truncated: false, tree: listings.get(tree_sha) ?? [] } }),
        getBlob: async ({ file_sha }) => {
          const content = blobs.get(file_sha);
          if (content === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
          return { data: { content: content.toString('base64'), encoding: 'base64' } };
        },
      },
    },
  };
  return api;
}

describe('the PR check with the API probe', () => {
  it('judges random change sets exactly as a full load does', async () => {
    const baseFiles = generateTree(SPEC);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const api = treesApi(
          new Map([
            ['base', baseFiles],
            ['head', applyTreeEdits(SPEC, baseFiles, edits)],
          ]),
        );
        const warnings: string[] = [];
        const log = { info: () => undefined, warn: (msg: string) => warnings.push(msg) };
        const check = async (changeDriven: boolean) => {
          const [base, head] = sources(api, 'base', 'head') as [GitHubApiSource, GitHubApiSource];
          const changes = apiChangeProbe(base, head, { cache: new MentionCache(), log });
          return checkTrees(base, head, { base: 'base', head: 'head' }, changeDriven ? changes : undefined);
        };
        expect(judged(await check(true))).toEqual(judged(await check(false)));
        expect(warnings).toEqual([]); // the probe answered: the check was change-driven
      }),
      { numRuns: Number(process.env.CHANGES_RUNS ?? 12) },
    );
  }, 120_000);
});
