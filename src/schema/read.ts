/**
 * Reading one schema file safely: the size limit checked before reading, JSON (with comments) or YAML
 * parsed with line and column for every error, aliases refused, nesting bounded. No `$ref` resolution:
 * `resolve.ts` uses these to read each referenced file, `load.ts` puts the two together.
 */
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Composer, Parser } from 'yaml';
import { isExact, recordRoundedIntegers, recordWritten } from './numbers.js';
import { SchemaError, type Json } from './types.js';
import { assertJsonTree, isSchema, kindOf } from './wellformed.js';
import { describeYamlError } from './yaml-errors.js';

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
 * Syntax errors carry a 1-based line. Duplicate keys (JSON and YAML) and YAML aliases (`*name`) are
 * refused; numbers a double cannot hold exactly are recorded as written (see `numbers.ts`); the result is
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
  let value: unknown;
  try {
    // V8's JSON.parse is iterative: deep input cannot overflow the stack here.
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "Unexpected token 'x', "…input…" is not valid JSON" gives no position (and echoes input): scan for it.
    const match = message.endsWith('is not valid JSON') ? null : / JSON at position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : jsonErrorOffset(text);
    if (offset === undefined) throw new SchemaError(file, `invalid JSON: ${describeJsonError(message)}`);
    const comma = trailingComma(text, offset);
    if (comma !== undefined) {
      const { line, column } = lineAt(text, comma);
      const closer = text[offset] === ']' ? ']' : '}';
      throw new SchemaError(
        file,
        `invalid JSON: a comma before \`${closer}\` (JSON allows no trailing comma): remove it (column ${column})`,
        undefined,
        line,
      );
    }
    const { line, column } = lineAt(text, offset);
    throw new SchemaError(
      file,
      `invalid JSON: ${describeJsonError(message)} (column ${column})`,
      undefined,
      line,
    );
  }
  const duplicate = scanJson(text, value, recordWritten);
  if (duplicate !== undefined) throw duplicateKeyError(file, duplicate);
  return value;
}

/** The offset of a comma that directly precedes the `}` or `]` at `offset` (the usual JSON mistake). */
function trailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === ',' ? i : undefined;
}

/** A key that appears twice in one JSON object: where, and where it appeared first (1-based). */
export interface DuplicateKey {
  key: string;
  line: number;
  column: number;
  firstLine: number;
  firstColumn: number;
}

/**
 * The first key that appears twice in one object of a JSON text, or `undefined`. JSON.parse accepts such a
 * text and keeps the last value without a word; contract files refuse it, as YAML's duplicate keys are.
 * `text` must be JSON that JSON.parse accepted.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  return scanJson(text, undefined);
}

/** `duplicate key \`id\` (first on line 3): …` as a `SchemaError` at the second occurrence. */
function duplicateKeyError(file: string, d: DuplicateKey): SchemaError {
  return new SchemaError(file, `${describeDuplicateKey(d)} (column ${d.column})`, undefined, d.line);
}

