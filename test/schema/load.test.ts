import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaFile } from '../../src/schema/load.js';
import { formatBytes, jsonErrorOffset, lineAt, parseSchemaText } from '../../src/schema/read.js';
import { at, schemaError, tempDir } from './helpers.js';

describe('loadSchemaFile', () => {
  it('loads a JSON file and labels it relative to the root', () => {
    const dir = tempDir({
      'contracts/order.json': { type: 'object', properties: { id: { type: 'string' } } },
    });
    const out = loadSchemaFile(path.join(dir, 'contracts/order.json'), { root: dir });
    expect(out.file).toBe('contracts/order.json');
    expect(out.root).toEqual({ type: 'object', properties: { id: { type: 'string' } } });
    expect(out.origins.get(out.root as object)).toEqual({ file: 'contracts/order.json', pointer: '' });
  });

  it('loads .yaml and .yml files as YAML', () => {
    const dir = tempDir({
      'a.yaml': 'type: object\nrequired: [id]\n',
      'b.yml': 'type: string\nenum:\n  - on\n  - off\n',
    });
    expect(loadSchemaFile(path.join(dir, 'a.yaml'), { root: dir }).root).toEqual({
      type: 'object',
      required: ['id'],
    });
    expect(loadSchemaFile(path.join(dir, 'b.yml'), { root: dir }).root).toEqual({
      type: 'string',
      enum: ['on', 'off'],
    });
  });

  it('strips a UTF-8 byte order mark', () => {
    const dir = tempDir({ 'a.json': '\uFEFF{"type":"string"}' });
    expect(loadSchemaFile(path.join(dir, 'a.json'), { root: dir }).root).toEqual({ type: 'string' });
  });

  it('rejects a file that is not valid UTF-8', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.json'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(schemaError(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir })).problem).toBe(
      'the file is not valid UTF-8 text',
    );
  });

  it('rejects a directory', () => {
    const dir = tempDir({ 'sub/x.json': {} });
    expect(schemaError(() => loadSchemaFile(path.join(dir, 'sub'), { root: dir })).problem).toBe(
      'not a regular file',
    );
  });

  it('reports a missing file as a SchemaError', () => {
    const dir = tempDir();
    const error = schemaError(() => loadSchemaFile(path.join(dir, 'nope.json'), { root: dir }));
    expect(error.file).toBe('nope.json');
    expect(error.problem).toBe('cannot read the file: no such file');
  });

  it('accepts a file exactly at the size limit', () => {
    const dir = tempDir({ 'a.json': '{}' });
    expect(loadSchemaFile(path.join(dir, 'a.json'), { root: dir, maxBytes: 2 }).root).toEqual({});
    expect(
      schemaError(() => loadSchemaFile(path.join(dir, 'a.json'), { root: dir, maxBytes: 1 })).problem,
    ).toBe('file is 2 bytes; the limit is 1 bytes (maxBytes)');
  });
});

