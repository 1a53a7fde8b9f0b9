import { afterAll, describe, expect, it } from 'vitest';

import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';

afterAll(() => shutdownSemanticWorker());

/** A 2020-12 object: `$ref` to a base, its own `properties`, and `unevaluatedProperties: false` beside them. */
const closedOverBase = (base: Record<string, unknown>) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $defs: { Base: { properties: { id: { type: 'string' }, ...base } } },
  $ref: '#/$defs/Base',
  properties: { name: { type: 'string' } },
  unevaluatedProperties: false,
});

describe('unevaluatedProperties beside a $ref', () => {
  // A `$ref` is an in-place applicator: `unevaluatedProperties` sees what the base evaluated, so a property
  // added to the base is newly accepted (a widening), not newly forbidden.
  it('a property added to the base widens: additive for input, breaking for output', async () => {
    const old = closedOverBase({});
    const now = closedOverBase({ extra: { type: 'string' } });
    const input = await diff(old, now, { direction: 'input', semantics: 'strict' });
    const output = await diff(old, now, { direction: 'output', semantics: 'strict' });
    expect(input.verdict).toBe('additive');
    expect(output.verdict).toBe('breaking');
  });

  it("the base's own properties stay allowed: no change when nothing changes", async () => {
    const r = await diff(closedOverBase({}), closedOverBase({}), {
      direction: 'input',
      semantics: 'strict',
    });
    expect(r.verdict).toBe('none');
  });
});
