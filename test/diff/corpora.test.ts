/**
 * External labelled corpora (test/corpora/, copied from other projects, Apache-2.0): every case is diffed with
 * `strict` semantics in both directions and compared with its label. A case "agrees" when
 * (verdict === 'breaking') equals the label: `request_breaking` for the input direction, `response_breaking`
 * for the output direction.
 *
 * Labels are other projects' opinions. Where a label is wrong under pure set inclusion, the case is listed in
 * DISPUTED with the reason; the test fails when a listed case starts agreeing (remove the stale entry) and when
 * an unlisted case disagrees. No case is ever skipped. docs/corpora.md carries the same figures and list.
 *
 * Two figures per corpus and direction: agreement with the labels as published (at least MIN_AGREEMENT), and
 * agreement with the labels once the disputed ones are corrected (at least MIN_CORRECTED_AGREEMENT). Where a
 * dispute says a change IS breaking against a "not breaking" label, it carries a witness: an instance that ajv
 * confirms is valid against one side and invalid against the other, so that dispute is a checked fact.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { DiffResult, Direction } from '../../src/diff/types.js';
import type { SchemaValue } from '../../src/schema/types.js';

const CORPORA = { apicurio: 145, 'atlassian-json-schema-diff': 61 } as const;
type Corpus = keyof typeof CORPORA;
const DIRECTIONS: readonly Direction[] = ['input', 'output'];
/** Agreement with the published labels (apicurio's 4 disputed labels per direction cap it at 97.2%). */
const MIN_AGREEMENT = 0.97;
/** Agreement with the labels once the disputed ones below are corrected. */
const MIN_CORRECTED_AGREEMENT = 0.98;

interface Disputed {
  corpus: Corpus;
  /** The case key: `#<index> <id>` for apicurio (its ids repeat), the id for atlassian. */
  id: string;
  direction: Direction;
  /** Why the label is wrong under pure set inclusion. */
  reason: string;
  /**
   * For a change the label calls compatible that set inclusion shows breaking: an instance accepted before and
   * rejected now (input) or possible now and not before (output). The test checks it with ajv.
   */
  witness?: { value: unknown };
}

/** Labels contradicted by set inclusion. Keep in step with docs/corpora.md. */
const DISPUTED: readonly Disputed[] = [
  {
    corpus: 'apicurio',
    id: '#96 Const',
    direction: 'input',
    reason:
      'Both schemas are unsatisfiable: `type: string` with an array `const` (["3.14…"] → ["π"]) admits no value, ' +
      'before or after. The empty set equals the empty set: nothing changed.',
  },
  {
    corpus: 'apicurio',
    id: '#96 Const',
    direction: 'output',
    reason:
      'Both schemas are unsatisfiable: `type: string` with an array `const` admits no value, before or after; ' +
      'a response schema that admits nothing cannot start admitting something by swapping one impossible const for another.',
  },
  {
    corpus: 'apicurio',
    id: '#108 Complex: anyOf 1',
    direction: 'output',
    reason:
      'anyOf [{type: string}, {maxLength: 5}] → [{type: string}, {maxLength: 10}]: the only values the new branch ' +
      'adds are strings of length 6–10, which the `{type: string}` branch already admitted. The instance sets are equal.',
  },
  {
    corpus: 'apicurio',
    id: '#117 Complex: oneOf 1',
    direction: 'input',
    reason:
      'oneOf [{type: string}, {maxLength: 5}] → [{type: string}, {maxLength: 10}]: every string of length ≤ 10 now ' +
      'matches both branches, so "exactly one" rejects it. Old admitted strings of length ≥ 6 plus every non-string; ' +
      'new admits strings of length ≥ 11 plus every non-string: "abcdef" was valid and is now rejected (breaking).',
    witness: { value: 'abcdef' },
  },
  {
    corpus: 'apicurio',
    id: '#117 Complex: oneOf 1',
    direction: 'output',
    reason:
      'Same overlap: new (strings of length ≥ 11, plus every non-string) is a strict subset of old (strings of ' +
      'length ≥ 6, plus every non-string). The response set only shrank, so consumers see nothing new.',
  },
  {
    corpus: 'apicurio',
    id: '#119 Complex: oneOf 3',
    direction: 'input',
    reason:
      'oneOf [{type: string}] → [{type: string}, {maxLength: 5}]: a string of length ≤ 5 matches both new branches, ' +
      'so "exactly one" rejects it. "abc" was valid before and is rejected now (breaking; the label reads oneOf as anyOf).',
    witness: { value: 'abc' },
  },
  {
    corpus: 'apicurio',
    id: '#124 Conditional: if',
    direction: 'input',
    reason:
      'The `if` enum grows from ["lower"] to ["lower", "lowerCase"], but the top-level `properties.case` enum ' +
      'admits only "lower" and "upper": "lowerCase" is rejected either way, so every admitted instance takes the same ' +
      'then/else branch. (Both unanchored patterns "[a-z]*" and "[A-Z]*" match every string anyway.) The sets are equal.',
  },
  {
    corpus: 'apicurio',
    id: '#124 Conditional: if',
    direction: 'output',
    reason:
      'As for input: `case: "lowerCase"` is rejected by the top-level enum before and after, and the unanchored ' +
      'then/else patterns admit every string, so the change to `if` admits no new response.',
  },
  {
    corpus: 'atlassian-json-schema-diff',
    id: 'should find an add type difference when an integer is added',
    direction: 'output',
    reason:
      'integer ⊂ number (every integer is a number), so `type: [number, integer]` ≡ `type: number`: no new value is ' +
      'admitted. The label counts the type name, not the instance set.',
  },
];

