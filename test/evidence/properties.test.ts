/**
 * Every counterexample the generator offers verifies: over generated schema pairs (test/diff/arbitraries.ts),
 * both directions, strict semantics, each instance attached to a change is valid against the side it names
 * and invalid against the other, checked again here with ajv. 150 pairs per CI run (×2 directions);
 * PROPERTY_RUNS=5000 for a longer hunt by hand.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { diffSchemas } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { withCounterexamples } from '../../src/evidence/attach.js';
import { breaksInclusion } from '../../src/evidence/counterexample.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import type { ResolvedSchema, SchemaValue } from '../../src/schema/types.js';
import { schemaPairArb } from '../diff/arbitraries.js';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

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

/**
 * Whether ajv accepts `value`; undefined when the schema or the value cannot be checked. A boolean root is
 * decided here: compileResolved does not compile one (ajv.removeSchema refuses a boolean).
 */
function accepts(schema: ResolvedSchema, value: unknown): boolean | undefined {
  if (typeof schema.root === 'boolean') return schema.root;
  const compiled = compileResolved(schema);
  if ('error' in compiled) return undefined;
  const errors = validateWith(compiled, value);
  return 'error' in errors ? undefined : errors.length === 0;
}

describe('counterexample properties', () => {
  it('every counterexample is valid against the side it names and invalid against the other', async () => {
    let offered = 0;
    await fc.assert(
      fc.asyncProperty(schemaPairArb(), async ([a, b]) => {
        const o = resolved(a, 'old.json');
        const n = resolved(b, 'new.json');
        for (const direction of ['input', 'output'] as const) {
          const options = { direction, semantics: 'strict' as const, semanticTimeoutMs: 150 };
          const result = withCounterexamples(await diffSchemas(o, n, options), o, n, direction);
          for (const change of result.changes) {
            const c = change.counterexample;
            if (c === undefined) continue;
            offered++;
            expect(breaksInclusion(change.effect, direction)).toBe(true);
            expect(c.validAgainst).toBe(direction === 'input' ? 'old' : 'new');
            const [yes, no] = c.validAgainst === 'old' ? [o, n] : [n, o];
            expect(accepts(yes, c.value)).toBe(true);
            expect(accepts(no, c.value)).toBe(false);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    if (process.env.PROPERTY_RUNS !== undefined)
      console.log(`${NUM_RUNS} pairs × 2 directions: ${offered} counterexamples verified`);
    // The property is not vacuous: generated pairs do get counterexamples.
    expect(offered).toBeGreaterThan(0);
  }, 120_000);
});
