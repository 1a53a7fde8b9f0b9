import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSchema } from '../../src/schema/resolve.js';
import { loadSchemaFile } from '../../src/schema/load.js';
import { FIXTURES, at, deepFreeze, tempDir } from './helpers.js';

const resolve = (doc: unknown) => resolveSchema(doc, { file: 'inline.json', root: '/nonexistent/contracts' });

describe('local JSON pointers', () => {
  it('replaces #/$defs/X with the definition, shared by reference', () => {
    const { root } = resolve({
      properties: { a: { $ref: '#/$defs/Id' }, b: { $ref: '#/$defs/Id' } },
      $defs: { Id: { type: 'string' } },
    });
    expect(at(root, 'properties', 'a')).toEqual({ type: 'string' });
    expect(at(root, 'properties', 'a')).toBe(at(root, 'properties', 'b'));
    expect(at(root, 'properties', 'a')).toBe(at(root, '$defs', 'Id'));
  });

  it('resolves #/definitions/X', () => {
    const { root } = resolve({ items: { $ref: '#/definitions/N' }, definitions: { N: { type: 'number' } } });
    expect(at(root, 'items')).toEqual({ type: 'number' });
  });

  it('unescapes ~0 and ~1 in pointer tokens', () => {
    const { root } = resolve({
      properties: { x: { $ref: '#/$defs/a~1b~0c' } },
      $defs: { 'a/b~c': { const: 1 } },
    });
    expect(at(root, 'properties', 'x')).toEqual({ const: 1 });
  });

  it('percent-decodes the fragment', () => {
    const { root } = resolve({
      properties: { x: { $ref: '#/$defs/My%20Type' } },
      $defs: { 'My Type': { type: 'boolean' } },
    });
    expect(at(root, 'properties', 'x')).toEqual({ type: 'boolean' });
  });

  it('resolves # to the document root', () => {
    const { root } = resolve({ type: 'object', properties: { self: { $ref: '#' } } });
    expect(at(root, 'properties', 'self')).toBe(root);
  });

  it('follows a pointer into an array (prefixItems/0)', () => {
    const { root } = resolve({
      prefixItems: [{ type: 'string' }],
      properties: { first: { $ref: '#/prefixItems/0' } },
    });
    expect(at(root, 'properties', 'first')).toBe(at(root, 'prefixItems', 0));
  });

  it('resolves a pointer to a place that is not a schema position (#/components/schemas/X)', () => {
    const { root } = resolve({
      $ref: '#/components/schemas/Pet',
      components: {
        schemas: {
          Pet: { type: 'object', properties: { tag: { $ref: '#/components/schemas/Tag' } } },
          Tag: { type: 'string' },
        },
      },
    });
    expect(root).toEqual({ type: 'object', properties: { tag: { type: 'string' } } });
  });

  it('follows a chain of refs to the real schema', () => {
    const { root } = resolve({
      properties: { a: { $ref: '#/$defs/A' } },
      $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/C' }, C: { minimum: 1 } },
    });
    expect(at(root, 'properties', 'a')).toBe(at(root, '$defs', 'C'));
  });

  it('resolves a ref to a boolean schema', () => {
    const { root } = resolve({ properties: { never: { $ref: '#/$defs/No' } }, $defs: { No: false } });
    expect(at(root, 'properties', 'never')).toBe(false);
  });
});

