/**
 * The soundness self-check: the classifier's strict verdicts against ajv, over generated schema pairs
 * (test/diff/arbitraries.ts: every keyword, and only the semantic check's keywords; independent and edited
 * pairs) and generated instances.
 *
 * - Whenever the classifier says `none` or `additive` for a direction in strict semantics, no instance may
 *   contradict it: an input valid against old is valid against new; an output valid against new is valid
 *   against old. The instances: `INSTANCES` drawn per pair from the schemas' own value pools, the minimal and
 *   full instances made from each schema, and whatever the counterexample search (src/evidence) finds when
 *   asked to refute the claim at the root.
 * - Whenever a change carries a counterexample, ajv agrees: valid against the side it names, invalid against
 *   the other.
 *
 * Per CI run: `PAIRS` pairs × 2 directions per property (the figures are in the test names, and the counts
 * of claims and instances actually checked are printed). SOUNDNESS_RUNS=20000 for a campaign by hand; its
 * size and findings are recorded in docs/evidence.md. Its first finding was ajv's, not the classifier's: ajv
 * reads inherited members (`{}` fails `properties: { constructor: false }`), so instances are validated as
 * JSON, through asJsonInstance, here and in src/evidence.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { diffSchemas } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { Direction } from '../../src/diff/types.js';
import { withCounterexamples } from '../../src/evidence/attach.js';
import { breaksInclusion, findCounterexample } from '../../src/evidence/counterexample.js';
import { asJsonInstance } from '../../src/evidence/slice.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import type { ResolvedSchema, SchemaValue } from '../../src/schema/types.js';
import { generateRequest } from '../../src/verify/generate.js';
import { instanceArb, schemaPairArb } from '../diff/arbitraries.js';

const PAIRS = Number(process.env.SOUNDNESS_RUNS ?? 100);
/** Generated instances per pair, besides the ones made from the schemas and the search's. */
const INSTANCES = 24;
const SEMANTIC_TIMEOUT_MS = 150;
const TEST_TIMEOUT_MS = Math.max(60_000, PAIRS * 200);
const DIRECTIONS: readonly Direction[] = ['input', 'output'];

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
 * Whether ajv accepts `value` as JSON (own properties only: asJsonInstance); undefined when the schema or the
 * value cannot be checked (a pattern RE2 cannot match, nesting too deep). A boolean root is decided here:
 * compileResolved does not compile one.
 */
function accepts(schema: ResolvedSchema, value: unknown): boolean | undefined {
  if (typeof schema.root === 'boolean') return schema.root;
  const compiled = compileResolved(schema);
  if ('error' in compiled) return undefined;
  const errors = validateWith(compiled, asJsonInstance(value));
  return 'error' in errors ? undefined : errors.length === 0;
}

function checkable(schema: ResolvedSchema): boolean {
  return typeof schema.root === 'boolean' || !('error' in compileResolved(schema));
}

/** The minimal and full instances made from a schema (src/verify/generate.ts), where it makes one. */
function madeFrom(schema: ResolvedSchema): unknown[] {
  const out: unknown[] = [];
  for (const variant of ['minimal', 'full'] as const) {
    const made = generateRequest(schema.root, variant, { samples: new Map() });
    if ('value' in made) out.push(made.value);
  }
  return out;
}

function options(direction: Direction): {
  direction: Direction;
  semantics: 'strict';
  semanticTimeoutMs: number;
} {
  return { direction, semantics: 'strict', semanticTimeoutMs: SEMANTIC_TIMEOUT_MS };
}

describe('soundness self-check (strict semantics, checked with ajv)', () => {
  it(
    `none/additive is never contradicted by an instance (${PAIRS} pairs × 2 directions; ${INSTANCES} generated instances per pair, plus 4 made from the schemas and the search's refutation attempt)`,
    async () => {
      const counts = { pairs: 0, uncheckable: 0, claims: 0, tried: 0, premise: 0 };
      await fc.assert(
        fc.asyncProperty(
          schemaPairArb(),
          fc.array(instanceArb(), { minLength: INSTANCES, maxLength: INSTANCES }),
          async ([a, b], instances) => {
            counts.pairs++;
            const o = resolved(a, 'old.json');
            const n = resolved(b, 'new.json');
            if (!checkable(o) || !checkable(n)) {
              counts.uncheckable++;
              return;
            }
            for (const direction of DIRECTIONS) {
              const { verdict } = await diffSchemas(o, n, options(direction));
              if (verdict !== 'none' && verdict !== 'additive') continue;
              counts.claims++;
              // Input: old ⊆ new; output: new ⊆ old.
              const [premise, conclusion] = direction === 'input' ? [o, n] : [n, o];
              const probe = findCounterexample(o, n, direction, { oldPath: '', newPath: '' });
              const pool = [...instances, ...madeFrom(o), ...madeFrom(n), ...(probe ? [probe.value] : [])];
              for (const x of pool) {
                counts.tried++;
                if (accepts(premise, x) !== true) continue;
                counts.premise++;
                const holds = accepts(conclusion, x);
                if (holds === undefined) continue;
                expect(
                  holds,
                  `${direction} verdict ${verdict}, yet ${JSON.stringify(x)} is valid against ` +
                    `${direction === 'input' ? 'old' : 'new'} and not against ${direction === 'input' ? 'new' : 'old'}` +
                    `\nold: ${JSON.stringify(a)}\nnew: ${JSON.stringify(b)}`,
                ).toBe(true);
              }
            }
          },
        ),
        {
          numRuns: PAIRS,
          // Found by the campaigns, always tried first: ajv reading Object.prototype's `constructor` (F1);
          // ajv not knowing OpenAPI's `nullable`, which the classifier reads (F8); ajv's `multipleOf` taking
          // -1e308 for no multiple of 1 (F9).
          examples: [
            [
              [
                { properties: { constructor: false } },
                {
                  additionalProperties: {
                    oneOf: [{ anyOf: [{ type: 'null' }], type: ['object'] }],
                    additionalProperties: false,
                  },
                },
              ],
              Array.from({ length: INSTANCES }, () => ({})),
            ],
            [
              [
                { nullable: true, type: ['integer'], uniqueItems: false },
                { if: {}, then: { type: ['null', 'integer'] } },
              ],
              Array.from({ length: INSTANCES }, () => null),
            ],
            [
              [{ type: ['integer'] }, { type: ['integer'], multipleOf: 1 }],
              Array.from({ length: INSTANCES }, () => -1e308),
            ],
          ],
        },
      );
      console.log(
        `soundness: ${counts.pairs} pairs (${counts.uncheckable} not compilable by ajv) × 2 directions: ` +
          `${counts.claims} none/additive verdicts checked against ${counts.tried} instances, ` +
          `${counts.premise} of them valid on the premise side; the search refuted none`,
      );
      // Not vacuous: verdicts are checked, and against instances that meet the premise.
      expect(counts.claims).toBeGreaterThan(0);
      expect(counts.premise).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `every counterexample is valid against the side it names and invalid against the other (${PAIRS} pairs × 2 directions)`,
    async () => {
      let offered = 0;
      await fc.assert(
        fc.asyncProperty(schemaPairArb(), async ([a, b]) => {
          const o = resolved(a, 'old.json');
          const n = resolved(b, 'new.json');
          for (const direction of DIRECTIONS) {
            const result = withCounterexamples(await diffSchemas(o, n, options(direction)), o, n, direction);
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
        { numRuns: PAIRS },
      );
      console.log(`soundness: ${PAIRS} pairs × 2 directions: ${offered} counterexamples verified`);
      // Not vacuous: generated pairs do get counterexamples.
      expect(offered).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );
});