describe('malformed JSON', () => {
  it('reports the line of an error V8 locates ("at position N")', () => {
    const error = schemaError(() =>
      parseSchemaText('{\n  "type": "object",\n  "required": ["a"\n}\n', { file: 'a.json' }),
    );
    expect(error.line).toBe(4);
    expect(error.problem).toBe("invalid JSON: expected ',' or ']' after array element (column 1)");
    expect(error.message).toBe("a.json:4: invalid JSON: expected ',' or ']' after array element (column 1)");
  });

  it('reports the line of an unexpected token V8 does not locate, without echoing the input', () => {
    const error = schemaError(() => parseSchemaText('{\n  "a": 1,\n  "b": }\n', { file: 'a.json' }));
    expect(error.line).toBe(3);
    expect(error.problem).toBe("invalid JSON: unexpected token '}' (column 8)");
  });

  it('reports a bad literal at its line', () => {
    const error = schemaError(() => parseSchemaText('{\n"a":\n tru\n}', { file: 'a.json' }));
    expect(error.line).toBe(3);
  });

  it('reports unexpected end of input on the last line', () => {
    const error = schemaError(() => parseSchemaText('{\n"a": {\n', { file: 'a.json' }));
    expect(error.line).toBe(3);
    expect(error.problem).toMatch(/^invalid JSON: /);
  });

  it('reports an empty file', () => {
    expect(schemaError(() => parseSchemaText('', { file: 'a.json' })).problem).toBe(
      'invalid JSON: unexpected end of input (column 1)',
    );
  });

  it('refuses a key repeated in one object, at the second, naming the first', () => {
    const text = '{\n  "type": "object",\n  "properties": { "a": {}, "b": {} },\n  "type": "string"\n}\n';
    const error = schemaError(() => parseSchemaText(text, { file: 'a.json' }));
    expect(error.line).toBe(4);
    expect(error.problem).toBe(
      'duplicate key `type` (first on line 2): each key may appear once in an object; remove one of them (column 3)',
    );
  });

  it('refuses a repeated key spelled with an escape, deep inside, on one line', () => {
    const text = '{"allOf": [{"properties": {"id": {}, "\\u0069d": {}}}]}';
    const error = schemaError(() => parseSchemaText(text, { file: 'a.json' }));
    expect(error.message).toBe(
      'a.json:1: duplicate key `id` (first at column 28): each key may appear once in an object; remove one of them (column 38)',
    );
  });

  it('finds a repeat among many keys', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `"k${i}": {}`);
    const text = `{"properties": {${[...keys, '"k40": {}'].join(', ')}}}`;
    expect(schemaError(() => parseSchemaText(text, { file: 'a.json' })).problem).toMatch(
      /^duplicate key `k40` \(first at column \d+\)/,
    );
  });

  it('accepts equal keys in different objects, and strings holding quotes and braces', () => {
    const text = '{"a": {"id": "\\"}{"}, "b": {"id": "\\\\"}, "c": [{"id": 1}, {"id": 2}]}';
    expect(parseSchemaText(text, { file: 'a.json' })).toEqual({
      a: { id: '"}{' },
      b: { id: '\\' },
      c: [{ id: 1 }, { id: 2 }],
    });
  });

  it('reports trailing garbage', () => {
    const error = schemaError(() => parseSchemaText('{}\n\nx', { file: 'a.json' }));
    expect(error.line).toBe(3);
    expect(error.problem).toMatch(/after the end of the JSON value/);
  });
});

describe('malformed JSON', () => {
  it('a trailing comma is reported at the comma, saying to remove it', () => {
    const error = schemaError(() => parseSchemaText('{\n  "type": "object",\n}\n', { file: 'a.json' }));
    expect(error.line).toBe(2);
    expect(error.problem).toBe(
      'invalid JSON: a comma before `}` (JSON allows no trailing comma): remove it (column 19)',
    );
  });
});