describe('anchors and $id', () => {
  it('resolves $anchor', () => {
    const { root } = resolve({
      properties: { a: { $ref: '#money' } },
      $defs: { M: { $anchor: 'money', type: 'number' } },
    });
    expect(at(root, 'properties', 'a')).toBe(at(root, '$defs', 'M'));
  });

  it('resolves a draft-07 style $id: "#x" anchor', () => {
    const { root } = resolve({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { a: { $ref: '#addr' } },
      definitions: { A: { $id: '#addr', type: 'object' } },
    });
    expect(at(root, 'properties', 'a')).toBe(at(root, 'definitions', 'A'));
  });

  it('resolves an absolute $ref that matches an embedded $id without fetching', () => {
    const { root } = resolve({
      $id: 'https://example.com/schemas/order',
      properties: { shipTo: { $ref: 'https://example.com/schemas/address#/properties/zip' } },
      $defs: {
        address: { $id: 'https://example.com/schemas/address', properties: { zip: { type: 'string' } } },
      },
    });
    expect(at(root, 'properties', 'shipTo')).toBe(at(root, '$defs', 'address', 'properties', 'zip'));
  });

  it('resolves a relative $ref against the enclosing $id', () => {
    const { root } = resolve({
      $id: 'https://example.com/schemas/order',
      properties: { shipTo: { $ref: 'address' } },
      $defs: { address: { $id: 'address', type: 'object' } },
    });
    expect(at(root, 'properties', 'shipTo')).toBe(at(root, '$defs', 'address'));
  });

  it('resolves a urn: $ref that matches an embedded $id', () => {
    const { root } = resolve({
      properties: { a: { $ref: 'urn:example:money' } },
      $defs: { m: { $id: 'urn:example:money', type: 'number' } },
    });
    expect(at(root, 'properties', 'a')).toBe(at(root, '$defs', 'm'));
  });

  it('evaluates a pointer fragment relative to the embedded resource it names', () => {
    const { root } = resolve({
      properties: { a: { $ref: 'https://example.com/inner#/$defs/X' } },
      $defs: {
        inner: { $id: 'https://example.com/inner', $defs: { X: { const: 'inner' } } },
        X: { const: 'outer' },
      },
    });
    expect(at(root, 'properties', 'a')).toEqual({ const: 'inner' });
  });
});

describe('recursion', () => {
  it('turns a tree node whose children.items is {"$ref":"#"} into a cycle', () => {
    const out = resolve({
      type: 'object',
      properties: { value: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
    }).root;
    expect(at(out, 'properties', 'children', 'items')).toBe(out);
  });

  it('turns a recursive #/$defs/Node into a cycle', () => {
    const { root } = resolve({
      $ref: '#/$defs/Node',
      $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } },
    });
    expect(at(root, 'properties', 'next')).toBe(root);
    expect(root).toMatchObject({ type: 'object' });
  });

  it('resolves $recursiveRef "#" to the document root', () => {
    const { root } = resolve({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $recursiveAnchor: true,
      type: 'object',
      additionalProperties: { $recursiveRef: '#' },
    });
    expect(at(root, 'additionalProperties')).toBe(root);
  });

  it('resolves $dynamicRef "#name" to the matching $dynamicAnchor', () => {
    const { root } = resolve({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $dynamicAnchor: 'node',
      type: 'object',
      properties: { children: { type: 'array', items: { $dynamicRef: '#node' } } },
    });
    expect(at(root, 'properties', 'children', 'items')).toBe(root);
  });

  it('resolves $dynamicRef to the outermost $dynamicAnchor of that name (the extending schema)', () => {
    const { root } = resolve({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/strict-tree',
      $dynamicAnchor: 'node',
      $ref: 'tree',
      unevaluatedProperties: false,
      $defs: {
        tree: {
          $id: 'tree',
          $dynamicAnchor: 'node',
          type: 'object',
          properties: { children: { type: 'array', items: { $dynamicRef: '#node' } } },
        },
      },
    });
    expect(at(root, '$defs', 'tree', 'properties', 'children', 'items')).toBe(root);
  });
});