interface Case {
  key: string;
  oldSchema: SchemaValue;
  newSchema: SchemaValue;
  expected: Record<Direction, boolean>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchemaValue(value: unknown): value is SchemaValue {
  return typeof value === 'boolean' || isRecord(value);
}

function loadCorpus(corpus: Corpus): Case[] {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL(`../corpora/${corpus}/cases.json`, import.meta.url), 'utf8'),
  );
  if (!Array.isArray(parsed)) throw new Error(`${corpus}: cases.json is not an array`);
  return parsed.map((raw: unknown, position) => {
    if (!isRecord(raw)) throw new Error(`${corpus}[${position}]: not an object`);
    const { id, index, old_schema, new_schema, request_breaking, response_breaking } = raw;
    if (
      typeof id !== 'string' ||
      !isSchemaValue(old_schema) ||
      !isSchemaValue(new_schema) ||
      typeof request_breaking !== 'boolean' ||
      typeof response_breaking !== 'boolean'
    ) {
      throw new Error(`${corpus}[${position}]: malformed case`);
    }
    return {
      key: typeof index === 'number' ? `#${index} ${id}` : id,
      oldSchema: old_schema,
      newSchema: new_schema,
      expected: { input: request_breaking, output: response_breaking },
    };
  });
}

interface Outcome {
  key: string;
  direction: Direction;
  expected: boolean;
  /** The verdict, or the error the classifier threw (never expected: every case must get a verdict). */
  verdict: DiffResult['verdict'] | `threw: ${string}`;
  decidedBySemantic: boolean;
  agrees: boolean;
}

const outcomes = new Map<Corpus, Outcome[]>();

async function run(corpus: Corpus): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of loadCorpus(corpus)) {
    for (const direction of DIRECTIONS) {
      let verdict: Outcome['verdict'];
      let decidedBySemantic = false;
      try {
        const result = await diff(c.oldSchema, c.newSchema, { direction, semantics: 'strict' });
        verdict = result.verdict;
        decidedBySemantic = result.changes.some((ch) => ch.args.decidedBy !== undefined);
      } catch (e) {
        verdict = `threw: ${e instanceof Error ? e.message : String(e)}`;
      }
      const expected = c.expected[direction];
      out.push({
        key: c.key,
        direction,
        expected,
        verdict,
        decidedBySemantic,
        agrees: (verdict === 'breaking') === expected,
      });
    }
  }
  return out;
}

function isDisputed(corpus: Corpus, o: Outcome): boolean {
  return DISPUTED.some((d) => d.corpus === corpus && d.id === o.key && d.direction === o.direction);
}

beforeAll(async () => {
  for (const corpus of Object.keys(CORPORA) as Corpus[]) outcomes.set(corpus, await run(corpus));
}, 300_000);

