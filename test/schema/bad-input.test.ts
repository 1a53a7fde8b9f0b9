import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchemaFile } from '../../src/schema/load.js';
import { parseSchemaText } from '../../src/schema/read.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError } from '../../src/schema/types.js';
import { schemaError, tempDir } from './helpers.js';

const resolve = (doc: unknown) => resolveSchema(doc, { file: 'order.json', root: '/nonexistent/contracts' });

describe('remote and escaping $refs', () => {
  it('refuses an https: $ref without fetching it', () => {
    const error = schemaError(() =>
      resolve({ properties: { a: { $ref: 'https://example.com/address.json' } } }),
    );
    expect(error.file).toBe('order.json');
    expect(error.pointer).toBe('/properties/a/$ref');
    expect(error.problem).toBe(
      "refusing to fetch remote $ref 'https://example.com/address.json'; contractguard never fetches, vendor the schema into the contract root",
    );
  });

  it('refuses http:, file: and protocol-relative $refs', () => {
    for (const ref of ['http://example.com/a.json#/x', 'file:///etc/passwd', '//evil.example/a.json']) {
      expect(schemaError(() => resolve({ $ref: ref })).problem).toMatch(/^refusing to fetch remote \$ref/);
    }
  });

  it('refuses a urn: $ref that matches no embedded $id', () => {
    const error = schemaError(() =>
      resolve({ $ref: 'urn:example:missing', $defs: { a: { $id: 'urn:example:other' } } }),
    );
    expect(error.problem).toMatch(/^refusing to fetch remote \$ref 'urn:example:missing'/);
  });

  it('refuses a remote $dynamicRef', () => {
    const error = schemaError(() => resolve({ items: { $dynamicRef: 'https://example.com/x#node' } }));
    expect(error.problem).toMatch(/^refusing to fetch remote \$dynamicRef/);
    expect(error.pointer).toBe('/items/$dynamicRef');
  });

  it("refuses '../../etc/passwd' as leaving the contract root", () => {
    const dir = tempDir({ 'main.json': { $ref: '../../etc/passwd' } });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.problem).toBe(`$ref '../../etc/passwd' leaves the contract root ${dir}`);
    expect(error.file).toBe('main.json');
    expect(error.pointer).toBe('/$ref');
  });

  it('refuses a file $ref to a sibling of the root', () => {
    const dir = tempDir({
      'root/main.json': { $ref: '../outside.json' },
      'outside.json': { type: 'string' },
    });
    const error = schemaError(() =>
      loadSchemaFile(path.join(dir, 'root/main.json'), { root: path.join(dir, 'root') }),
    );
    expect(error.problem).toMatch(/leaves the contract root/);
  });

  it('refuses a symbolic link that escapes the root', () => {
    const outside = tempDir({ 'secret.json': { type: 'string' } });
    const dir = tempDir({ 'main.json': { properties: { a: { $ref: './link.json' } } } });
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'link.json'));
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.problem).toBe(
      `$ref './link.json' leaves the contract root ${dir} (through a symbolic link)`,
    );
  });

  it('refuses a symbolic link to a directory that escapes the root', () => {
    const outside = tempDir({ 'secret.json': { type: 'string' } });
    const dir = tempDir({ 'main.json': { $ref: 'vendor/secret.json' } });
    fs.symlinkSync(outside, path.join(dir, 'vendor'));
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.problem).toMatch(/leaves the contract root .* \(through a symbolic link\)$/);
  });

  it('never calls readDocument for a $ref outside the root', () => {
    let calls = 0;
    const error = schemaError(() =>
      resolveSchema(
        { $ref: '../secrets.json' },
        {
          file: 'a.json',
          root: '/virtual/repo',
          readDocument: () => {
            calls++;
            return {};
          },
        },
      ),
    );
    expect(error.problem).toMatch(/leaves the contract root \/virtual\/repo$/);
    expect(calls).toBe(0);
  });
});

