import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import {
  compareShadowLines,
  differingPaths,
  IgnoreList,
  type IgnoreMatch,
  parsePointer,
  ShadowComparison,
  ShadowInputError,
} from '../../src/canary/shadow.js';

describe('differingPaths', () => {
  it('finds nothing in equal values, whatever the key order', () => {
    expect(differingPaths({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual([]);
  });

  it('names changed, added and removed values by JSON pointer', () => {
    expect(differingPaths({ a: 1, b: 'x', gone: true }, { a: 2, b: 'x', added: 0 }).sort()).toEqual([
      '/a',
      '/added',
      '/gone',
    ]);
    expect(differingPaths({ a: { b: 1 } }, { a: [1] })).toEqual(['/a']);
    expect(differingPaths(1, '1')).toEqual(['']);
    expect(differingPaths({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 })).toEqual(['/a~1b', '/c~0d']);
  });

  it('generalises array indexes, once per pair', () => {
    const current = { items: [{ price: 1 }, { price: 2 }, { price: 3 }] };
    const next = { items: [{ price: 9 }, { price: 2 }, { price: 8 }, { price: 4 }] };
    expect(differingPaths(current, next).sort()).toEqual(['/items/*', '/items/*/price']);
  });

  it('skips ignored pointers and their subtrees, * matching any index', () => {
    const current = { meta: { id: 'a', at: 1 }, items: [{ etag: 'x', n: 1 }], n: 1 };
    const next = { meta: { id: 'b', at: 2 }, items: [{ etag: 'y', n: 1 }], n: 2 };
    expect(differingPaths(current, next, new IgnoreList(['/meta', '/items/*/etag']))).toEqual(['/n']);
    expect(differingPaths(current, next, new IgnoreList(['/items/0/etag'])).sort()).toEqual([
      '/meta/at',
      '/meta/id',
      '/n',
    ]);
  });

  it('parses pointers', () => {
    expect(parsePointer('/a~1b/c~0d/*')).toEqual(['a/b', 'c~d', '*']);
    expect(() => parsePointer('a/b')).toThrow(/must start with \//);
  });
});

describe('ShadowComparison', () => {
  it('counts mismatching pairs and ranks pointers by frequency, ties by pointer', () => {
    const c = new ShadowComparison();
    c.add({ a: 1 }, { a: 1 });
    c.add({ a: 1, b: 1 }, { a: 2, b: 2 });
    c.add({ a: 1 }, { a: 3 });
    c.add({ c: 1 }, { c: 2 });
    expect(c.summary()).toEqual({
      compared: 4,
      mismatches: 3,
      mismatchRate: 0.75,
      topPaths: [
        { path: '/a', count: 2 },
        { path: '/b', count: 1 },
        { path: '/c', count: 1 },
      ],
    });
    expect(c.summary(1).topPaths).toEqual([{ path: '/a', count: 2 }]);
    expect(new ShadowComparison().summary()).toEqual({
      compared: 0,
      mismatches: 0,
      mismatchRate: null,
      topPaths: [],
    });
  });
});

describe('compareShadowLines', () => {
  const lines = (...l: string[]) => Readable.from(l);

  it('reads one pair per line and skips blank lines', async () => {
    const summary = await compareShadowLines(
      lines('{"request":{"id":1},"current":{"a":1},"next":{"a":1}}', '', '{"current":null,"next":{"a":1}}'),
    );
    expect(summary).toMatchObject({ compared: 2, mismatches: 1, topPaths: [{ path: '', count: 1 }] });
  });

  it('names the line of a malformed pair', async () => {
    await expect(compareShadowLines(lines('{"current":1,"next":1}', '{oops'))).rejects.toThrow(
      /^line 2: not valid JSON/,
    );
    await expect(compareShadowLines(lines('{"current":1}'))).rejects.toThrow(
      'line 1: has no "next" (each line is { request?, current, next })',
    );
    await expect(compareShadowLines(lines('[1,2]'))).rejects.toBeInstanceOf(ShadowInputError);
  });

  it('compares a pair nested 200,000 deep (no recursion, so no stack to run out of)', async () => {
    const deep = 200_000;
    const nested = `{"current":${'['.repeat(deep)}${']'.repeat(deep)},"next":${'['.repeat(deep)}1${']'.repeat(deep)}}`;
    const summary = await compareShadowLines(lines('{"current":1,"next":1}', nested));
    expect(summary).toMatchObject({ compared: 2, mismatches: 1 });
    expect(summary.topPaths).toEqual([{ path: '/*'.repeat(deep), count: 1 }]);
  });

  it('compares 200 pairs nested 3,000 deep, with ignore patterns, and finds the one real difference', async () => {
    const depth = 3_000;
    // {"a":{"a":…{"a":{"v":1,"at":<line>}}…}}: `at` differs on every line and is ignored.
    const nest = (leaf: string): string => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
    // Lines are built as text: JSON.stringify recurses, and is slow (and soon out of stack) this deep.
    const pairs = Array.from(
      { length: 200 },
      (_, i) =>
        `{"current":${nest(`{"v":1,"at":${i}}`)},"next":${nest(`{"v":${i === 7 ? 2 : 1},"at":${i + 1}}`)}}`,
    );
    const summary = await compareShadowLines(Readable.from(pairs), {
      // One pattern that stops matching early, one that matches through every level with `*`.
      ignore: ['/a/*/b', `${'/*'.repeat(depth)}/at`],
    });
    expect(summary).toEqual({
      compared: 200,
      mismatches: 1,
      mismatchRate: 0.005,
      topPaths: [{ path: `${'/a'.repeat(depth)}/v`, count: 1 }],
    });
  });
});

describe('IgnoreList.step', () => {
  it('matches a pattern token by token, * standing for any index or key, concrete or generalised', () => {
    const ignore = new IgnoreList(['/items/*/etag', '/meta', '/rows/0']);
    const root = ignore.root();
    expect(root).toBeDefined();
    const items = ignore.step(root as IgnoreMatch, 0, 'items', 'items');
    const item = ignore.step(items as IgnoreMatch, 1, '3', '*');
    expect(ignore.step(item as IgnoreMatch, 2, 'etag', 'etag')).toBeUndefined();
    expect(ignore.step(item as IgnoreMatch, 2, 'price', 'price')).toEqual({ concrete: [], general: [] });
    expect(ignore.step(root as IgnoreMatch, 0, 'meta', 'meta')).toBeUndefined();
    const rows = ignore.step(root as IgnoreMatch, 0, 'rows', 'rows') as IgnoreMatch;
    expect(ignore.step(rows, 1, '0', '*')).toBeUndefined();
    expect(ignore.step(rows, 1, '1', '*')).toEqual({ concrete: [], general: [] });
    expect(new IgnoreList(['']).root()).toBeUndefined();
  });
});