afterAll(async () => {
  await shutdownSemanticWorker();
});

describe('labelled corpora, strict semantics', () => {
  for (const corpus of Object.keys(CORPORA) as Corpus[]) {
    describe(corpus, () => {
      it('runs every case, none skipped', () => {
        const all = outcomes.get(corpus) ?? [];
        expect(all.length).toBe(CORPORA[corpus] * DIRECTIONS.length);
        expect(all.filter((o) => o.verdict.startsWith('threw')).map((o) => `${o.key}: ${o.verdict}`)).toEqual(
          [],
        );
      });

      for (const direction of DIRECTIONS) {
        it(`${direction}: agreement of at least ${MIN_AGREEMENT * 100}%`, () => {
          const all = (outcomes.get(corpus) ?? []).filter((o) => o.direction === direction);
          const agree = all.filter((o) => o.agrees).length;
          const semantic = all.filter((o) => o.decidedBySemantic);
          const dangerous = all.filter((o) => o.verdict === 'dangerous');
          const list = (os: Outcome[]): string => (os.length ? ` (${os.map((o) => o.key).join(', ')})` : '');
          console.log(
            `${corpus} ${direction}: ${agree}/${all.length} (${((100 * agree) / all.length).toFixed(1)}%);` +
              ` decided by json-schema-diff: ${semantic.length}${list(semantic)};` +
              ` stayed dangerous: ${dangerous.length}${list(dangerous)}`,
          );
          expect(agree / all.length).toBeGreaterThanOrEqual(MIN_AGREEMENT);
        });

        it(`${direction}: every disagreement is listed in DISPUTED`, () => {
          const all = (outcomes.get(corpus) ?? []).filter((o) => o.direction === direction);
          const undisputed = all
            .filter((o) => !o.agrees && !isDisputed(corpus, o))
            .map((o) => `${o.key}: label ${o.expected ? 'breaking' : 'not breaking'}, verdict ${o.verdict}`);
          expect(undisputed, 'disagreements not listed in DISPUTED').toEqual([]);
        });

        it(`${direction}: agreement of at least ${MIN_CORRECTED_AGREEMENT * 100}% with the disputed labels corrected`, () => {
          const all = (outcomes.get(corpus) ?? []).filter((o) => o.direction === direction);
          const agree = all.filter((o) => o.agrees || isDisputed(corpus, o)).length;
          console.log(
            `${corpus} ${direction}, disputed labels corrected: ${agree}/${all.length} (${((100 * agree) / all.length).toFixed(1)}%)`,
          );
          expect(agree / all.length).toBeGreaterThanOrEqual(MIN_CORRECTED_AGREEMENT);
        });

        it(`${direction}: every DISPUTED entry still disagrees (no stale entries)`, () => {
          const all = (outcomes.get(corpus) ?? []).filter((o) => o.direction === direction);
          const stale = DISPUTED.filter((d) => d.corpus === corpus && d.direction === direction)
            .filter((d) => !all.some((o) => o.key === d.id && !o.agrees))
            .map((d) => d.id);
          expect(stale, 'DISPUTED entries that now agree (or name no case): remove them').toEqual([]);
        });
      }
    });
  }
});

describe('disputed labels', () => {
  it('every witness is confirmed by ajv: valid on the side the direction names, invalid on the other', () => {
    const ajv = new Ajv({ strict: false, validateSchema: false });
    const witnessed = DISPUTED.filter((d) => d.witness !== undefined);
    const results = witnessed.map((d) => {
      const c = loadCorpus(d.corpus).find((x) => x.key === d.id);
      if (!c) return `${d.corpus} ${d.id}: no such case`;
      const value = d.witness?.value;
      const before = ajv.compile(c.oldSchema)(value);
      const after = ajv.compile(c.newSchema)(value);
      // Input: accepted before, rejected now. Output: possible now, not before.
      const proves = d.direction === 'input' ? before && !after : after && !before;
      return `${d.corpus} ${d.id} ${d.direction}: ${proves ? 'confirmed' : `old ${before}, new ${after}`}`;
    });
    expect(witnessed.length).toBeGreaterThan(0);
    expect(results).toEqual(witnessed.map((d) => `${d.corpus} ${d.id} ${d.direction}: confirmed`));
  });
});