describe('keywords next to $ref', () => {
  it('ignores siblings of $ref in draft-07', () => {
    const { root } = resolve({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { a: { $ref: '#/definitions/S', maxLength: 3 } },
      definitions: { S: { type: 'string' } },
    });
    expect(at(root, 'properties', 'a')).toBe(at(root, 'definitions', 'S'));
  });

  it('ignores siblings of $ref in draft-04', () => {
    const { root } = resolve({
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { a: { $ref: '#/definitions/S', description: 'x' } },
      definitions: { S: { type: 'string' } },
    });
    expect(at(root, 'properties', 'a')).toEqual({ type: 'string' });
  });

  it('makes $ref with siblings an allOf in 2020-12', () => {
    const { root } = resolve({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { a: { $ref: '#/$defs/S', maxLength: 3 } },
      $defs: { S: { type: 'string' } },
    });
    const a = at(root, 'properties', 'a');
    expect(a).toEqual({ allOf: [{ type: 'string' }, { maxLength: 3 }] });
    expect(at(a, 'allOf', 0)).toBe(at(root, '$defs', 'S'));
  });

  it('makes $ref with siblings an allOf when there is no $schema', () => {
    const { root } = resolve({
      properties: { a: { $ref: '#/$defs/S', minLength: 1 } },
      $defs: { S: { type: 'string' } },
    });
    expect(at(root, 'properties', 'a')).toEqual({ allOf: [{ type: 'string' }, { minLength: 1 }] });
  });

  it('does not wrap a root $ref whose only siblings are $schema, $id and $defs', () => {
    const { root } = resolve({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/order',
      $ref: '#/$defs/Order',
      $defs: { Order: { type: 'object' } },
    });
    expect(root).toEqual({ type: 'object' });
  });

  it('keeps $defs and definitions in the output', () => {
    const { root } = resolve({ type: 'object', $defs: { A: { type: 'string' } }, definitions: { B: true } });
    expect(root).toEqual({ type: 'object', $defs: { A: { type: 'string' } }, definitions: { B: true } });
  });
});

describe('data is data', () => {
  it('does not treat a property named $ref as a reference', () => {
    const { root } = resolve({ properties: { $ref: { type: 'string' } } });
    expect(root).toEqual({ properties: { $ref: { type: 'string' } } });
  });

  it('does not resolve $ref inside const, enum, default or examples', () => {
    const doc = {
      const: { $ref: '#/nowhere' },
      enum: [{ $ref: 'https://example.com' }],
      default: { $ref: '../../etc/passwd' },
      examples: [{ $ref: '#' }],
    };
    expect(resolve(doc).root).toEqual(doc);
  });

  it('keeps a property named __proto__ as an own key without touching prototypes', () => {
    const doc = JSON.parse('{"properties":{"__proto__":{"type":"string"}}}') as unknown;
    const props = at(resolve(doc).root, 'properties') as object;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.keys(props)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(props, '__proto__')?.value).toEqual({ type: 'string' });
  });

  it('keeps key order', () => {
    const { root } = resolve({ properties: { z: {}, a: {}, m: {} }, type: 'object', required: ['z'] });
    expect(Object.keys(root as object)).toEqual(['properties', 'type', 'required']);
    expect(Object.keys(at(root, 'properties') as object)).toEqual(['z', 'a', 'm']);
  });
});

describe('copying', () => {
  it('does not mutate the input', () => {
    const doc = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { a: { $ref: '#/$defs/A', description: 'sibling' }, tree: { items: { $ref: '#' } } },
      $defs: { A: { enum: [1, 2, { x: 1 }] } },
    };
    const before = structuredClone(doc);
    const out = resolve(deepFreeze(doc)).root;
    expect(doc).toEqual(before);
    expect(out).not.toBe(doc);
    expect(at(out, '$defs', 'A', 'enum')).not.toBe(doc.$defs.A.enum);
  });

  it('accepts programmatic input that shares a sub-object', () => {
    const str = { type: 'string' };
    const { root } = resolve({ properties: { a: str, b: str } });
    expect(at(root, 'properties', 'a')).toEqual({ type: 'string' });
    expect(at(root, 'properties', 'a')).not.toBe(str);
  });

  it('resolves a boolean root', () => {
    expect(resolve(true).root).toBe(true);
  });

  // Speed is measured by `npm run bench`, never by timed unit tests; these check the results at that size.
  it('resolves 2,000 properties nested 4 deep', () => {
    // 10 × 10 × 20 properties under the root: 2,000 leaf properties, four schema levels.
    const level = (fan: number[]): object => {
      const properties: Record<string, unknown> = {};
      for (let i = 0; i < (fan[0] as number); i++) {
        properties[`p${i}`] = fan.length === 1 ? { type: 'string', maxLength: 10 } : level(fan.slice(1));
      }
      return { type: 'object', properties, required: ['p0'] };
    };
    const doc = level([10, 10, 20]);
    expect(at(resolve(doc).root, 'properties', 'p9', 'properties', 'p9', 'properties', 'p19')).toEqual({
      type: 'string',
      maxLength: 10,
    });
  });

  it('resolves 30,000 objects (2,000 properties, each 4 deep)', () => {
    const nest = (depth: number): object =>
      depth === 0
        ? { type: 'object', properties: { v: { type: 'string' } } }
        : { type: 'object', properties: { child: nest(depth - 1) }, required: ['child'] };
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) properties[`p${i}`] = nest(4);
    const doc = { type: 'object', properties };
    expect(at(resolve(doc).root, 'properties', 'p1999', 'properties', 'child', 'required')).toEqual([
      'child',
    ]);
  });
});

