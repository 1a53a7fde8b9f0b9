/**
 * Coverage of counterexamples on the shared corpora (test/corpora/): in strict semantics, the share of
 * breaking changes that carry a verified counterexample, per corpus, both directions together. Each instance
 * is checked again here with ajv. The floor is the target (90%); the figures are printed. Some
 * changes have no witness at all: an unanchored `pattern: "[a-z]*"` removed matches every string (the
 * classifier over-approximates there), so those count as unproven, as they should.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

import { compileResolved, validateWith } from '../../src/consumers/validator.js';
import { diffSchemas } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { withCounterexamples } from '../../src/evidence/attach.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import type { ResolvedSchema, SchemaValue } from '../../src/schema/types.js';

const CORPORA = ['apicurio', 'atlassian-json-schema-diff'] as const;
const MIN_COVERAGE = 0.9;

/**
 * Rules on annotation keywords: ajv (like JSON Schema 2019-09 and later) does not assert `contentEncoding` or
 * `contentMediaType`, so no validator-verified instance can prove these changes. They are left out of the
 * share, never given an unverified instance.
 */
const ANNOTATION_RULE = /^content-(encoding|media-type)-/;

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

describe('counterexample coverage on the shared corpora', () => {
  for (const corpus of CORPORA) {
    it(`${corpus}: ≥ ${MIN_COVERAGE * 100}% of strict breaking changes carry a verified counterexample`, async () => {
      const cases = JSON.parse(
        readFileSync(new URL(`../corpora/${corpus}/cases.json`, import.meta.url), 'utf8'),
      ) as { id: string; old_schema: SchemaValue; new_schema: SchemaValue }[];
      let breaking = 0;
      let proven = 0;
      const missing: string[] = [];
      for (const c of cases) {
        const o = resolved(c.old_schema, 'old.json');
        const n = resolved(c.new_schema, 'new.json');
        for (const direction of ['input', 'output'] as const) {
          const options = { direction, semantics: 'strict' as const };
          const result = withCounterexamples(await diffSchemas(o, n, options), o, n, direction);
          const breaks = result.changes.filter(
            (x) => x.severity === 'breaking' && !ANNOTATION_RULE.test(x.rule),
          );
          for (const change of breaks) {
            breaking++;
            const ce = change.counterexample;
            if (ce === undefined) {
              missing.push(`${c.id} ${direction} ${change.rule} ${change.path}`);
              continue;
            }
            const [yes, no] = ce.validAgainst === 'old' ? [o, n] : [n, o];
            expect(accepts(yes, ce.value)).toBe(true);
            expect(accepts(no, ce.value)).toBe(false);
            proven++;
          }
        }
      }
      const share = breaking === 0 ? 1 : proven / breaking;
      console.log(
        `${corpus}: ${proven}/${breaking} strict breaking changes proven (${(share * 100).toFixed(1)}%)` +
          (missing.length > 0 ? `; without: ${missing.join('; ')}` : ''),
      );
      expect(share).toBeGreaterThanOrEqual(MIN_COVERAGE);
    }, 120_000);
  }
});
