/** src/schema/yaml-errors.ts: the YAML parser's errors at the mistake, in plain words. */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';

import { describeYamlError } from '../../src/schema/yaml-errors.js';

/** The first parser error of `text`, described: its line and column (1-based) and the message. */
function mistake(text: string): string {
  const error = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false }).errors[0];
  if (error === undefined) throw new Error('the text parses');
  const { offset, message } = describeYamlError(text, error);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1} ${message}`;
}

describe('describeYamlError', () => {
  it('a key indented more than its siblings: the key, and what the siblings use', () => {
    expect(mistake('sideEffects:\n  writes: [a]\n   idempotent: true\n  retries: 3\n')).toBe(
      '3:4 `idempotent` is indented 3 spaces, but its siblings use 2 (line 2): keys of one mapping start at the same column',
    );
  });

  it('a key indented less than its siblings', () => {
    expect(mistake('sideEffects:\n    writes: [a]\n  idempotent: true\n')).toBe(
      '3:3 `idempotent` is indented 2 spaces, but its siblings use 4 (line 2): keys of one mapping start at the same column',
    );
  });

  it('a line indented under a key that already has its value', () => {
    expect(mistake('a: 1\n  b: 2\nc: 3\n')).toBe(
      '2:3 `b` is indented 2 spaces, under `a` (line 1), which already has its value on its line: indent it like `a` (at the first column)',
    );
  });

  it('a key after list items at their indentation', () => {
    expect(mistake('a:\n  - 1\n  b: 2\n')).toMatch(/^3:3 `b` is indented like the list item on line 2/);
  });

  it('a tab in the indentation', () => {
    expect(mistake('a:\n\tb: 1\n')).toBe(
      '2:1 this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces',
    );
  });

  it('a `{` never closed: at the bracket, not where the parser gave up', () => {
    expect(mistake('errors:\n  - { code: A, status: 1\n  - { code: B }\nauth: x\n')).toBe(
      '2:5 this `{` is never closed: end it with `}` before the line ends',
    );
  });

  it('a quote never closed: at the opening quote, not the end of the file', () => {
    expect(mistake('owner: "@acme\nstatus: active\n')).toBe(
      '1:8 this string opens with " but is never closed: add the closing " at the end of the value',
    );
  });

  it('a value holding `: `', () => {
    expect(mistake('description: a: b\n')).toBe(
      '1:14 the value of `description` holds `: `, which YAML reads as another key: put the value in quotes ("a: b")',
    );
  });

  it('a value starting with a reserved character', () => {
    expect(mistake('owner: @acme/team # the team\n')).toBe(
      "1:8 a plain value cannot start with `@`: put it in quotes ('@acme/team')",
    );
  });

  it('a key without a colon', () => {
    expect(mistake('a: 1\nb\nc: 2\n')).toBe(
      '2:1 `b` has no `:` after it: write `b: value`, or join it to the line above if it continues that value',
    );
  });

  it('anything else: the parser’s own first line, at its place', () => {
    expect(mistake(' a: 1\nb: 2\n')).toBe('2:1 unexpected scalar at node end');
  });
});
