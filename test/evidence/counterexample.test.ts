/**
 * Counterexamples per rule family: each instance the generator offers is checked here again with ajv, valid
 * against one side and invalid against the other, and changes that do not break set inclusion get none.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { diffSchemas } from '../../src/diff/index.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { Change, Direction, Semantics } from '../../src/diff/types.js';
import type { ResolvedSchema, SchemaValue } from '../../src/schema/types.js';
import { withCounterexamples } from '../../src/evidence/attach.js';
import { breaksInclusion, findCounterexample } from '../../src/evidence/counterexample.js';
import { counterexampleText, noWitnessNote } from '../../src/report/counterexample.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

function resolved(schema: SchemaValue, file: string): ResolvedSchema {
  return resolveSchema(schema, {
    file,
    readDocument: () => {
      throw new Error('no files here');
    },
  });
}

function valid(schema: ResolvedSchema, value: unknown): boolean {
  const compiled = compileResolved(schema);
  if ('error' in compiled) throw new Error(compiled.error);
  const errors = validateWith(compiled, value);
  if ('error' in errors) throw new Error(errors.error);
  return errors.length === 0;
}

async function changes(
  before: SchemaValue,
  after: SchemaValue,
  direction: Direction,
  semantics: Semantics = 'strict',
): Promise<{ changes: Change[]; old: ResolvedSchema; new: ResolvedSchema }> {
  const o = resolved(before, 'old.json');
  const n = resolved(after, 'new.json');
  const result = withCounterexamples(await diffSchemas(o, n, { direction, semantics }), o, n, direction);
  return { changes: result.changes, old: o, new: n };
}

/** The change of `rule`, its counterexample verified independently of the generator. */
async function proven(
  before: SchemaValue,
  after: SchemaValue,
  direction: Direction,
  rule: string,
  semantics: Semantics = 'strict',
): Promise<unknown> {
  const r = await changes(before, after, direction, semantics);
  const change = r.changes.find((c) => c.rule === rule);
  expect(change, `${rule} in ${r.changes.map((c) => c.rule).join(', ')}`).toBeDefined();
  const counterexample = change?.counterexample;
  expect(counterexample, `a counterexample for ${rule}`).toBeDefined();
  if (counterexample === undefined) return undefined;
  const [yes, no] = counterexample.validAgainst === 'old' ? [r.old, r.new] : [r.new, r.old];
  expect(counterexample.validAgainst).toBe(direction === 'input' ? 'old' : 'new');
  expect(valid(yes, counterexample.value)).toBe(true);
  expect(valid(no, counterexample.value)).toBe(false);
  return counterexample.value;
}

const object = (properties: Record<string, SchemaValue>, required: string[] = [], extra: object = {}) => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