describe('cycles and missing targets', () => {
  it('reports {"$ref":"#"} at the root as a cycle', () => {
    const error = schemaError(() => resolve({ $ref: '#' }));
    expect(error.problem).toMatch(/^\$ref cycle: # → # /);
    expect(error.pointer).toBe('/$ref');
  });

  it('reports A → B → A between definitions that are only refs', () => {
    const error = schemaError(() =>
      resolve({
        properties: { a: { $ref: '#/$defs/A' } },
        $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } },
      }),
    );
    expect(error.problem).toMatch(/^\$ref cycle: #\/\$defs\/A → #\/\$defs\/B → #\/\$defs\/A /);
  });

  it('reports a ref cycle across files with file names', () => {
    const dir = tempDir({ 'a.json': { $ref: 'b.json' }, 'b.json': { $ref: 'a.json' } });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir }));
    expect(error.problem).toMatch(/^\$ref cycle: a\.json# → b\.json# → a\.json# /);
  });

  it('reports a draft-07 $ref cycle even with sibling keywords (they are ignored)', () => {
    const error = schemaError(() =>
      resolve({ $schema: 'http://json-schema.org/draft-07/schema#', $ref: '#', type: 'object' }),
    );
    expect(error.problem).toMatch(/^\$ref cycle/);
  });

  it('reports a missing pointer target', () => {
    const error = schemaError(() => resolve({ properties: { a: { $ref: '#/$defs/Nope' } }, $defs: {} }));
    expect(error.problem).toBe("$ref '#/$defs/Nope' points at nothing: order.json has no /$defs/Nope");
    expect(error.pointer).toBe('/properties/a/$ref');
  });

  it('reports a missing anchor', () => {
    const error = schemaError(() => resolve({ items: { $ref: '#nowhere' } }));
    expect(error.problem).toBe("$ref '#nowhere' points at nothing: order.json has no anchor 'nowhere'");
  });

  it('reports a missing file', () => {
    const dir = tempDir({ 'main.json': { properties: { a: { $ref: './missing.json' } } } });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.problem).toBe("$ref './missing.json' points at a file that does not exist (missing.json)");
    expect(error.file).toBe('main.json');
  });

  it('reports a pointer that lands on something that is not a schema', () => {
    const error = schemaError(() =>
      resolve({ required: ['a'], properties: { a: { $ref: '#/required/0' } } }),
    );
    expect(error.problem).toBe(`$ref '#/required/0' points at string "a", which is not a schema`);
  });

  it('names the referenced file when the problem is inside it', () => {
    const dir = tempDir({
      'main.json': { $ref: 'lib/bad.json' },
      'lib/bad.json': { properties: { age: 5 } },
    });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.file).toBe('lib/bad.json');
    expect(error.pointer).toBe('/properties/age');
  });

  it('rejects the same $id declared twice', () => {
    const error = schemaError(() =>
      resolve({ $defs: { a: { $id: 'https://example.com/x' }, b: { $id: 'https://example.com/x' } } }),
    );
    expect(error.problem).toMatch(/is declared twice/);
  });
});

