/**
 * Reading one schema file safely: the size limit checked before reading, JSON (with comments) or YAML
 * parsed with line and column for every error, aliases refused, nesting bounded. No `$ref` resolution:
 * `resolve.ts` uses these to read each referenced file, `load.ts` puts the two together.
 */
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Composer, Parser } from 'yaml';
import { SchemaError, type Json } from './types.js';
import { assertJsonTree, isSchema, kindOf } from './wellformed.js';

/** Default size limit of one schema file: 5 MiB. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Default nesting limit, in JSON containers (objects and arrays), of one schema document. */
export const DEFAULT_MAX_DEPTH = 256;

/** Reads and parses one file with the size and depth limits (no `$ref` resolution). */
export function readSchemaDocument(
  absolutePath: string,
  opts: { file: string; maxBytes: number; maxDepth: number },
): Json {
  const text = readSchemaText(absolutePath, opts);
  return parseSchemaText(text, { file: opts.file, maxDepth: opts.maxDepth, format: formatOf(absolutePath) });
}

export function formatOf(file: string): 'json' | 'yaml' {
  const ext = path.extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'json';
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `5 MiB`, `12.5 KiB`, `300 bytes`; with `fixed`, always one decimal: `50.0 MiB`. */
export function formatBytes(bytes: number, fixed = false): string {
  const unit = (value: number, name: string): string =>
    `${Number.isInteger(value) && !fixed ? String(value) : value.toFixed(1)} ${name}`;
  if (bytes >= 1024 * 1024) return unit(bytes / (1024 * 1024), 'MiB');
  if (bytes >= 1024) return unit(bytes / 1024, 'KiB');
  return `${bytes} bytes`;
}

/**
 * Reads a file as UTF-8 text, refusing before reading anything when it is not a regular file or larger
 * than `maxBytes` (checked with stat first, then enforced while reading in case the file grows).
 */
export function readSchemaText(absolutePath: string, opts: { file: string; maxBytes: number }): string {
  const tooBig = (size: number): SchemaError =>
    new SchemaError(
      opts.file,
      `file is ${formatBytes(size, true)}; the limit is ${formatBytes(opts.maxBytes)} (maxBytes)`,
    );
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolutePath);
  } catch (error) {
    throw new SchemaError(opts.file, `cannot read the file: ${errorCode(error)}`);
  }
  if (!stat.isFile()) throw new SchemaError(opts.file, 'not a regular file');
  if (stat.size > opts.maxBytes) throw tooBig(stat.size);

  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening does not hang.
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new SchemaError(opts.file, `cannot read the file: ${errorCode(error)}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    if (!fs.fstatSync(fd).isFile()) throw new SchemaError(opts.file, 'not a regular file');
    const buffer = Buffer.alloc(Math.min(opts.maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > opts.maxBytes) throw tooBig(total);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
  } catch (error) {
    if (error instanceof SchemaError) throw error;
    throw new SchemaError(opts.file, `cannot read the file: ${errorCode(error)}`);
  } finally {
    fs.closeSync(fd);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, total));
  } catch {
    throw new SchemaError(opts.file, 'the file is not valid UTF-8 text');
  }
  return text;
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
    return code ?? error.message;
  }
  return String(error);
}

/**
 * Parses schema text. `format` defaults to JSON (`loadSchemaFile` picks YAML for `.yaml`/`.yml`).
 * Syntax errors carry a 1-based line. YAML duplicate keys and aliases (`*name`) are refused; the result is
 * checked to be JSON data nesting at most `maxDepth` (default 256) containers deep, and its top level
 * to be a schema (an object or a boolean).
 */
export function parseSchemaText(
  text: string,
  opts: { file: string; format?: 'json' | 'yaml'; maxDepth?: number },
): Json {
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const format = opts.format ?? formatOf(opts.file);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value = format === 'yaml' ? parseYaml(source, opts.file, maxDepth) : parseJson(source, opts.file);
  assertJsonTree(value, { file: opts.file, maxDepth });
  if (!isSchema(value)) {
    throw new SchemaError(opts.file, `expected a JSON Schema (object or boolean) but found ${kindOf(value)}`);
  }
  return value as Json;
}

/** 1-based line and column of a character offset. */
export function lineAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function parseJson(text: string, file: string): unknown {
  try {
    // V8's JSON.parse is iterative: deep input cannot overflow the stack here.
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "Unexpected token 'x', "…input…" is not valid JSON" gives no position (and echoes input): scan for it.
    const match = message.endsWith('is not valid JSON') ? null : / JSON at position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : jsonErrorOffset(text);
    if (offset === undefined) throw new SchemaError(file, `invalid JSON: ${describeJsonError(message)}`);
    const { line, column } = lineAt(text, offset);
    throw new SchemaError(
      file,
      `invalid JSON: ${describeJsonError(message)} (column ${column})`,
      undefined,
      line,
    );
  }
}

/** V8's JSON.parse message without the echoed input and position: `unexpected token '}'`. */
function describeJsonError(message: string): string {
  const token = /^Unexpected token '([\s\S]+?)', [\s\S]* is not valid JSON$/.exec(message);
  if (token) {
    const char = token[1] as string;
    return `unexpected token ${/^[\x21-\x7e]+$/.test(char) ? `'${char}'` : JSON.stringify(char)}`;
  }
  const what = message
    .replace(/ after JSON at position \d+[\s\S]*$/, ' after the end of the JSON value')
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    .replace(/ of JSON input$/, ' of input');
  return `${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

/**
 * Offset of the first syntax error in `text` (which JSON.parse rejected without saying where), from
 * jsonc-parser (VS Code's JSON parser) in strict JSON mode. Only run on failure. Its parser recurses, so a
 * pathologically deep broken document may exhaust the stack: then the position is simply unknown.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return errors[0]?.offset;
}

const YAML_COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

function parseYaml(text: string, file: string, maxDepth: number): unknown {
  const fail = (offset: number, problem: string): SchemaError => {
    const { line, column } = lineAt(text, offset);
    return new SchemaError(file, `${problem} (column ${column})`, undefined, line);
  };
  // The CST parser is iterative; the composer that builds documents from it recurses once per nesting
  // level, so depth (and aliases, a billion-laughs vector) are checked on the CST first.
  const tokens = Array.from(new Parser().parse(text));
  const work: { value: unknown; depth: number }[] = tokens.map((value) => ({ value, depth: 0 }));
  let firstAlias: { offset?: number; source?: string } | undefined;
  while (work.length > 0) {
    const { value, depth } = work.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) work.push({ value: item, depth });
      continue;
    }
    const token = value as { type?: string; offset?: number; source?: string };
    let inner = depth;
    if (token.type !== undefined && YAML_COLLECTIONS.has(token.type)) {
      inner = depth + 1;
      if (inner > maxDepth) {
        throw fail(token.offset ?? 0, `schema nests deeper than ${maxDepth} levels (maxDepth)`);
      }
    }
    if (
      token.type === 'alias' &&
      (firstAlias === undefined || (token.offset ?? 0) < (firstAlias.offset ?? 0))
    ) {
      firstAlias = token;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'source' && typeof child === 'object' && child !== null) {
        work.push({ value: child, depth: inner });
      }
    }
  }
  if (firstAlias !== undefined) {
    throw fail(
      firstAlias.offset ?? 0,
      `YAML aliases (${firstAlias.source ?? '*'}) are not allowed in a contract; use $ref to share a schema`,
    );
  }
  const composer = new Composer({
    uniqueKeys: true,
    merge: false,
    stringKeys: true,
    resolveKnownTags: false,
    strict: true,
    prettyErrors: false,
  });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  if (docs.length > 1) {
    throw fail(docs[1]?.range[0] ?? 0, 'invalid YAML: a contract file holds one document, found several');
  }
  const doc = docs[0];
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) {
    const message =
      error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error';
    throw fail(error.pos[0], `invalid YAML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch (err) {
    throw new SchemaError(file, `invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}
