/**
 * The labelled corpus (test/openapi/fixtures/corpus/cases.yaml): pairs written from the OpenAPI
 * specification's examples and shaped like FastAPI's generated documents, each labelled with the verdict
 * expected when the change is made (forward) and when it is reverted (backward). Reports agreement per
 * direction; fails when an unlisted case disagrees or a listed one starts agreeing, or when docs/openapi.md
 * states other numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

import { diffOpenApi } from '../../src/openapi/compare.js';
import { loadOpenApi } from '../../src/openapi/read.js';
import type { Severity } from '../../src/diff/types.js';

const CORPUS = fileURLToPath(new URL('./fixtures/corpus/', import.meta.url));

interface Label {
  verdict: Severity;
  why: string;
}

interface Case {
  id: string;
  source: string;
  side: 'input' | 'output' | 'both' | 'operation' | 'none';
  old: string;
  new: string;
  forward: Label;
  backward: Label;
}

const DOCS = readFileSync(new URL('../../docs/openapi.md', import.meta.url), 'utf8');
const CASES = parse(readFileSync(join(CORPUS, 'cases.yaml'), 'utf8')) as Case[];
const DIRECTIONS = ['forward', 'backward'] as const;

/**
 * Cases where contractguard's verdict is not the label, and why (docs/openapi.md repeats them). Keyed
 * `<id> <direction>`.
 */
const DISPUTED: Record<string, string> = {
  'validation-error-input-ctx backward':
    'label dangerous (as oasdiff: an optional response property removed is a warning); contractguard says breaking by its own policy (docs/rules.md `property-removed`: consumers read declared output fields, and the field may now come back as anything)',
  'note-removed forward': 'the same policy difference: an optional response field removed',
  'optional-spelled-as-type-list forward':
    'a limit of the schema engine: `anyOf: [{type: string, format: email}, {type: null}]` is not recognised as `type: [string, null], format: email`; the branch change cannot be proved compatible, so it is left to a reviewer (dangerous), not called breaking',
  'optional-spelled-as-type-list backward': 'the same limit, backwards',
};

async function verdictOf(c: Case, direction: (typeof DIRECTIONS)[number]): Promise<Severity> {
  const [from, to] = direction === 'forward' ? [c.old, c.new] : [c.new, c.old];
  const read = (file: string) => loadOpenApi(join(CORPUS, file), { root: CORPUS });
  return (await diffOpenApi(read(from), read(to))).verdict;
}

describe('the labelled OpenAPI corpus', () => {
  test('every case is labelled in both directions, with why, from a known source', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      for (const d of DIRECTIONS) {
        expect(['breaking', 'dangerous', 'additive', 'none'], `${c.id} ${d}`).toContain(c[d].verdict);
        expect(c[d].why.length, `${c.id} ${d}`).toBeGreaterThan(10);
      }
    }
  });

  test('agreement per direction: every disagreement is a listed, explained one', async () => {
    const rows: string[] = [];
    const disagreements: string[] = [];
    for (const d of DIRECTIONS) {
      let agree = 0;
      const bySide = new Map<string, [number, number]>();
      for (const c of CASES) {
        const got = await verdictOf(c, d);
        const side = bySide.get(c.side) ?? [0, 0];
        side[1]++;
        if (got === c[d].verdict) {
          agree++;
          side[0]++;
        } else disagreements.push(`${c.id} ${d}: label ${c[d].verdict}, contractguard ${got}`);
        bySide.set(c.side, side);
      }
      const sides = [...bySide].map(([side, [a, n]]) => `${side} ${a}/${n}`).join(', ');
      rows.push(`${d}: ${agree}/${CASES.length} (${sides})`);
      expect(DOCS, `docs/openapi.md states the ${d} agreement`).toMatch(
        new RegExp(`\\| ${d}\\s+\\| ${agree}/${CASES.length} \\|`),
      );
    }
    console.log(`OpenAPI corpus agreement\n${rows.join('\n')}\n${disagreements.join('\n')}`);
    expect(disagreements.map((line) => line.split(':')[0]).sort()).toEqual(Object.keys(DISPUTED).sort());
  });
});
