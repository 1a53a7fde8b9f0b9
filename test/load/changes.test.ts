import { describe, expect, it } from 'vitest';

import {
  type ChangeProbe,
  changeScope,
  type Mention,
  refersTo,
  ScopedEntries,
  type ScopeDecision,
} from '../../src/load/changes.js';
import { GitSource, gitChangeProbe } from '../../src/load/git.js';
import { type ContractSource, SourceError } from '../../src/load/source.js';
import { commitAll, git, gitInit, tempDir, writeFiles } from './helpers.js';

/** A repository on `main` whose one commit holds `files`. */
function repositoryWith(files: Record<string, string>): string {
  const dir = tempDir();
  gitInit(dir);
  writeFiles(dir, files);
  commitAll(dir, 'base');
  return dir;
}

/** A tree in memory (repository paths → text). */
function memory(files: Record<string, string>): ContractSource {
  return {
    label: 'memory',
    list: async (root) =>
      Object.keys(files)
        .filter((file) => root === '' || file.startsWith(`${root}/`))
        .sort(),
    read: async (file) => {
      const text = files[file];
      if (text === undefined) throw new SourceError(file, 'missing', 'no such file');
      return Buffer.from(text);
    },
  };
}

const TREE: Record<string, string> = {
  'contracts/contractguard.yaml': 'failOn: breaking\n',
  'contracts/orders/endpoint.yaml': 'name: orders\n',
  'contracts/orders/v1/contract.yaml': 'input: { $ref: ./input.schema.json }\n',
  'contracts/orders/v1/input.schema.json': '{ "$ref": "../../shared/customer.json" }',
  'contracts/billing/endpoint.yaml': 'name: billing\n',
  'contracts/billing/v1/contract.yaml': 'input: { $ref: ./input.schema.json }\n',
  'contracts/billing/v1/input.schema.json': '{}',
  'contracts/shared/customer.json': '{}',
  'contracts/consumers/dash.yaml': 'uses:\n  - endpoint: billing\n    version: 1\n',
};

/** A probe that reports `changed` and answers mentions from `mentions`, as git grep would. */
function probe(changed: string[], mentions: Mention[]): ChangeProbe {
  return {
    changedPaths: async () => changed,
    mentions: async (names) =>
      mentions.filter((m) => m.token === undefined || names.some((name) => m.token?.endsWith(name))),
  };
}

function scope(decision: ScopeDecision) {
  if (decision.kind === 'full') return decision;
  return {
    endpoints: [...decision.scope.endpoints].sort(),
    consumers: [...decision.scope.consumers].sort(),
    files: [...decision.scope.files].sort(),
  };
}

describe('changeScope', () => {
  const source = memory(TREE);
  /** The scope of a change of `changed` files (with `mentions`) on TREE at both sides. */
  const decide = (changed: string[], mentions: Mention[] = []) =>
    changeScope(probe(changed, mentions), source, source, 'contracts');

  it('takes the endpoint of a file changed in its folder, and nothing else', async () => {
    const decision = await decide(
      ['contracts/billing/v1/input.schema.json'],
      [
        { file: 'contracts/billing/v1/contract.yaml', token: './input.schema.json' },
        { file: 'contracts/orders/v1/contract.yaml', token: './input.schema.json' },
      ],
    );
    expect(scope(decision)).toEqual({ endpoints: ['billing'], consumers: [], files: [] });
  });

  it('follows a $ref back from a changed shared schema to the versions that use it', async () => {
    const decision = await decide(
      ['contracts/shared/customer.json'],
      [{ file: 'contracts/orders/v1/input.schema.json', token: '../../shared/customer.json' }],
    );
    expect(scope(decision)).toEqual({
      endpoints: ['orders'],
      consumers: [],
      files: ['shared/customer.json'],
    });
  });

  it('counts a file whose reference is written with escapes as referring to anything', async () => {
    const decision = await decide(
      ['contracts/shared/customer.json'],
      [{ file: 'contracts/billing/v1/input.schema.json', token: undefined }],
    );
    expect(scope(decision)).toMatchObject({ endpoints: ['billing'] });
  });

  it('takes a changed consumer with the endpoints it uses', async () => {
    const decision = await decide(['contracts/consumers/dash.yaml']);
    expect(scope(decision)).toEqual({
      endpoints: ['billing'],
      consumers: ['consumers/dash.yaml'],
      files: [],
    });
  });

  it('loads everything when contractguard.yaml changed', async () => {
    const decision = await decide(['contracts/contractguard.yaml']);
    expect(decision).toEqual({ kind: 'full', reason: 'contractguard.yaml changed' });
  });

  it('loads everything when a Windmill file outside the root changed', async () => {
    const decision = await decide(['f/crm/sync.script.yaml']);
    expect(decision.kind).toBe('full');
  });

  it('searches `./name` tokens only around the changed folders when the probe can', async () => {
    const asked: { around: string[][]; whole: number } = { around: [], whole: 0 };
    const around: ChangeProbe = {
      ...probe(['contracts/billing/v1/input.schema.json'], []),
      mentions: async () => (asked.whole++, []),
      mentionsAround: async (_names, _root, dirs) => (asked.around.push([...dirs]), []),
    };
    await changeScope(around, source, source, 'contracts');
    expect(asked).toEqual({ around: [['billing/v1']], whole: 0 });
  });

  it('searches whole when a listed path has a character that ends a token', async () => {
    const odd = memory({ ...TREE, 'contracts/shared/odd name.json': '{}\n' });
    const asked: { around: number; whole: number } = { around: 0, whole: 0 };
    const around: ChangeProbe = {
      ...probe(['contracts/billing/v1/input.schema.json'], []),
      mentions: async () => (asked.whole++, []),
      mentionsAround: async () => (asked.around++, []),
    };
    await changeScope(around, odd, odd, 'contracts');
    expect(asked.whole).toBeGreaterThan(0);
  });

  it('ignores other changes outside the root', async () => {
    const decision = await decide(['src/app.ts']);
    expect(scope(decision)).toEqual({ endpoints: [], consumers: [], files: [] });
  });
});