describe('counterexamples per rule family', () => {
  it('bounds: numbers, lengths, item counts', async () => {
    const qty = (b: object) => object({ id: { type: 'string' }, qty: { type: 'integer', ...b } }, ['id']);
    expect(await proven(qty({ maximum: 100 }), qty({ maximum: 10 }), 'input', 'maximum-decreased')).toEqual({
      id: 'contractguard',
      qty: 100,
    });
    await proven(qty({}), qty({ minimum: 5 }), 'input', 'minimum-added');
    await proven(qty({ maximum: 10 }), qty({ maximum: 100 }), 'output', 'maximum-increased');
    await proven(qty({}), qty({ multipleOf: 2 }), 'input', 'multiple-of-added');
    const name = (b: object) => object({ name: { type: 'string', ...b } }, ['name']);
    const long = await proven(name({}), name({ maxLength: 3 }), 'input', 'max-length-added');
    expect(long).toEqual({ name: 'xxxx' });
    await proven(name({ minLength: 1 }), name({ minLength: 4 }), 'input', 'min-length-increased');
    const tags = (b: object) => object({ tags: { type: 'array', items: { type: 'string' }, ...b } });
    await proven(tags({}), tags({ maxItems: 2 }), 'input', 'max-items-added');
    await proven(tags({}), tags({ uniqueItems: true }), 'input', 'unique-items-added');
  });

  it('enums and const: the value removed, or the value added to an output', async () => {
    const status = (values: string[]) => object({ status: { enum: values } }, ['status']);
    expect(await proven(status(['a', 'b']), status(['a']), 'input', 'enum-value-removed')).toEqual({
      status: 'b',
    });
    expect(await proven(status(['a']), status(['a', 'b']), 'output', 'enum-value-added')).toEqual({
      status: 'b',
    });
  });

  it('types: narrowed and changed', async () => {
    const id = (type: string | string[]) => object({ id: { type } as SchemaValue }, ['id']);
    await proven(id(['string', 'integer']), id('string'), 'input', 'type-removed');
    await proven(id('string'), id(['string', 'null']), 'output', 'type-added');
    // A type swapped is a type removed and one added: the removal is proven for an input.
    expect(await proven(id('string'), id('integer'), 'input', 'type-removed')).toEqual({
      id: 'contractguard',
    });
  });

  it('objects: required added, closed, a property constrained, removed (strict)', async () => {
    const before = object({ customerId: { type: 'string' } }, ['customerId']);
    const required = object({ customerId: { type: 'string' }, tenantId: { type: 'string' } }, [
      'customerId',
      'tenantId',
    ]);
    expect(await proven(before, required, 'input', 'required-added')).toEqual({
      customerId: 'contractguard',
    });
    const closed = { ...before, additionalProperties: false };
    expect(await proven(before, closed, 'input', 'additional-properties-closed')).toEqual({
      customerId: 'contractguard',
      extra: 'x',
    });
    await proven(before, required, 'input', 'property-added');
    const optional = object({ customerId: { type: 'string' }, legacyId: { type: 'string' } }, ['customerId']);
    await proven(optional, before, 'output', 'property-removed');
  });

  it('a property made required inside an optional object the base leaves out: that object, minimal, without it', async () => {
    const order = (required: string[]) =>
      object(
        {
          id: { type: 'string' },
          shipping: object({ street: { type: 'string' }, city: { type: 'string' } }, required),
        },
        ['id'],
      );
    expect(await proven(order(['street']), order(['street', 'city']), 'input', 'required-added')).toEqual({
      id: 'contractguard',
      shipping: { street: 'contractguard' },
    });
  });

  it('nested places: inside arrays and objects', async () => {
    const order = (max: number) =>
      object({
        lines: { type: 'array', items: object({ qty: { type: 'integer', maximum: max } }, ['qty']) },
      });
    expect(await proven(order(100), order(10), 'input', 'maximum-decreased')).toEqual({
      lines: [{ qty: 100 }],
    });
  });

  it('a property an allOf part declares (a base object and its extension), inside an array, as the PR check asks', async () => {
    const customer = (statuses: string[]) => ({
      type: 'object',
      properties: {
        customers: {
          type: 'array',
          items: {
            allOf: [
              object({ id: { type: 'string' } }, ['id']),
              object({ syncStatus: { enum: statuses } }, ['syncStatus']),
            ],
          },
        },
      },
      required: ['customers'],
    });
    const before = resolved(customer(['created']), 'old.json');
    const after = resolved(customer(['created', 'merged']), 'new.json');
    // As the PR check asks (src/evidence/attach.ts): one canonical pointer, no rule arguments.
    const path = '/properties/customers/items/properties/syncStatus/enum';
    const found = findCounterexample(before, after, 'output', {
      rule: 'enum-value-added',
      oldPath: path,
      newPath: path,
    });
    expect(found?.value).toEqual({ customers: [{ id: expect.any(String) as string, syncStatus: 'merged' }] });
    expect(valid(after, found?.value)).toBe(true);
    expect(valid(before, found?.value)).toBe(false);
  });

  it('a change the diff writes once for several union branches (`anyOf/*`, `anyOf/0,2`), as the PR check asks', () => {
    const account = (plans: string[]) => object({ plan: { enum: plans } }, ['plan']);
    const event = (plans: string[]) => ({
      anyOf: [
        object({ kind: { const: 'view' }, account: account(plans) }, ['kind', 'account']),
        object({ kind: { const: 'signup' }, account: account(plans) }, ['kind', 'account']),
      ],
    });
    const before = resolved(event(['free']), 'old.json');
    const after = resolved(event(['free', 'education']), 'new.json');
    for (const branches of ['*', '0,1']) {
      const path = `/anyOf/${branches}/properties/account/properties/plan/enum`;
      const found = findCounterexample(before, after, 'output', {
        rule: 'enum-value-added',
        oldPath: path,
        newPath: path,
      });
      expect(found?.value, branches).toEqual({ kind: 'view', account: { plan: 'education' } });
      expect(valid(after, found?.value)).toBe(true);
      expect(valid(before, found?.value)).toBe(false);
    }
  });

  it('unions: a branch removed', async () => {
    const value = (branches: SchemaValue[]) => object({ v: { anyOf: branches } }, ['v']);
    await proven(
      value([object({ a: { type: 'string' } }, ['a']), object({ b: { type: 'string' } }, ['b'])]),
      value([object({ a: { type: 'string' } }, ['a'])]),
      'input',
      // One branch left: the union is that object now, whose `b` is gone and `a` required.
      'required-added',
    );
    await proven(
      value([{ type: 'string' }, { type: 'integer' }]),
      value([{ type: 'string' }]),
      'input',
      'type-removed',
    );
  });

  it('patterns and formats', async () => {
    const code = (b: object) => object({ code: { type: 'string', ...b } }, ['code']);
    await proven(code({}), code({ pattern: '^[A-Z]{3}$' }), 'input', 'pattern-added');
    await proven(code({ pattern: '^[A-Z]+$' }), code({}), 'output', 'pattern-removed');
    await proven(code({}), code({ format: 'email' }), 'input', 'format-added');
  });
});

