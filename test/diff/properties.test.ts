/**
 * Property tests of the classifier over generated JSON Schemas (test/diff/arbitraries.ts).
 * The semantic check (json-schema-diff in a worker) gets a short time limit: what it does not answer in time
 * stays `dangerous`, which none of these properties depends on, and the whole file stays well under 30 s.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { DiffOptions, DiffResult, Direction, Semantics, Severity } from '../../src/diff/types.js';
import { schemaArb, schemaPairArb } from './arbitraries.js';

/** 200 per property in CI; PROPERTY_RUNS=5000 for a longer local hunt. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEMANTIC_TIMEOUT_MS = 150;
const PATIENT_TIMEOUT_MS = 5000;
const TEST_TIMEOUT_MS = 60_000;
const SEVERITIES: readonly Severity[] = ['breaking', 'dangerous', 'additive', 'none'];
const MODES: readonly { direction: Direction; semantics: Semantics }[] = [
  { direction: 'input', semantics: 'strict' },
  { direction: 'output', semantics: 'strict' },
  { direction: 'input', semantics: 'pragmatic' },
  { direction: 'output', semantics: 'pragmatic' },
];

/** Either family: every keyword, or only those the semantic check accepts. */
const anySchema = fc.oneof(schemaArb(), schemaArb({ eligibleOnly: true }));

/** Whether a semantic check ran out of time or lost its worker (an answer about timing, not about schemas). */
function timedOut(result: DiffResult): boolean {
  return result.changes.some(
    (c) => typeof c.args.undecided === 'string' && /no answer within|worker/.test(c.args.undecided),
  );
}

function options(direction: Direction, semantics: Semantics): DiffOptions {
  return { direction, semantics, semanticTimeoutMs: SEMANTIC_TIMEOUT_MS };
}

afterAll(async () => {
  await shutdownSemanticWorker();
});

describe('classifier properties', () => {
  it(
    '(a) a schema diffed against itself is `none`, with no change above `none`',
    async () => {
      await fc.assert(
        fc.asyncProperty(anySchema, async (a) => {
          for (const { direction, semantics } of MODES) {
            const r = await diff(a, a, options(direction, semantics));
            expect(r.changes.filter((c) => c.severity !== 'none')).toEqual([]);
            expect(r.verdict).toBe('none');
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '(b) a schema diffed against a structured clone of itself is `none`',
    async () => {
      await fc.assert(
        fc.asyncProperty(anySchema, async (a) => {
          for (const { direction, semantics } of MODES) {
            const r = await diff(a, structuredClone(a), options(direction, semantics));
            expect(r.changes.filter((c) => c.severity !== 'none')).toEqual([]);
            expect(r.verdict).toBe('none');
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '(c) strict mirror: input a→b is breaking exactly when output b→a is breaking',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaPairArb(), async ([a, b]) => {
          let forward = await diff(a, b, options('input', 'strict'));
          let backward = await diff(b, a, options('output', 'strict'));
          if (timedOut(forward) || timedOut(backward)) {
            // The short limit ran out on one side only (a busy machine, a worker restart): ask again with a
            // long one, so the property compares answers rather than timings.
            const patient = { semanticTimeoutMs: PATIENT_TIMEOUT_MS } as const;
            forward = await diff(a, b, { direction: 'input', semantics: 'strict', ...patient });
            backward = await diff(b, a, { direction: 'output', semantics: 'strict', ...patient });
            fc.pre(!timedOut(forward) && !timedOut(backward));
          }
          expect(
            forward.verdict === 'breaking',
            `input a→b: ${forward.verdict}; output b→a: ${backward.verdict}`,
          ).toBe(backward.verdict === 'breaking');
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '(d) never throws on generated pairs, and the verdict is one of the four severities',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaPairArb(), async ([a, b]) => {
          for (const { direction, semantics } of MODES) {
            const r = await diff(a, b, options(direction, semantics));
            expect(SEVERITIES).toContain(r.verdict);
            for (const c of r.changes) expect(SEVERITIES).toContain(c.severity);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '(e) every change has a one-sentence message (no NaN or [object Object] slips) and a JSON-pointer path',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaPairArb(), async ([a, b]) => {
          for (const { direction, semantics } of MODES) {
            const r = await diff(a, b, options(direction, semantics));
            for (const c of r.changes) {
              expect(c.message.trim().length, `message of ${c.rule}`).toBeGreaterThan(1);
              expect(c.message.endsWith('.'), `message of ${c.rule}: ${c.message}`).toBe(true);
              // A rendering slip (a number parsed from a missing token, an object interpolated) must never reach a reader.
              expect(c.message, `message of ${c.rule}`).not.toMatch(/\bNaN\b|\[object Object\]/);
              for (const p of [c.path, c.oldPath, c.newPath]) {
                expect(p === '' || p.startsWith('/'), `path ${JSON.stringify(p)} of ${c.rule}`).toBe(true);
              }
            }
          }
        }),
        // Found by this property: always tried first, whatever the seed.
        { numRuns: NUM_RUNS, examples: [[[{ oneOf: [{}, { type: 'null' }] }, {}]]] },
      );
    },
    TEST_TIMEOUT_MS,
  );
});
