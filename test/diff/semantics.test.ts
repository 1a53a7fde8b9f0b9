/**
 * The two semantics side by side. `strict` is set inclusion, so an open object (no additionalProperties)
 * already admits every undeclared property with any value; `pragmatic` treats undeclared properties as
 * outside the contract. The matrix below pins where they differ and where they agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { Direction, Semantics, Severity } from '../../src/diff/types.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { type Case, obj, run, runCases } from './helpers.js';

const str = { type: 'string' };
const open = (props: Record<string, SchemaValue>, extra: Record<string, unknown> = {}) => obj(props, extra);
const closed = (props: Record<string, SchemaValue>, extra: Record<string, unknown> = {}) =>
  obj(props, { additionalProperties: false, ...extra });

interface Row {
  name: string;
  old: SchemaValue;
  new: SchemaValue;
  direction: Direction;
  rule: string;
  path: string;
  severity: Record<Semantics, Severity>;
}

const MATRIX: Row[] = [
  {
    name: 'an optional property added to an OPEN input object',
    old: open({ id: str }),
    new: open({ id: str, note: str }),
    direction: 'input',
    rule: 'property-added',
    path: '/properties/note',
    severity: { strict: 'breaking', pragmatic: 'additive' },
  },
  {
    name: 'an optional property added to a CLOSED input object',
    old: closed({ id: str }),
    new: closed({ id: str, note: str }),
    direction: 'input',
    rule: 'property-added',
    path: '/properties/note',
    severity: { strict: 'additive', pragmatic: 'additive' },
  },
  {
    name: 'a property removed from an OPEN input object',
    old: open({ id: str, note: str }),
    new: open({ id: str }),
    direction: 'input',
    rule: 'property-removed',
    path: '/properties/note',
    severity: { strict: 'additive', pragmatic: 'dangerous' },
  },
  {
    name: 'a property removed from a CLOSED input object',
    old: closed({ id: str, note: str }),
    new: closed({ id: str }),
    direction: 'input',
    rule: 'property-removed',
    path: '/properties/note',
    severity: { strict: 'breaking', pragmatic: 'breaking' },
  },
  {
    name: 'an OPEN input object closed',
    old: open({ id: str }),
    new: closed({ id: str }),
    direction: 'input',
    rule: 'additional-properties-closed',
    path: '',
    severity: { strict: 'breaking', pragmatic: 'dangerous' },
  },
  {
    name: 'a CLOSED input object opened',
    old: closed({ id: str }),
    new: open({ id: str }),
    direction: 'input',
    rule: 'additional-properties-opened',
    path: '',
    severity: { strict: 'additive', pragmatic: 'additive' },
  },
  {
    name: 'a CLOSED output object opened',
    old: closed({ id: str }),
    new: open({ id: str }),
    direction: 'output',
    rule: 'additional-properties-opened',
    path: '',
    severity: { strict: 'breaking', pragmatic: 'dangerous' },
  },
  {
    name: 'an OPEN output object closed',
    old: open({ id: str }),
    new: closed({ id: str }),
    direction: 'output',
    rule: 'additional-properties-closed',
    path: '',
    severity: { strict: 'additive', pragmatic: 'additive' },
  },
  {
    name: 'a field added to an OPEN output object (strict: it narrows what that name may hold)',
    old: open({ id: str }),
    new: open({ id: str, note: str }),
    direction: 'output',
    rule: 'property-added',
    path: '/properties/note',
    severity: { strict: 'additive', pragmatic: 'additive' },
  },
  {
    name: 'a field added to a CLOSED output object (strict: a value that was never produced)',
    old: closed({ id: str }),
    new: closed({ id: str, note: str }),
    direction: 'output',
    rule: 'property-added',
    path: '/properties/note',
    severity: { strict: 'breaking', pragmatic: 'additive' },
  },
  {
    name: 'a field removed from an OPEN output object',
    old: open({ id: str, note: str }),
    new: open({ id: str }),
    direction: 'output',
    rule: 'property-removed',
    path: '/properties/note',
    severity: { strict: 'breaking', pragmatic: 'breaking' },
  },
  {
    name: 'a field removed from a CLOSED output object (strict: it is never produced any more)',
    old: closed({ id: str, note: str }),
    new: closed({ id: str }),
    direction: 'output',
    rule: 'property-removed',
    path: '/properties/note',
    severity: { strict: 'additive', pragmatic: 'breaking' },
  },
  {
    name: 'an input default changed',
    old: open({ mode: { type: 'string', default: 'fast' } }),
    new: open({ mode: { type: 'string', default: 'safe' } }),
    direction: 'input',
    rule: 'default-changed',
    path: '/properties/mode/default',
    severity: { strict: 'dangerous', pragmatic: 'dangerous' },
  },
  {
    name: 'an output default changed',
    old: open({ mode: { type: 'string', default: 'fast' } }),
    new: open({ mode: { type: 'string', default: 'safe' } }),
    direction: 'output',
    rule: 'default-changed',
    path: '/properties/mode/default',
    severity: { strict: 'none', pragmatic: 'none' },
  },
];

runCases(
  'open vs closed objects: strict and pragmatic',
  MATRIX.flatMap((row): Case[] =>
    (['strict', 'pragmatic'] as const).map((semantics) => ({
      name: row.name,
      old: row.old,
      new: row.new,
      direction: row.direction,
      semantics,
      expect: [{ rule: row.rule, severity: row.severity[semantics], path: row.path }],
    })),
  ),
);

describe('semantics', () => {
  afterAll(async () => {
    await shutdownSemanticWorker();
  });

  it('pragmatic is the default', async () => {
    const old = open({ id: str, note: str });
    const next = open({ id: str });
    const implicit = await diff(old, next, { direction: 'input' });
    const explicit = await run(old, next, 'input', 'pragmatic');
    expect(implicit).toEqual(explicit);
    expect(implicit.verdict).toBe('dangerous');
  });

  it('a change to a declared property reads the same in both semantics', async () => {
    for (const direction of ['input', 'output'] as const) {
      const [strict, pragmatic] = await Promise.all(
        (['strict', 'pragmatic'] as const).map((semantics) =>
          run(open({ id: { type: 'integer' } }), open({ id: { type: 'number' } }), direction, semantics),
        ),
      );
      expect(strict).toEqual(pragmatic);
    }
  });
});

describe('policy overrides', () => {
  const statuses = (...values: string[]) => obj({ status: { type: 'string', enum: values } });
  runCases('overrides', [
    {
      name: "enum-value-added overridden to 'dangerous' for outputs",
      old: statuses('active'),
      new: statuses('active', 'frozen'),
      direction: 'output',
      overrides: { 'enum-value-added': { output: 'dangerous' } },
      expect: [
        {
          rule: 'enum-value-added',
          severity: 'dangerous',
          path: '/properties/status/enum',
          message: 'consumers that switch on `status` will not expect it',
        },
      ],
    },
    {
      name: 'an output override leaves inputs alone',
      old: statuses('active'),
      new: statuses('active', 'frozen'),
      direction: 'input',
      overrides: { 'enum-value-added': { output: 'dangerous' } },
      expect: [{ rule: 'enum-value-added', severity: 'additive', path: '/properties/status/enum' }],
    },
    {
      name: 'an override for another rule leaves this one alone',
      old: statuses('active'),
      new: statuses('active', 'frozen'),
      direction: 'output',
      overrides: { 'enum-value-removed': { output: 'breaking' } },
      expect: [{ rule: 'enum-value-added', severity: 'breaking', path: '/properties/status/enum' }],
    },
    {
      name: 'an override can also raise a severity',
      old: open({ id: str }),
      new: open({ id: str, note: str }),
      direction: 'output',
      semantics: 'pragmatic',
      overrides: { 'property-added': { output: 'breaking' } },
      expect: [{ rule: 'property-added', severity: 'breaking', path: '/properties/note' }],
    },
    {
      name: 'an override can silence a rule',
      old: open({ mode: { type: 'string', default: 'fast' } }),
      new: open({ mode: { type: 'string', default: 'safe' } }),
      direction: 'input',
      overrides: { 'default-changed': { input: 'none' } },
      expect: [{ rule: 'default-changed', severity: 'none', path: '/properties/mode/default' }],
    },
  ]);
});
