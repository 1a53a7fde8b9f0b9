import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { GitSource, gitChangeProbe } from '../../src/load/git.js';
import { Listing, listingOf } from '../../src/load/listing.js';
import { loadContractSet } from '../../src/load/load.js';
import { RootProbe } from '../../src/load/root.js';
import { FsSource } from '../../src/load/source.js';
import { commitAll, gitInit, tempDir, writeFiles } from './helpers.js';

/** What a listing answers: its names, and which names it has and holds under each folder. */
function answers(listing: Listing, asked: readonly string[]) {
  return {
    names: [...listing.names()],
    has: asked.filter((rel) => listing.has(rel)),
    under: asked.map((rel) => listing.under(rel)),
    some: asked.map((rel) => listing.some((name) => name.startsWith(rel))),
  };
}

const name = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'b/c', 'a/v1', 'a/v1/x.json', 'a/v1/y', 'é', 'z/z/z');

describe('Listing', () => {
  it('holds the names under its root, relative to it, sorted and once each', () => {
    const listing = Listing.of('contracts', ['contracts/b/x', 'other/y', 'contracts/a', 'contracts/b/x']);
    expect(listing.names()).toEqual(['a', 'b/x']);
    expect([listing.has('a'), listing.has('b'), listing.has('y')]).toEqual([true, false, false]);
    expect(listing.under('b')).toEqual(['b/x']);
  });

  it('answers, derived from another with names changed, as the listing of the resulting names', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name),
        fc.uniqueArray(name),
        fc.uniqueArray(name),
        (files, changed, present) => {
          const from = Listing.of('', files);
          const derived = Listing.derive(from, changed, present);
          const result = [
            ...files.filter((file) => !changed.includes(file)),
            ...present.filter((file) => changed.includes(file)),
          ];
          const asked = [...files, ...changed, ...present, 'a', 'b', 'z'];
          expect(answers(derived, asked)).toEqual(answers(Listing.of('', result), asked));
        },
      ),
    );
  });

  it('computes what it is asked to remember once', () => {
    const listing = Listing.of('', ['a']);
    let calls = 0;
    const count = () => ++calls;
    expect([listing.remember('count', count), listing.remember('count', count)]).toEqual([1, 1]);
  });
});

/** A repository whose two commits differ by `changes` under `contracts/`. */
function twoCommits(base: Record<string, string>, changes: Record<string, string | null>) {
  const dir = tempDir();
  gitInit(dir);
  writeFiles(dir, base);
  const from = commitAll(dir, 'base');
  writeFiles(dir, changes);
  return { dir, from, to: commitAll(dir, 'head') };
}

const ENDPOINT = 'owner: "@acme/a"\n';
const CONTRACT = [
  'version: 1.0.0',
  'description: d',
  'request: ./input.schema.json',
  'response: ./output.schema.json',
  '',
].join('\n');
const SCHEMA = '{"type": "object"}';

