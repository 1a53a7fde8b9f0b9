/**
 * Cut validators (src/evidence/slice.ts) decide exactly as the whole schema does, on every instance they are
 * used for: checked against ajv on the whole schema over generated schemas and instances, and on a tagged
 * union, where branches no instance can match are left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { asJsonInstance, slicedValidator } from '../../src/evidence/slice.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import type { ResolvedSchema, SchemaValue } from '../../src/schema/types.js';
import { instanceArb, schemaArb } from '../diff/arbitraries.js';

const RUNS = Number(process.env.SOUNDNESS_RUNS ?? 80);

function resolved(schema: SchemaValue): ResolvedSchema {
  return resolveSchema(schema, {
    file: 'schema.json',
    readDocument: () => {
      throw new Error('no files here');
    },
  });
}

/** Whether ajv accepts `value` against the whole schema; undefined when it cannot tell. */
function wholeAccepts(schema: ResolvedSchema, value: unknown): boolean | undefined {
  if (typeof schema.root === 'boolean') return schema.root;
  const compiled = compileResolved(schema);
  if ('error' in compiled) return undefined;
  const errors = validateWith(compiled, asJsonInstance(value));
  return 'error' in errors ? undefined : errors.length === 0;
}

describe('cut validators', () => {
  it(`accept exactly what the whole schema accepts (${RUNS} generated schemas × 12 instances, always cut)`, () => {
    let compared = 0;
    fc.assert(
      fc.property(schemaArb(), fc.array(instanceArb(), { minLength: 12, maxLength: 12 }), (raw, values) => {
        const schema = resolved(raw);
        const cut = slicedValidator(schema, { cutAbove: 0 });
        if (cut === undefined) return;
        for (const value of values) {
          const whole = wholeAccepts(schema, value);
          const errors = cut.validate(value);
          if (whole === undefined || errors === undefined) continue;
          compared++;
          expect(errors.length === 0, `${JSON.stringify(value)} against ${JSON.stringify(raw)}`).toBe(whole);
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(0);
  });

  it('a tagged union: an instance of a branch left out of the cut is still judged by that branch', () => {
    const branch = (kind: string, extra: Record<string, SchemaValue>) => ({
      type: 'object',
      required: ['kind', 'id'],
      properties: { kind: { const: kind }, id: { type: 'string', maxLength: 3 }, ...extra },
    });
    const schema = resolved({
      anyOf: [branch('a', { n: { type: 'integer' } }), branch('b', { n: { type: 'string' } })],
    });
    const cut = slicedValidator(schema, { cutAbove: 0 });
    expect(cut).toBeDefined();
    // The first instances meet branch `a` only: `b` is left out of the compiled schema...
    expect(cut?.validate({ kind: 'a', id: 'x', n: 1 })).toEqual([]);
    expect(cut?.validate({ kind: 'a', id: 'x', n: 'one' })?.length).toBeGreaterThan(0);
    // ...until an instance names `b`: then it is judged by `b`, as the whole schema would.
    expect(cut?.validate({ kind: 'b', id: 'x', n: 'one' })).toEqual([]);
    expect(cut?.validate({ kind: 'b', id: 'xxxx', n: 'one' })?.length).toBeGreaterThan(0);
    expect(cut?.validate('a')?.length).toBeGreaterThan(0);
  });
});