describe('no counterexample where set inclusion holds', () => {
  it('widening an input or narrowing an output carries none', async () => {
    const qty = (max: number) => object({ qty: { type: 'integer', maximum: max } });
    for (const [a, b, direction] of [
      [10, 100, 'input'],
      [100, 10, 'output'],
    ] as const) {
      const r = await changes(qty(a), qty(b), direction);
      expect(r.changes.length).toBeGreaterThan(0);
      for (const c of r.changes) {
        expect(breaksInclusion(c.effect, direction)).toBe(false);
        expect(c.counterexample).toBeUndefined();
      }
    }
  });

  it('an optional output property removed from a closed object: no witness, what a consumer sees instead', async () => {
    const closed = (properties: Record<string, SchemaValue>) =>
      object(properties, ['id'], { additionalProperties: false });
    const r = await changes(
      closed({ id: { type: 'string' }, legacyId: { type: 'string' } }),
      closed({ id: { type: 'string' } }),
      'output',
      'pragmatic',
    );
    const removed = r.changes.find((c) => c.rule === 'property-removed');
    expect(removed?.severity).toBe('breaking');
    expect(removed?.counterexample).toBeUndefined();
    const note = noWitnessNote({
      ...(removed as Change),
      direction: 'output',
      consumers: [{ name: 'retool-ops-dashboard' }],
    });
    expect(note).toBe(
      'no single response proves this (the old schema allowed leaving `legacyId` out); consumers would see a response without `legacyId`, which retool-ops-dashboard reads',
    );
  });
});

describe('bounds and hostile schemas', () => {
  it('stops on a recursive schema and on a pattern with a huge repetition, deterministically', async () => {
    const tree = (max: number): SchemaValue => ({
      $defs: {
        node: {
          type: 'object',
          properties: {
            v: { type: 'integer', maximum: max },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          },
        },
      },
      $ref: '#/$defs/node',
    });
    const first = await proven(tree(100), tree(10), 'input', 'maximum-decreased');
    expect(await proven(tree(100), tree(10), 'input', 'maximum-decreased')).toEqual(first);
    const hostile = (pattern: string) => object({ s: { type: 'string', pattern } }, ['s']);
    const started = Date.now();
    const o = resolved(hostile('^(a+)+$'), 'old.json');
    const n = resolved(hostile('^(a{1,1000}){1,1000}b$'), 'new.json');
    findCounterexample(o, n, 'input', { oldPath: '/properties/s', newPath: '/properties/s/pattern' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('renders the sentence short: "e.g. this request was accepted before and is rejected now"', () => {
    expect(counterexampleText({ value: { customerId: 'c1' }, validAgainst: 'old' }, 'input')).toBe(
      'e.g. this request was accepted before and is rejected now: `{"customerId":"c1"}`',
    );
    expect(counterexampleText({ value: { status: 'b' }, validAgainst: 'new' }, 'output')).toBe(
      'e.g. this response can be returned now and could not before: `{"status":"b"}`',
    );
    const long = counterexampleText({ value: { s: 'x'.repeat(500) }, validAgainst: 'old' }, 'input');
    expect(long.length).toBeLessThan(200);
    expect(long).toMatch(/…`$/);
  });
});