describe('origins', () => {
  it('records file and pointer for nested objects', () => {
    const { root, origins, file } = resolveSchema(
      { properties: { a: { type: 'object', properties: { 'b/c': { enum: [{ x: 1 }] } } } } },
      { file: 'contracts/order.json', root: '/nonexistent/repo' },
    );
    expect(file).toBe('contracts/order.json');
    expect(origins.get(root as object)).toEqual({ file: 'contracts/order.json', pointer: '' });
    const bc = at(root, 'properties', 'a', 'properties', 'b/c') as object;
    expect(origins.get(bc)).toEqual({
      file: 'contracts/order.json',
      pointer: '/properties/a/properties/b~1c',
    });
    expect(origins.get(at(root, 'properties') as object)?.pointer).toBe('/properties');
    expect(origins.get(at(bc, 'enum', 0) as object)?.pointer).toBe('/properties/a/properties/b~1c/enum/0');
  });

  it('gives a resolved target the origin of its definition, not of the $ref', () => {
    const { root, origins } = resolve({
      properties: { a: { $ref: '#/$defs/A' } },
      $defs: { A: { type: 'string' } },
    });
    expect(origins.get(at(root, 'properties', 'a') as object)?.pointer).toBe('/$defs/A');
  });

  it('records an origin for every object in the graph, allOf wrappers included', () => {
    const { root, origins } = resolve({
      properties: { a: { $ref: '#/$defs/A', minLength: 1 }, b: { items: [{ enum: [[1]] }] } },
      $defs: { A: { type: 'string' } },
    });
    const seen = new Set<object>();
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const next = stack.pop();
      if (typeof next !== 'object' || next === null || seen.has(next)) continue;
      seen.add(next);
      expect(origins.has(next)).toBe(true);
      stack.push(...Object.values(next));
    }
    expect(seen.size).toBeGreaterThan(8);
    expect(origins.get(at(root, 'properties', 'a', 'allOf', 1) as object)?.pointer).toBe('/properties/a');
  });
});