describe('malformed schemas', () => {
  it('rejects a number where a schema should be', () => {
    const error = schemaError(() => resolve({ properties: { age: 5 } }));
    expect(error.problem).toBe('`properties/age` must be a schema (object or boolean), found number 5');
    expect(error.pointer).toBe('/properties/age');
    expect(error.message).toBe(
      'order.json: `properties/age` must be a schema (object or boolean), found number 5 (at /properties/age)',
    );
  });

  it('reports the full pointer of a nested problem', () => {
    const error = schemaError(() => resolve({ properties: { a: { items: { not: 'x' } } } }));
    expect(error.problem).toBe('`not` must be a schema (object or boolean), found string "x"');
    expect(error.pointer).toBe('/properties/a/items/not');
  });

  it.each([
    [
      { type: 'int' },
      '/type',
      /^`type` must be one of null, boolean, object, array, number, string, integer/,
    ],
    [{ type: ['string', 'string'] }, '/type/1', /lists "string" twice/],
    [{ required: 'id' }, '/required', /^`required` must be an array of strings, found string "id"$/],
    [{ required: [1] }, '/required/0', /^`required\/0` must be a string, found number 1$/],
    [{ enum: 'a' }, '/enum', /^`enum` must be an array/],
    [{ allOf: [] }, '/allOf', /^`allOf` must be a non-empty array of schemas, found an empty array$/],
    [{ anyOf: [{}, 3] }, '/anyOf/1', /^`anyOf\/1` must be a schema/],
    [{ multipleOf: 0 }, '/multipleOf', /^`multipleOf` must be a number above 0, found number 0$/],
    [{ minimum: '1' }, '/minimum', /^`minimum` must be a number, found string "1"$/],
    [{ maxLength: 1.5 }, '/maxLength', /^`maxLength` must be a non-negative integer/],
    [{ pattern: '(' }, '/pattern', /^`pattern` is not a valid regular expression/],
    [
      { patternProperties: { '[': {} } },
      '/patternProperties/[',
      /^`patternProperties` key "\[" is not a valid/,
    ],
    [{ properties: [] }, '/properties', /^`properties` must be an object whose values are schemas/],
    [{ dependencies: { a: [1] } }, '/dependencies/a/0', /must be a string/],
    [{ dependencies: { a: 1 } }, '/dependencies/a', /must be an array of property names or a schema/],
    [{ $ref: 5 }, '/$ref', /^`\$ref` must be a string/],
    [{ additionalProperties: null }, '/additionalProperties', /found null$/],
    [
      { $defs: { a: [] } },
      '/$defs/a',
      /^`\$defs\/a` must be a schema \(object or boolean\), found an empty array$/,
    ],
    [
      { $schema: 'https://json-schema.org/draft/2020-12/schema', items: [{}] },
      '/items',
      /^`items` must be a schema in draft 2020-12 \(use prefixItems for tuples\)/,
    ],
    [
      { $schema: 'http://json-schema.org/draft-07/schema#', exclusiveMinimum: true },
      '/exclusiveMinimum',
      /a number/,
    ],
  ])('rejects %j', (doc, pointer, problem) => {
    const error = schemaError(() => resolve(doc));
    expect(error.pointer).toBe(pointer);
    expect(error.problem).toMatch(problem);
  });

  it.each([
    { items: [{ type: 'string' }], additionalItems: false },
    { $schema: 'http://json-schema.org/draft-04/schema#', minimum: 0, exclusiveMinimum: true },
    { dependencies: { a: ['b'], c: { required: ['d'] } } },
    { pattern: '^[a-z\\-]+$', patternProperties: { '^x-': true } },
    { type: ['string', 'null'], enum: [], required: [] },
  ])('accepts %j', (doc) => {
    expect(() => resolve(doc)).not.toThrow();
  });

  it('does not check keywords ignored next to a draft-07 $ref', () => {
    const doc = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $ref: '#/definitions/a',
      type: 5,
      definitions: { a: {} },
    };
    expect(resolve(doc).root).toEqual({});
  });

  it('rejects a top-level number', () => {
    expect(schemaError(() => resolve(5)).problem).toBe(
      'expected a JSON Schema (object or boolean) but found a number',
    );
  });

  it('rejects a top-level array in a file', () => {
    const dir = tempDir({ 'a.json': '[1, 2]' });
    expect(schemaError(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir })).problem).toBe(
      'expected a JSON Schema (object or boolean) but found an array',
    );
  });

  it('rejects values that are not JSON', () => {
    expect(schemaError(() => resolve({ properties: { a: { default: () => 1 } } })).problem).toBe(
      'not JSON data: found a function',
    );
    expect(schemaError(() => resolve({ maximum: Number.POSITIVE_INFINITY })).pointer).toBe('/maximum');
    expect(schemaError(() => resolve({ const: new Date(0) })).problem).toBe(
      'not JSON data: found a non-JSON object',
    );
  });

  it('rejects a programmatic object that contains itself', () => {
    const doc: Record<string, unknown> = { type: 'object' };
    doc['properties'] = { self: doc };
    expect(schemaError(() => resolve(doc)).problem).toMatch(/reference cycle/);
  });
});