describe('GitSource.sharedListing', () => {
  it('is one listing per root, and the same through a RootProbe', async () => {
    const { dir, from } = twoCommits({ 'contracts/a/endpoint.yaml': ENDPOINT }, {});
    const source = new GitSource(dir, from);
    const listing = await listingOf(source, 'contracts');
    expect(await listingOf(new RootProbe(source), 'contracts')).toBe(listing);
    expect(listing.names()).toEqual(['a/endpoint.yaml']);
  });

  it('lists a head as its base with the changes applied, with the names of its own listing', async () => {
    const { dir, from, to } = twoCommits(
      { 'contracts/a/endpoint.yaml': ENDPOINT, 'contracts/a/v1/contract.yaml': CONTRACT, 'contracts/x': '' },
      {
        'contracts/a/v1/contract.yaml': null,
        'contracts/b/endpoint.yaml': ENDPOINT,
        'contracts/x': 'changed',
      },
    );
    const base = new GitSource(dir, from);
    const head = new GitSource(dir, to);
    gitChangeProbe(base, head);
    const derived = await head.sharedListing('contracts');
    expect(derived.from).toBe(await base.sharedListing('contracts'));
    expect(derived.names()).toEqual((await new GitSource(dir, to).sharedListing('contracts')).names());
  });

  it('reads a listed file from its listing record, and refuses a listed symbolic link', async () => {
    const dir = tempDir();
    gitInit(dir);
    writeFiles(dir, { 'contracts/real.json': '{"a": 1}' });
    fs.symlinkSync('real.json', path.join(dir, 'contracts/link.json'));
    const source = new GitSource(dir, commitAll(dir, 'link'));
    await source.list('contracts');
    expect((await source.read('contracts/real.json')).toString('utf8')).toBe('{"a": 1}');
    await expect(source.read('contracts/link.json')).rejects.toMatchObject({ kind: 'symlink' });
  });

  it("reads every listed file when git's order is not JavaScript's (names beyond U+FFFF)", async () => {
    const dir = tempDir();
    gitInit(dir);
    // UTF-8 puts U+FFFD before U+1F600; UTF-16 (JavaScript's `<`) after.
    const names = ['a', '\u{1F600}', '\u{1F600}b', '\uFFFD', '\uFFFDb', 'z'];
    writeFiles(dir, Object.fromEntries(names.map((name) => [`contracts/${name}.json`, name])));
    const source = new GitSource(dir, commitAll(dir, 'names'));
    const listed = await source.list('contracts');
    expect(listed).toEqual(names.map((name) => `contracts/${name}.json`).sort());
    expect(await Promise.all(listed.map(async (file) => (await source.read(file)).toString('utf8')))).toEqual(
      listed.map((file) => file.slice('contracts/'.length, -'.json'.length)),
    );
  });
});

describe('a scoped load of a head listed as its base', () => {
  it('lays the tree out as a load of the head listed on its own', async () => {
    const version = (dir: string) => ({
      [`contracts/${dir}/endpoint.yaml`]: ENDPOINT,
      [`contracts/${dir}/v1/contract.yaml`]: CONTRACT,
      [`contracts/${dir}/v1/input.schema.json`]: SCHEMA,
      [`contracts/${dir}/v1/output.schema.json`]: SCHEMA,
    });
    const { dir, from, to } = twoCommits(
      { ...version('a'), ...version('b'), ...version('c'), 'contracts/consumers/job.yaml': 'name: job\n' },
      {
        // A misplaced file, a renamed one, a new top file, a new consumer, a new endpoint, one removed.
        'contracts/a/contract.yaml': CONTRACT,
        'contracts/a/v1/contract.yaml': null,
        'contracts/a/v1/contract.yml': CONTRACT,
        'contracts/notes.txt': 'n',
        'contracts/consumers/other.yml': 'name: other\n',
        ...version('d'),
        'contracts/c/endpoint.yaml': null,
        'contracts/c/v1/contract.yaml': null,
        'contracts/c/v1/input.schema.json': null,
        'contracts/c/v1/output.schema.json': null,
      },
    );
    const only = {
      endpoints: new Set(['a', 'b', 'c', 'd']),
      consumers: new Set<string>(),
      files: new Set<string>(),
    };
    const base = new GitSource(dir, from);
    const head = new GitSource(dir, to);
    gitChangeProbe(base, head);
    const [derived, own, fromDisk] = await Promise.all([
      loadContractSet(head, { root: 'contracts', only }),
      loadContractSet(new GitSource(dir, to), { root: 'contracts', only }),
      loadContractSet(new FsSource(dir), { root: 'contracts', only }),
    ]);
    expect((await head.sharedListing('contracts')).from).toBeDefined();
    const seen = (set: typeof own) => ({
      endpoints: [...set.endpoints.keys()],
      versions: [...set.endpoints.values()].map((endpoint) => [...endpoint.versions.keys()]),
      consumers: set.consumers.map((consumer) => consumer.file),
      problems: set.problems,
    });
    expect(seen(derived)).toEqual(seen(own));
    expect(seen(derived)).toEqual(seen(fromDisk));
    expect(derived.problems.map((problem) => problem.file)).toEqual(
      expect.arrayContaining([
        'contracts/a/contract.yaml',
        'contracts/a/v1/contract.yml',
        'contracts/consumers/other.yml',
      ]),
    );
  });
});