describe('files', () => {
  it('resolves refs into other files inside the root (JSON and YAML, with pointers and anchors)', () => {
    const { root } = loadSchemaFile(path.join(FIXTURES, 'refs/order.json'), {
      root: path.join(FIXTURES, 'refs'),
    });
    expect(at(root, 'properties', 'shipTo', 'properties', 'street')).toEqual({ type: 'string' });
    expect(at(root, 'properties', 'shipTo')).toBe(at(root, 'properties', 'billTo'));
    expect(at(root, 'properties', 'shipTo', 'properties', 'country')).toEqual({
      type: 'string',
      minLength: 2,
      maxLength: 2,
    });
    expect(at(root, 'properties', 'total', 'properties', 'currency', 'pattern')).toBe('^[A-Z]{3}$');
    expect(at(root, 'properties', 'tags', 'items')).toEqual({ type: 'string' });
  });

  it('records origins of targets in their own file', () => {
    const { root, origins, file } = loadSchemaFile(path.join(FIXTURES, 'refs/order.json'), {
      root: path.join(FIXTURES, 'refs'),
    });
    expect(file).toBe('order.json');
    expect(origins.get(at(root, 'properties', 'total') as object)).toEqual({
      file: 'shared/common.yaml',
      pointer: '/$defs/Money',
    });
    expect(origins.get(at(root, 'properties', 'shipTo') as object)).toEqual({
      file: 'address.json',
      pointer: '',
    });
    expect(origins.get(at(root, 'properties', 'shipTo', 'properties', 'street') as object)).toEqual({
      file: 'address.json',
      pointer: '/properties/street',
    });
    expect(origins.get(at(root, 'properties', 'id') as object)).toEqual({
      file: 'order.json',
      pointer: '/properties/id',
    });
  });

  it('resolves file refs relative to the referring file, in a temp dir', () => {
    const dir = tempDir({
      'a/main.json': { properties: { b: { $ref: '../b/b.json#/$defs/B' } } },
      'b/b.json': { $defs: { B: { $ref: 'c.json' } } },
      'b/c.json': { type: 'integer' },
    });
    const { root, origins } = loadSchemaFile(path.join(dir, 'a/main.json'), { root: dir });
    expect(at(root, 'properties', 'b')).toEqual({ type: 'integer' });
    expect(origins.get(at(root, 'properties', 'b') as object)).toEqual({ file: 'b/c.json', pointer: '' });
  });

  it('shares one copy of a file referenced from several places, and resolves cycles across files', () => {
    const dir = tempDir({
      'main.json': { properties: { x: { $ref: 'node.json' }, y: { $ref: './node.json#' } } },
      'node.json': { type: 'object', properties: { next: { $ref: 'main.json#/properties/x' } } },
    });
    const { root } = loadSchemaFile(path.join(dir, 'main.json'), { root: dir });
    const node = at(root, 'properties', 'x');
    expect(at(root, 'properties', 'y')).toBe(node);
    expect(at(node, 'properties', 'next')).toBe(node);
  });

  it('resolves an absolute $ref to an $id declared in another loaded file', () => {
    const dir = tempDir({
      'main.json': {
        properties: {
          money: { $ref: 'https://example.com/common#/$defs/Money' },
          other: { $ref: './common.json' },
        },
      },
      'common.json': { $id: 'https://example.com/common', $defs: { Money: { type: 'number' } } },
    });
    const { root } = loadSchemaFile(path.join(dir, 'main.json'), { root: dir });
    expect(at(root, 'properties', 'money')).toEqual({ type: 'number' });
  });

  it('resolves a relative $ref under an http $id to the vendored file next to the referrer', () => {
    const dir = tempDir({
      'order.json': { $id: 'https://example.com/order.json', properties: { a: { $ref: 'address.json' } } },
      'address.json': { $id: 'https://example.com/address.json', type: 'object' },
    });
    const { root } = loadSchemaFile(path.join(dir, 'order.json'), { root: dir });
    expect(at(root, 'properties', 'a')).toEqual({ $id: 'https://example.com/address.json', type: 'object' });
  });

  it('loads other documents through readDocument when given', () => {
    const read: string[] = [];
    const { root, origins } = resolveSchema(
      { properties: { a: { $ref: 'lib/a.json#/$defs/A' } } },
      {
        file: '<new>',
        root: '/virtual/repo',
        readDocument: (abs) => {
          read.push(abs);
          return { $defs: { A: { type: 'string' } } };
        },
      },
    );
    expect(read).toEqual(['/virtual/repo/lib/a.json']);
    expect(at(root, 'properties', 'a')).toEqual({ type: 'string' });
    expect(origins.get(at(root, 'properties', 'a') as object)).toEqual({
      file: 'lib/a.json',
      pointer: '/$defs/A',
    });
  });

  it('resolves a file ref through a symbolic link that stays inside the root', () => {
    const dir = tempDir({ 'real/defs.json': { type: 'string' }, 'main.json': { $ref: 'link/defs.json' } });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    const { root, origins } = loadSchemaFile(path.join(dir, 'main.json'), { root: dir });
    expect(root).toEqual({ type: 'string' });
    expect(origins.get(root as object)?.file).toBe('real/defs.json');
  });
});
