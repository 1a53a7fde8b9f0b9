/**
 * Hostile and malformed input, through the public entry points (`diff`, `resolveSchema`): every one ends in a
 * `SchemaError` that names the problem and, where there is one, the JSON pointer — or in a correct result.
 * Never a crash (TypeError, RangeError), never a hang, never a network request, never a wrong `none`.
 */
import * as net from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { DiffResult, Direction } from '../../src/diff/types.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError, type SchemaValue } from '../../src/schema/types.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const STRICT_INPUT = { direction: 'input', semantics: 'strict' } as const;

/** Runs `diff` and returns the SchemaError it rejects with; fails the test on a result or any other error. */
async function schemaError(oldSchema: unknown, newSchema: unknown): Promise<SchemaError> {
  let outcome: unknown;
  try {
    outcome = await diff(oldSchema as SchemaValue, newSchema as SchemaValue, STRICT_INPUT);
  } catch (e) {
    outcome = e;
  }
  if (!(outcome instanceof SchemaError)) {
    throw new Error(
      `expected a SchemaError, got ${outcome instanceof Error ? outcome.stack : JSON.stringify(outcome)}`,
    );
  }
  return outcome;
}

/** The verdict in each direction, under strict semantics. */
async function verdicts(
  oldSchema: SchemaValue,
  newSchema: SchemaValue,
): Promise<Record<Direction, DiffResult>> {
  return {
    input: await diff(oldSchema, newSchema, { direction: 'input', semantics: 'strict' }),
    output: await diff(oldSchema, newSchema, { direction: 'output', semantics: 'strict' }),
  };
}