/** What to say about a duplicate key, without its own position. */
export function describeDuplicateKey(d: DuplicateKey): string {
  const first = d.firstLine === d.line ? `first at column ${d.firstColumn}` : `first on line ${d.firstLine}`;
  return `duplicate key \`${d.key}\` (${first}): each key may appear once in an object; remove one of them`;
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * One pass over a JSON text that JSON.parse accepted, in step with the value it parsed to (`root`): returns
 * the first duplicate key, and gives `onNumber` each number whose literal its double does not hold exactly,
 * with the object or array holding it and its key. Iterative, linear: depth cannot overflow the stack.
 */
function scanJson(
  text: string,
  root: unknown,
  onNumber?: (holder: object, key: string | number, literal: string) => void,
): DuplicateKey | undefined {
  interface Frame {
    node: unknown;
    /** Keys seen so far, for an object (`undefined` for an array); offsets in `offsets`. */
    keys: string[] | undefined;
    offsets: number[];
    /** The same keys by name, once there are too many to search the list. */
    byName?: Map<string, number>;
    index: number;
  }
  const stack: Frame[] = [];
  let i = 0;
  let holder: unknown = { '': root };
  let slot: string | number = '';
  const space = (): void => {
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
  };
  const current = (): unknown =>
    typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[slot] : undefined;
  /** Reads `"key":` of `frame`; the duplicate when the key was seen before in it. */
  const key = (frame: Frame): DuplicateKey | undefined => {
    space();
    const start = i;
    i = stringEnd(text, i);
    const raw = text.slice(start, i);
    const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const keys = frame.keys as string[];
    let first: number | undefined;
    if (frame.byName !== undefined) first = frame.byName.get(name);
    else {
      // Most objects have a handful of keys: a list is cheaper than a Map until it is not.
      const at = keys.indexOf(name);
      if (at !== -1) first = frame.offsets[at];
      else if (keys.length === 32)
        frame.byName = new Map(keys.map((k, n) => [k, frame.offsets[n] as number]));
    }
    if (first !== undefined) {
      const at = lineAt(text, start);
      const was = lineAt(text, first);
      return { key: name, line: at.line, column: at.column, firstLine: was.line, firstColumn: was.column };
    }
    if (frame.byName !== undefined) frame.byName.set(name, start);
    else {
      keys.push(name);
      frame.offsets.push(start);
    }
    space();
    i++; // the colon
    holder = frame.node;
    slot = name;
    return undefined;
  };

  for (;;) {
    space();
    const ch = text.charCodeAt(i);
    if (ch === 0x7b || ch === 0x5b) {
      // `{` or `[`: step into the container that JSON.parse built here.
      const frame: Frame = { node: current(), keys: ch === 0x7b ? [] : undefined, offsets: [], index: 0 };
      i++;
      space();
      if (text.charCodeAt(i) === ch + 2) {
        i++; // `{}` or `[]`
      } else {
        stack.push(frame);
        if (frame.keys === undefined) {
          holder = frame.node;
          slot = 0;
        } else {
          const duplicate = key(frame);
          if (duplicate !== undefined) return duplicate;
        }
        continue;
      }
    } else if (ch === 0x22) {
      i = stringEnd(text, i);
    } else if (ch === 0x2d || (ch >= 0x30 && ch <= 0x39)) {
      JSON_NUMBER.lastIndex = i;
      JSON_NUMBER.exec(text);
      const literal = text.slice(i, JSON_NUMBER.lastIndex);
      i = JSON_NUMBER.lastIndex;
      // Up to 15 characters without an exponent is at most 15 digits: always held exactly.
      if (onNumber !== undefined && (literal.length > 15 || /[eE]/.test(literal))) {
        const value = current();
        if (typeof value === 'number' && !isExact(literal, value)) onNumber(holder as object, slot, literal);
      }
    } else {
      i += ch === 0x66 ? 5 : 4; // false; true, null
    }
    // After a value: close containers until a comma leads to the next value.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) return undefined;
      space();
      if (text.charCodeAt(i++) !== 0x2c) {
        stack.pop();
        continue;
      }
      if (frame.keys === undefined) {
        holder = frame.node;
        slot = ++frame.index;
      } else {
        const duplicate = key(frame);
        if (duplicate !== undefined) return duplicate;
      }
      break;
    }
  }
}

/** Offset just past the JSON string that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
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
  const composerOptions = {
    uniqueKeys: true,
    merge: false,
    stringKeys: true,
    resolveKnownTags: false,
    strict: true,
    prettyErrors: false,
  };
  const composer = new Composer(composerOptions);
  const docs = Array.from(composer.compose(tokens, true, text.length));
  if (docs.length > 1) {
    throw fail(docs[1]?.range[0] ?? 0, 'invalid YAML: a contract file holds one document, found several');
  }
  const doc = docs[0];
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) {
    const mistake = describeYamlError(text, error);
    throw fail(mistake.offset, `invalid YAML: ${mistake.message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 }) as unknown;
    // Integers beyond 2^53 (16 digits or more) were rounded: read them again exactly to record them.
    if (MAYBE_LARGE_INTEGER.test(text)) {
      const [exact] = Array.from(
        new Composer({ ...composerOptions, intAsBigInt: true }).compose(tokens, true, text.length),
      );
      recordRoundedIntegers(value, exact?.toJS({ maxAliasCount: 0 }));
    }
  } catch (err) {
    throw new SchemaError(file, `invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  return value;
}

/** A run of digits long enough to be an integer a double may not hold (2^53 has 16 digits). */
export const MAYBE_LARGE_INTEGER = /\d{16}|0x[\da-f]{14}|0o[0-7]{18}/i;
