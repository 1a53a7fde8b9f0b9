/**
 * DESIGN §2, end to end through the CLI: each example written to files, classified by
 * `contractguard diff-schemas --format json` in both directions and both semantics.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { run } from '../src/cli.js';
import type { Severity } from '../src/diff/types.js';

type Verdicts = { input: [Severity, Severity]; output: [Severity, Severity] }; // [pragmatic, strict]

const str = { type: 'string' };
const obj = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });

const EXAMPLES: { name: string; old: object; new: object; expect: Verdicts }[] = [
  {
    name: 'a new required field',
    old: obj({ a: str }),
    new: obj({ a: str, b: str }, { required: ['b'] }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'a narrowed type',
    old: obj({ a: { type: ['string', 'number'] } }),
    new: obj({ a: str }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'a removed enum value',
    old: obj({ s: { enum: ['active', 'paused'] } }),
    new: obj({ s: { enum: ['active'] } }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'tighter bounds',
    old: obj({ a: { type: 'string', maxLength: 10 } }),
    new: obj({ a: { type: 'string', maxLength: 5 } }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'a new pattern',
    old: obj({ a: str }),
    new: obj({ a: { type: 'string', pattern: '^[A-Z]{3}$' } }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'a new format',
    old: obj({ a: str }),
    new: obj({ a: { type: 'string', format: 'email' } }),
    expect: { input: ['breaking', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'a removed field',
    old: obj({ a: str, b: str }),
    new: obj({ a: str }),
    expect: { input: ['dangerous', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    name: 'required → optional',
    old: obj({ a: str }, { required: ['a'] }),
    new: obj({ a: str }),
    expect: { input: ['additive', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    name: 'nullable added (OpenAPI 3.0)',
    old: obj({ a: str }),
    new: obj({ a: { type: 'string', nullable: true } }),
    expect: { input: ['additive', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    name: 'a widened type (integer → number)',
    old: obj({ n: { type: 'integer' } }),
    new: obj({ n: { type: 'number' } }),
    expect: { input: ['additive', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    name: 'a new enum value',
    old: obj({ s: { enum: ['active'] } }),
    new: obj({ s: { enum: ['active', 'frozen'] } }),
    expect: { input: ['additive', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    name: 'looser bounds',
    old: obj({ n: { type: 'integer', maximum: 10 } }),
    new: obj({ n: { type: 'integer', maximum: 100 } }),
    expect: { input: ['additive', 'additive'], output: ['breaking', 'breaking'] },
  },
  {
    // Strict: an open object already admitted `b` with any value; declaring it constrains that.
    name: 'an optional field added to an open object',
    old: obj({ a: str }),
    new: obj({ a: str, b: str }),
    expect: { input: ['additive', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'an optional field added to a closed object',
    old: obj({ a: str }, { additionalProperties: false }),
    new: obj({ a: str, b: str }, { additionalProperties: false }),
    expect: { input: ['additive', 'additive'], output: ['additive', 'breaking'] },
  },
  {
    name: 'an open object closed',
    old: obj({ a: str }),
    new: obj({ a: str }, { additionalProperties: false }),
    expect: { input: ['dangerous', 'breaking'], output: ['additive', 'additive'] },
  },
  {
    name: 'an input default changed',
    old: obj({ size: { type: 'integer', default: 100 } }),
    new: obj({ size: { type: 'integer', default: 50 } }),
    expect: { input: ['dangerous', 'dangerous'], output: ['none', 'none'] },
  },
  {
    name: '$ref extracted into $defs (same meaning)',
    old: obj({ home: obj({ street: str }, { required: ['street'] }) }),
    new: {
      ...obj({ home: { $ref: '#/$defs/Address' } }),
      $defs: { Address: obj({ street: str }, { required: ['street'] }) },
    },
    expect: { input: ['none', 'none'], output: ['none', 'none'] },
  },
];

const dir = mkdtempSync(join(tmpdir(), 'contractguard-design-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verdict(
  oldFile: string,
  newFile: string,
  direction: string,
  semantics: string,
): Promise<string> {
  let stdout = '';
  let stderr = '';
  const argv = ['diff-schemas', '--direction', direction, '--semantics', semantics, '--format', 'json'];
  const code = await run([...argv, oldFile, newFile], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: dir,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { verdict: string }).verdict;
}

describe('DESIGN §2 examples through the CLI', () => {
  EXAMPLES.forEach((example, i) => {
    writeFileSync(join(dir, `${i}-old.json`), JSON.stringify(example.old));
    writeFileSync(join(dir, `${i}-new.json`), JSON.stringify(example.new));
    for (const direction of ['input', 'output'] as const) {
      (['pragmatic', 'strict'] as const).forEach((semantics, s) => {
        const expected = example.expect[direction][s];
        it(`${example.name}: ${direction}, ${semantics} → ${expected}`, async () => {
          expect(await verdict(`${i}-old.json`, `${i}-new.json`, direction, semantics)).toBe(expected);
        });
      });
    }
  });
});
