/** Invariants of the registry of policy findings, and the generated table in docs/policy.md. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/policy/findings.js';
import { withFindingTable } from '../../src/policy/findings-table.js';
import { ALL_RULES } from '../../src/tree/rules/overridable.js';

const repo = new URL('../../', import.meta.url);
const REGISTRY = 'src/policy/findings.ts';

/** Every `.ts` file under a folder, as [repository path, text]. */
function sources(dir: string, suffix = '.ts'): [string, string][] {
  return readdirSync(new URL(dir, repo), { withFileTypes: true }).flatMap((e): [string, string][] => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel, suffix);
    return e.name.endsWith(suffix) ? [[rel, readFileSync(new URL(rel, repo), 'utf8')]] : [];
  });
}

const findingIds = new Set(FINDING_KINDS.map((k) => k.id));
const ruleIds = new Set(ALL_RULES.map((r) => r.id));

describe('policy finding registry', () => {
  it('ids are unique, kebab-case, and distinct from every rule id (reports and SARIF share one id space)', () => {
    const ids = FINDING_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(ruleIds.has(id), `${id} is also a rule id`).toBe(false);
    }
  });

  it('every kind says when it fires', () => {
    for (const k of FINDING_KINDS) expect(k.when.length, k.id).toBeGreaterThan(20);
  });

  it('no policy module builds a finding from a string literal: ids come from the registry', () => {
    const literal = /\brule:\s*['"`]/;
    const offenders = sources('src/policy')
      .filter(([file, text]) => file !== REGISTRY && literal.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it('every id that code compares findings or changes against is a registered finding or a rule', () => {
    const compared = /\brule\s*(?:===|!==|:)\s*'([a-z0-9-]+)'/g;
    const unknown: string[] = [];
    for (const [file, text] of [
      ...sources('src/policy'),
      ...sources('src/check'),
      ...sources('src/report'),
    ]) {
      if (file === REGISTRY) continue;
      for (const [, id] of text.matchAll(compared))
        if (id && !findingIds.has(id) && !ruleIds.has(id)) unknown.push(`${file}: ${id}`);
    }
    expect(unknown).toEqual([]);
  });

  it('every finding is exercised by a test that names its id', () => {
    const tests = sources('test', '.test.ts')
      .filter(([file]) => file !== 'test/policy/findings.test.ts')
      .map(([, text]) => text)
      .join('\n');
    const untested = FINDING_KINDS.map((k) => k.id).filter((id) => !tests.includes(`'${id}'`));
    expect(untested).toEqual([]);
  });

  it('docs/policy.md carries the current table (run `npm run docs` when this fails)', () => {
    const committed = readFileSync(new URL('docs/policy.md', repo), 'utf8');
    expect(committed).toBe(withFindingTable(committed));
    for (const id of findingIds) expect(committed).toContain(`<a id="${id}"></a>\`${id}\``);
  });
});