describe('resource limits', () => {
  const deepJson = (depth: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push('{"properties":{"a":');
    parts.push('true');
    for (let i = 0; i < depth; i++) parts.push('}}');
    return parts.join('');
  };

  it('rejects 10,000-deep JSON nesting with a depth error, not a stack overflow', () => {
    const dir = tempDir({ 'deep.json': deepJson(10_000) });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'deep.json'), { root: dir }));
    expect(error.problem).toBe('schema nests deeper than 256 levels (maxDepth)');
    expect(error.pointer).toMatch(/^\/properties\/a\/properties\/a\/.*\/…$/);
    expect(error.pointer!.length).toBeLessThan(100);
  });

  it('rejects 10,000-deep YAML nesting with a depth error and a line', () => {
    const text = `${'- '.repeat(10_000)}x\n`;
    const error = schemaError(() => parseSchemaText(text, { file: 'deep.yaml' }));
    expect(error.problem).toMatch(/^schema nests deeper than 256 levels \(maxDepth\)/);
    expect(error.line).toBe(1);
  });

  it('rejects 10,000-deep flow YAML nesting', () => {
    const text = `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(schemaError(() => parseSchemaText(text, { file: 'deep.yml' })).problem).toMatch(/nests deeper/);
  });

  it('rejects a 10,000-deep object passed to resolveSchema', () => {
    let doc: unknown = true;
    for (let i = 0; i < 10_000; i++) doc = { not: doc };
    expect(schemaError(() => resolve(doc)).problem).toBe('schema nests deeper than 256 levels (maxDepth)');
  });

  it('honours a custom maxDepth', () => {
    const dir = tempDir({ 'a.json': deepJson(3) });
    expect(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir, maxDepth: 6 })).not.toThrow();
    expect(
      schemaError(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir, maxDepth: 5 })).problem,
    ).toMatch(/deeper than 5 levels/);
  });

  it('applies the depth limit to referenced files too', () => {
    const dir = tempDir({ 'main.json': { $ref: 'deep.json' }, 'deep.json': deepJson(300) });
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'main.json'), { root: dir }));
    expect(error.file).toBe('deep.json');
    expect(error.problem).toMatch(/nests deeper than 256/);
  });

  it('rejects a 50 MB file from its size, without reading it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 50 * 1024 * 1024);
    // The size comes from stat: a sparse 50 MB file is refused before any byte is read.
    const error = schemaError(() => loadSchemaFile(file, { root: dir }));
    expect(error.problem).toBe('file is 50.0 MiB; the limit is 5 MiB (maxBytes)');
    expect(error.file).toBe('huge.json');
  });

  it('applies the size limit to referenced files too', () => {
    const dir = tempDir({ 'main.json': { $ref: 'big.json' }, 'big.json': { description: 'x'.repeat(2000) } });
    const error = schemaError(() =>
      loadSchemaFile(path.join(dir, 'main.json'), { root: dir, maxBytes: 1024 }),
    );
    expect(error.file).toBe('big.json');
    expect(error.problem).toMatch(/^file is 2\.0 KiB; the limit is 1 KiB \(maxBytes\)$/);
  });

  it('throws only SchemaErrors for garbage text', () => {
    for (const text of [
      '',
      '{',
      'nul',
      '{"a":1}}',
      '\u0000',
      '[',
      '"x"',
      '{"$ref": "#/a/b/c"}',
      '{"type": {}}',
    ]) {
      const error = schemaError(() =>
        resolveSchema(parseSchemaText(text, { file: 'g.json' }), { file: 'g.json', root: '/nonexistent' }),
      );
      expect(error.file).toBe('g.json');
    }
  });
});

describe('fuzzing', () => {
  const keyword = fc.constantFrom(
    'type',
    'properties',
    'items',
    'allOf',
    '$ref',
    'required',
    'not',
    '$defs',
    'pattern',
    'x',
  );
  const schemaish = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      fc.dictionary(keyword, tie('node'), { maxKeys: 4 }),
      fc.constantFrom(
        { $ref: '#' },
        { $ref: '#/$defs/a' },
        { $ref: '#/properties/x' },
        { $ref: 'https://x' },
      ),
    ),
  })).node;

  it('resolveSchema returns a plain graph with origins, or throws a SchemaError, for any JSON', () => {
    fc.assert(
      fc.property(schemaish, (doc) => {
        let out;
        try {
          out = resolveSchema(doc, { file: 'f.json', root: '/nonexistent' });
        } catch (error) {
          if (!(error instanceof SchemaError)) throw error;
          return;
        }
        const seen = new Set<object>();
        const stack: unknown[] = [out.root];
        while (stack.length > 0) {
          const next = stack.pop();
          expect(next).not.toBeUndefined();
          if (typeof next !== 'object' || next === null || seen.has(next)) continue;
          seen.add(next);
          expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(next));
          expect(out.origins.has(next)).toBe(true);
          stack.push(...Object.values(next));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseSchemaText throws only SchemaErrors, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom<'json' | 'yaml'>('json', 'yaml'),
        (text, format) => {
          try {
            parseSchemaText(text, { file: 'f', format });
          } catch (error) {
            if (!(error instanceof SchemaError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('regular expressions real schemas use', () => {
  it('accepts a pattern that only the non-unicode grammar allows (`\\-` outside a class)', () => {
    expect(() => resolveSchema({ pattern: '^\\d{3}\\-\\d{4}$' }, { file: 'phone.json' })).not.toThrow();
  });
});