describe('refersTo', () => {
  const listed = new Set(['a/v1/x.json', 'b/v1/x.json', 'shared/x.json']);

  it('resolves a token against the folder of the file that holds it', () => {
    expect(refersTo('a/v1/contract.yaml', './x.json', 'a/v1/x.json', 'contracts', listed)).toBe(true);
    expect(refersTo('a/v1/contract.yaml', './x.json#/$defs/A', 'b/v1/x.json', 'contracts', listed)).toBe(
      false,
    );
  });

  it('counts a token that names no file of either tree (it may be cut short)', () => {
    expect(refersTo('a/v1/contract.yaml', 'dir/x.json', 'shared/x.json', 'contracts', listed)).toBe(true);
  });

  it('does not count a URL', () => {
    expect(refersTo('a/v1/s.json', 'https://example.com/x.json', 'shared/x.json', 'contracts', listed)).toBe(
      false,
    );
  });
});

describe('gitChangeProbe', () => {
  it('finds changed paths with diff-tree and references, escaped ones included, with git grep', async () => {
    const dir = repositoryWith({
      'contracts/a/v1/input.schema.json': '{ "$ref": "../../shared/customer.json" }\n',
      'contracts/b/v1/input.schema.json': '{ "$ref": "../../shared/cust\\u006fmer.json" }\n',
      'contracts/c/v1/input.schema.json': '{ "type": "object" }\n',
      'contracts/shared/customer.json': '{}\n',
    });
    writeFiles(dir, { 'contracts/shared/customer.json': '{ "type": "object" }\n' });
    git(dir, 'commit', '-qam', 'head');
    const changes = gitChangeProbe(new GitSource(dir, 'main~1'), new GitSource(dir, 'main'));
    expect(await changes.changedPaths()).toEqual(['contracts/shared/customer.json']);
    const mentions = await changes.mentions(['customer.json'], 'contracts');
    expect(mentions).toEqual([
      { file: 'contracts/a/v1/input.schema.json', token: '../../shared/customer.json' },
      { file: 'contracts/b/v1/input.schema.json', token: undefined },
    ]);
  });
});

describe('gitChangeProbe and the head listing', () => {
  it("lists and reads head as its own tree while listing it from base's listing and the changes", async () => {
    const dir = repositoryWith({
      'contracts/a/v1/contract.yaml': 'a\n',
      'contracts/b/v1/contract.yaml': 'b\n',
      'contracts/c/v1/contract.yaml': 'c\n',
    });
    git(dir, 'rm', '-q', 'contracts/b/v1/contract.yaml');
    writeFiles(dir, { 'contracts/c/v1/contract.yaml': 'c2\n', 'contracts/d/v1/contract.yaml': 'd\n' });
    commitAll(dir, 'head');
    const head = new GitSource(dir, 'main');
    gitChangeProbe(new GitSource(dir, 'main~1'), head);
    const own = new GitSource(dir, 'main');
    expect(await head.list('contracts')).toEqual(await own.list('contracts'));
    const read = async (source: GitSource) => (await source.read('contracts/c/v1/contract.yaml')).toString();
    expect(await read(head)).toBe('c2\n');
  });
});

describe('gitChangeProbe.mentionsAround', () => {
  it('reports `./name` only under the given folders, and every other mention everywhere', async () => {
    const dir = repositoryWith({
      'contracts/a/v1/contract.yaml': 'output: { $ref: ./output.schema.json }\n',
      'contracts/b/v1/contract.yaml': 'output: { $ref: ./output.schema.json }\n',
      'contracts/b/v2/contract.yaml': 'output: { $ref: "../v1/output.schema.json" }\n',
      'contracts/c/v1/contract.yaml': 'output: { $ref: x./output.schema.json }\n',
      'contracts/d/v1/contract.yaml': 'output: { $ref: "out%70ut.schema.json" }\n',
    });
    const source = new GitSource(dir, 'main');
    const around = gitChangeProbe(source, source).mentionsAround;
    const mentions = await around?.(['output.schema.json'], 'contracts', ['a/v1']);
    expect(mentions?.sort((x, y) => (x.file < y.file ? -1 : 1))).toEqual([
      { file: 'contracts/a/v1/contract.yaml', token: './output.schema.json' },
      { file: 'contracts/b/v2/contract.yaml', token: '../v1/output.schema.json' },
      { file: 'contracts/c/v1/contract.yaml', token: 'x./output.schema.json' },
      { file: 'contracts/d/v1/contract.yaml', token: undefined },
    ]);
  });
});

describe('ScopedEntries', () => {
  it('stands in for a listed file not read yet and records it, until sealed', () => {
    const entries = new ScopedEntries<string>('placeholder');
    entries.set('read.json', 'text');
    entries.limitTo(new Set(['read.json', 'later.json']));
    expect([entries.get('read.json'), entries.get('later.json'), entries.get('absent.json')]).toEqual([
      'text',
      'placeholder',
      undefined,
    ]);
    expect([...entries.wanted]).toEqual(['later.json']);
    expect([...entries.keys()]).toEqual(['read.json', 'later.json']);
    entries.seal();
    expect(entries.has('later.json')).toBe(false);
  });
});