describe('malformed YAML', () => {
  it('reports a syntax error at the line of the mistake: the bracket never closed', () => {
    const error = schemaError(() =>
      parseSchemaText('type: object\nrequired: [a\nproperties: {}\n', { file: 'a.yaml' }),
    );
    expect(error.line).toBe(2);
    expect(error.problem).toBe(
      'invalid YAML: this `[` is never closed: end it with `]` before the line ends (column 11)',
    );
    expect(error.message).toMatch(/^a\.yaml:2: invalid YAML: /);
  });

  it('reports an unterminated string at the line of its opening quote', () => {
    const error = schemaError(() =>
      parseSchemaText('type: string\ndescription: "oops\n', { file: 'a.yaml' }),
    );
    expect(error.line).toBe(2);
    expect(error.problem).toMatch(/opens with " but is never closed/);
  });

  it('rejects duplicate keys', () => {
    const error = schemaError(() =>
      parseSchemaText('type: object\nproperties: {}\ntype: string\n', { file: 'a.yaml' }),
    );
    expect(error.line).toBe(3);
    expect(error.problem).toBe('invalid YAML: map keys must be unique (column 1)');
  });

  it('rejects aliases (billion laughs) with the line of the first one', () => {
    const lol = [
      'a: &a ["lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    ];
    const error = schemaError(() => parseSchemaText(lol.join('\n'), { file: 'lol.yaml' }));
    expect(error.line).toBe(2);
    expect(error.problem).toBe(
      'YAML aliases (*a) are not allowed in a contract; use $ref to share a schema (column 8)',
    );
  });

  it('allows an anchor that is never aliased', () => {
    expect(parseSchemaText('type: &t string\n', { file: 'a.yaml' })).toEqual({ type: 'string' });
  });

  it('rejects several documents in one file', () => {
    expect(
      schemaError(() => parseSchemaText('type: string\n---\ntype: number\n', { file: 'a.yaml' })).problem,
    ).toMatch(/one document, found several/);
  });

  it('rejects values that JSON cannot hold', () => {
    const error = schemaError(() => parseSchemaText('maximum: .inf\n', { file: 'a.yaml' }));
    expect(error.problem).toBe('not JSON data: found number Infinity');
    expect(error.pointer).toBe('/maximum');
  });

  it('reads keys as strings and YAML 1.2 scalars (on/yes stay strings)', () => {
    expect(parseSchemaText('properties:\n  200: {}\nenum: [on, yes, no]\n', { file: 'a.yaml' })).toEqual({
      properties: { '200': {} },
      enum: ['on', 'yes', 'no'],
    });
  });

  it('rejects an empty YAML file as not a schema', () => {
    expect(schemaError(() => parseSchemaText('# nothing\n', { file: 'a.yaml' })).problem).toBe(
      'expected a JSON Schema (object or boolean) but found null',
    );
  });
});

describe('parseSchemaText', () => {
  it('picks YAML from a .yml extension and JSON otherwise', () => {
    expect(parseSchemaText('type: string', { file: 'dir/a.YML' })).toEqual({ type: 'string' });
    expect(schemaError(() => parseSchemaText('type: string', { file: 'a.schema' })).problem).toMatch(
      /^invalid JSON/,
    );
  });

  it('lets an explicit format win over the extension', () => {
    expect(parseSchemaText('{"type": "string"}', { file: 'a.json', format: 'yaml' })).toEqual({
      type: 'string',
    });
  });

  it('accepts a boolean schema', () => {
    expect(parseSchemaText('true', { file: 'a.json' })).toBe(true);
  });

  it('rejects a top-level number', () => {
    expect(schemaError(() => parseSchemaText('42', { file: 'a.json' })).problem).toBe(
      'expected a JSON Schema (object or boolean) but found a number',
    );
  });

  it('parses JSON with a 5,000-deep array iteratively before rejecting its depth', () => {
    const text = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const error = schemaError(() => parseSchemaText(text, { file: 'a.json' }));
    expect(error.problem).toBe('schema nests deeper than 256 levels (maxDepth)');
    expect(error.pointer).toMatch(/^\/0\/0\/0\/.*…$/);
  });

  it('keeps the parsed data usable by at()', () => {
    expect(at(parseSchemaText('{"a":{"b":[1]}}', { file: 'x.json' }), 'a', 'b', 0)).toBe(1);
  });
});

describe('helpers', () => {
  it.each([
    ['{"a":}', 5],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['{"a":"\\x"}', 5], // the string token holding the bad escape
    ['{"a":1}x', 7],
    ['[tru]', 1], // the token that is not a value
    ['{"a":[1,2}', 9],
    ['', 0],
    ['[', 1],
  ])('jsonErrorOffset(%j) is %i (the offending token)', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('lineAt gives 1-based line and column', () => {
    expect(lineAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAt('ab', 0)).toEqual({ line: 1, column: 1 });
  });

  it('formatBytes uses binary units', () => {
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatBytes(50 * 1024 * 1024, true)).toBe('50.0 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12)).toBe('12 bytes');
  });
});