/** A schema `levels` deep in `properties`, built iteratively (no recursion to build it either). */
function nested(levels: number): SchemaValue {
  let schema: SchemaValue = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

describe('malformed values where a schema should be', () => {
  it('a number as a property schema is a SchemaError naming the pointer, on either side', async () => {
    const bad = { type: 'object', properties: { a: 5 } };
    const good = { type: 'object', properties: { a: { type: 'string' } } };
    const asOld = await schemaError(bad, good);
    expect(asOld.file).toBe('<old>');
    expect(asOld.pointer).toBe('/properties/a');
    expect(asOld.message).toContain('found number 5');
    const asNew = await schemaError(good, bad);
    expect(asNew.file).toBe('<new>');
    expect(asNew.pointer).toBe('/properties/a');
    // The same schema against itself is no excuse for a silent `none`.
    await schemaError(bad, bad);
  });

  it('other non-schemas in schema positions are SchemaErrors at their pointers', async () => {
    const cases: [unknown, string][] = [
      [{ items: 'string' }, '/items'],
      [{ allOf: [{ type: 'string' }, null] }, '/allOf/1'],
      [{ anyOf: [] }, '/anyOf'],
      [{ not: [] }, '/not'],
      [{ additionalProperties: 'no' }, '/additionalProperties'],
      [{ properties: [] }, '/properties'],
      [{ type: 'strnig' }, '/type'],
      [{ required: 'a' }, '/required'],
      [{ minLength: -1 }, '/minLength'],
      [{ properties: { a: { properties: { b: 'x' } } } }, '/properties/a/properties/b'],
    ];
    for (const [schema, pointer] of cases) {
      const e = await schemaError(schema, {});
      expect(e.pointer, JSON.stringify(schema)).toBe(pointer);
    }
  });

  it('a number (or null, a string, an array) as the whole schema is a SchemaError', async () => {
    for (const whole of [5, 0, null, 'schema', [], [{ type: 'string' }]]) {
      const e = await schemaError(whole, { type: 'string' });
      expect(e.message).toMatch(/expected a JSON Schema \(object or boolean\)/);
      expect(e.file).toBe('<old>');
      expect(() => resolveSchema(whole, { file: 'x.json' })).toThrow(SchemaError);
    }
  });

  it('values JSON cannot hold (NaN, Infinity, functions, class instances) are SchemaErrors at their pointer', async () => {
    const cases: [unknown, string][] = [
      [{ maximum: Number.NaN }, '/maximum'],
      [{ minimum: Number.POSITIVE_INFINITY }, '/minimum'],
      [{ properties: { a: { const: () => 1 } } }, '/properties/a/const'],
      [{ properties: { a: { default: new Date(0) } } }, '/properties/a/default'],
    ];
    for (const [schema, pointer] of cases) {
      const e = await schemaError(schema, {});
      expect(e.pointer, String(pointer)).toBe(pointer);
      expect(e.message).toContain('not JSON data');
    }
    // A JSON number too big for a double parses to Infinity: refused the same way, not compared as a bound.
    const overflow: unknown = JSON.parse('{"type":"number","maximum":1e309}');
    expect((await schemaError(overflow, {})).pointer).toBe('/maximum');
  });

  it('an object graph that contains itself is a SchemaError, not an infinite walk', async () => {
    const loop: Record<string, unknown> = { type: 'object', properties: {} };
    (loop.properties as Record<string, unknown>).self = loop;
    const e = await schemaError(loop, {});
    expect(e.message).toContain('reference cycle');
    expect(e.pointer).toBe('/properties/self');
  });
});

describe('$ref', () => {
  it('`{"$ref": "#"}` is a clear error: a ref that leads only to itself', async () => {
    const e = await schemaError({ $ref: '#' }, { type: 'object' });
    expect(e.message).toMatch(/\$ref cycle/);
    expect(e.pointer).toBe('/$ref');
  });

  it('a cycle A → B → A of bare refs is a clear error naming the chain', async () => {
    const schema = {
      type: 'object',
      properties: { x: { $ref: '#/$defs/A' } },
      $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } },
    };
    const e = await schemaError(schema, { type: 'object' });
    expect(e.message).toContain('#/$defs/A');
    expect(e.message).toContain('#/$defs/B');
    expect(e.message).toMatch(/\$ref cycle/);
    // Unreferenced, it is still an error: resolution does not depend on reachability from the root.
    expect(() => resolveSchema(schema, { file: 'x.json' })).toThrow(SchemaError);
  });

  it('recursion through a real schema is not a cycle error: it diffs, and a change inside it is found', async () => {
    const tree = (leaf: string): SchemaValue => ({
      $defs: {
        node: {
          type: 'object',
          properties: { value: { type: leaf }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      $ref: '#/$defs/node',
    });
    expect((await diff(tree('string'), tree('string'), STRICT_INPUT)).verdict).toBe('none');
    const changed = await diff(tree('string'), tree('integer'), STRICT_INPUT);
    expect(changed.verdict).toBe('breaking');
    expect(changed.changes.some((c) => c.path.endsWith('/properties/value/type'))).toBe(true);
    // `{"$ref": "#"}` below the root is recursion, not a cycle.
    const selfRef = { type: 'object', properties: { next: { $ref: '#' } } };
    expect((await diff(selfRef, structuredClone(selfRef), STRICT_INPUT)).verdict).toBe('none');
  });

  it('a remote $ref (https, http) is refused at once, with no network access', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    // 10.255.255.1 is unroutable: any attempt to fetch it would hang until the test's own timeout.
    for (const ref of [
      'https://10.255.255.1/schema.json',
      'https://example.com/schemas/order.json#/$defs/Order',
      'http://10.255.255.1/schema.json',
    ]) {
      const e = await schemaError({ type: 'object', properties: { a: { $ref: ref } } }, { type: 'object' });
      expect(e.message).toMatch(/refusing to fetch remote \$ref/);
      expect(e.pointer).toBe('/properties/a/$ref');
    }
    expect(connect).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('size and depth', () => {
  it('10,000-deep nesting of `properties` is a clear error, not a stack overflow', async () => {
    const deep = nested(10_000);
    const asOld = await schemaError(deep, { type: 'object' });
    expect(asOld.message).toMatch(/nests deeper than \d+ levels/);
    expect(asOld.pointer?.startsWith('/properties/a/properties/a')).toBe(true);
    expect(asOld.pointer?.length).toBeLessThan(120); // shortened for a message
    const asNew = await schemaError({ type: 'object' }, deep);
    expect(asNew.file).toBe('<new>');
  });

  it('nesting just inside the depth limit still diffs, and finds a change at the bottom', async () => {
    // Two containers per level (the schema object and its `properties`); the default limit is 256.
    const levels = 120;
    const before = nested(levels);
    const after = structuredClone(before);
    let bottom = after as Record<string, unknown>;
    for (let i = 0; i < levels; i++)
      bottom = (bottom.properties as Record<string, Record<string, unknown>>).a!;
    bottom.type = 'integer';
    expect((await diff(before, structuredClone(before), STRICT_INPUT)).verdict).toBe('none');
    const r = await diff(before, after, STRICT_INPUT);
    expect(r.verdict).toBe('breaking');
    expect(r.changes[0]?.path).toBe(`${'/properties/a'.repeat(levels)}/type`);
  });

  it('a schema with 20,000 properties diffs to a result', async () => {
    const props: Record<string, SchemaValue> = {};
    for (let i = 0; i < 20_000; i++) props[`p${i}`] = { type: 'string' };
    const wide: SchemaValue = { type: 'object', properties: props, required: ['p0', 'p19999'] };
    expect((await diff(wide, structuredClone(wide), STRICT_INPUT)).verdict).toBe('none');
    const changed = structuredClone(wide);
    (changed.properties as Record<string, SchemaValue>).p12345 = { type: 'integer' };
    const r = await verdicts(wide, changed);
    expect(r.input.verdict).toBe('breaking');
    expect(r.output.verdict).toBe('breaking');
    expect(r.input.changes.map((c) => c.path)).toContain('/properties/p12345/type');
  });
});

describe('hostile regular expressions', () => {
  const evilName = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';
  const evil = '^(a+)+$';

  it('`^(a+)+$` as pattern and patternProperties key, with a property that makes it backtrack, finishes', async () => {
    const before: SchemaValue = {
      type: 'object',
      properties: { [evilName]: { type: 'string', pattern: evil } },
      patternProperties: { [evil]: { type: 'integer' } },
      additionalProperties: false,
    };
    // Dropping the declared property: its name does not match `^(a+)+$` (the `!`), so it now falls to
    // `additionalProperties: false` and is rejected. Deciding that means matching the name against the regex.
    const after: SchemaValue = {
      type: 'object',
      patternProperties: { [evil]: { type: 'integer' } },
      additionalProperties: false,
    };
    const r = await verdicts(before, after);
    expect(r.input.verdict).toBe('breaking');
    expect(r.output.verdict).not.toBe('breaking');
  });

  it('`^(a+)+$` against a const that backtracks finishes', async () => {
    const r = await verdicts(
      { type: 'string', pattern: evil, maxLength: 100 },
      { type: 'string', pattern: evil, maxLength: 100, enum: [evilName, 'aaaa'] },
    );
    // New admits only "aaaa" (the other enum value fails the pattern): fewer values, nothing new.
    expect(r.input.verdict).toBe('breaking');
    expect(r.output.verdict).not.toBe('breaking');
  });

  it('an invalid regex is a SchemaError at its pointer, not a crash', async () => {
    expect((await schemaError({ pattern: '(' }, {})).pointer).toBe('/pattern');
    expect((await schemaError({ patternProperties: { '[': {} } }, {})).pointer).toBe('/patternProperties/[');
  });
});

describe('property names that are Object.prototype members', () => {
  /** From JSON text, so `__proto__` is an own key, as it is in a parsed contract file. */
  const parse = (text: string): SchemaValue => JSON.parse(text) as SchemaValue;

  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const key = JSON.stringify(name);
    const property = (type: string): SchemaValue =>
      parse(`{"type":"object","properties":{${key}:{"type":"${type}"}},"required":[${key}]}`);

    describe(name, () => {
      it('as a property, diffed against itself: `none`', async () => {
        const s = property('string');
        const r = await verdicts(s, structuredClone(s));
        expect([r.input.verdict, r.output.verdict]).toEqual(['none', 'none']);
      });

      it('as a dependentRequired key or a required name, diffed against itself: `none`, no throw', async () => {
        const s = parse(`{"type":"object","dependentRequired":{${key}:["id"]},"required":[${key}]}`);
        const r = await verdicts(s, structuredClone(s));
        expect([r.input.verdict, r.output.verdict]).toEqual(['none', 'none']);
      });

      it('as a dependentRequired key, a dependency added is found', async () => {
        const r = await verdicts(
          parse(`{"dependentRequired":{${key}:["id"]}}`),
          parse(`{"dependentRequired":{${key}:["id","b"]}}`),
        );
        expect([r.input.verdict, r.output.verdict]).toEqual(['breaking', 'additive']);
      });

      it('a type change of the property is found', async () => {
        const r = await verdicts(property('string'), property('integer'));
        expect([r.input.verdict, r.output.verdict]).toEqual(['breaking', 'breaking']);
        expect(r.input.changes.map((c) => c.path)).toContain(`/properties/${name}/type`);
      });

      const closed = parse('{"type":"object","additionalProperties":false}');
      const withIt = parse(
        `{"type":"object","properties":{${key}:{"type":"string"}},"additionalProperties":false}`,
      );

      it('added to a closed object, it widens it', async () => {
        const added = await verdicts(closed, withIt);
        expect([added.input.verdict, added.output.verdict]).toEqual(['additive', 'breaking']);
      });

      it('removed from a closed object, it narrows it', async () => {
        const removed = await verdicts(withIt, closed);
        expect([removed.input.verdict, removed.output.verdict]).toEqual(['breaking', 'additive']);
      });
    });
  }

  it('`__proto__` as a keyword key pollutes nothing', async () => {
    const hostile = parse(
      '{"type":"object","__proto__":{"polluted":true,"type":"string"},' +
        '"properties":{"a":{"__proto__":{"polluted":true}}}}',
    );
    const r = await diff(hostile, structuredClone(hostile), STRICT_INPUT);
    expect(r.verdict).toBe('none');
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.type).toBeUndefined();
  });
});

describe('huge numbers in bounds', () => {
  it('bounds near the limits of a double compare exactly', async () => {
    const lowered = await verdicts(
      { type: 'number', minimum: -1e308, maximum: 1e308 },
      { type: 'number', minimum: -1e308, maximum: 1e307 },
    );
    expect(lowered.input.verdict).toBe('breaking');
    expect(lowered.output.verdict).not.toBe('breaking');

    const max = Number.MAX_VALUE;
    const widened = await verdicts({ type: 'number', minimum: -1e308 }, { type: 'number', minimum: -max });
    expect(widened.input.verdict).not.toBe('breaking');
    expect(widened.output.verdict).toBe('breaking');

    // 1e308 and 1.0000000000000001e308 (as a contract file may spell it) are the same double: nothing changed.
    const same = await verdicts(
      { maximum: 1e308 },
      JSON.parse('{"maximum":1.0000000000000001e308}') as SchemaValue,
    );
    expect([same.input.verdict, same.output.verdict]).toEqual(['none', 'none']);

    // Inclusive → exclusive at 1e308 rejects exactly one value, 1e308 itself.
    const exclusive = await verdicts(
      { type: 'number', maximum: 1e308 },
      { type: 'number', exclusiveMaximum: 1e308 },
    );
    expect(exclusive.input.verdict).toBe('breaking');
    expect(exclusive.output.verdict).not.toBe('breaking');
  });

  it('huge integer bounds, lengths and multipleOf finish and print no Infinity or NaN', async () => {
    const r = await verdicts(
      { type: 'integer', minimum: 1e308, multipleOf: 1e-300 },
      { type: 'integer', minimum: 1e307, multipleOf: 1e300, maxLength: 1e15 },
    );
    for (const res of [r.input, r.output]) {
      expect(['breaking', 'dangerous', 'additive', 'none']).toContain(res.verdict);
      for (const c of res.changes) expect(c.message).not.toMatch(/Infinity|NaN/);
    }
  });
});
