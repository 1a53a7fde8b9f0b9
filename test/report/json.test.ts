import { readFileSync } from 'node:fs';

// ajv is CommonJS: under NodeNext the default import is the whole module (typed without construct signatures),
// so take the class from its named export.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

import { renderTreeJson, toTreeJson } from '../../src/report/json.js';
import type { TreeReport } from '../../src/check/types.js';
import { approved, change, failing, newMajor, report, statusEnum, version } from './fixtures.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema as object);

function valid(value: unknown): boolean {
  const ok = validate(value);
  if (!ok) console.error(ajv.errorsText(validate.errors));
  return ok;
}

const problems: TreeReport = report({
  passed: false,
  problems: [
    { file: 'contracts/a/v1/contract.yaml', line: 2, column: 3, field: 'version', message: 'must be semver' },
    { file: 'contracts/b/endpoint.yaml', message: 'cannot be read' },
  ],
  findings: [
    { rule: 'invalid-contract-file', level: 'error', message: 'contracts/b/endpoint.yaml: cannot be read' },
  ],
  aliasMoves: [
    { endpoint: 'a', alias: 'prod', to: 2 },
    { endpoint: 'a', alias: 'old', from: 1 },
  ],
  versions: [version('a', 1, [], { kind: 'removed', baseVersion: '1.0.0' })],
});

describe('renderTreeJson', () => {
  it.each([
    ['failing', failing()],
    ['approved', approved()],
    ['empty', report()],
    ['problems', problems],
    ['new major', newMajor()],
  ])('renders a %s report that validates against schemas/report.schema.json', (_, r) => {
    const out = renderTreeJson(r);
    expect(out.endsWith('}\n')).toBe(true);
    expect(valid(JSON.parse(out))).toBe(true);
  });

  it('has a stable key order and the derived fields', () => {
    const json = toTreeJson(failing());
    expect(Object.keys(json)).toEqual([
      'reportVersion',
      'passed',
      'verdict',
      'summary',
      'base',
      'head',
      'root',
      'counts',
      'versions',
      'aliasMoves',
      'findings',
      'problems',
      'approvals',
    ]);
    expect(json.summary).toBe('breaking changes in sync-customers v3 — 2 breaking, 1 dangerous, 1 additive');
    expect(json.counts).toEqual({
      breaking: 2,
      dangerous: 1,
      additive: 1,
      none: 1,
      blocking: 2,
      approved: 0,
      allowed: 3,
      errors: 1,
      warnings: 1,
      notices: 0,
      problems: 0,
    });
    expect(json.versions.map((v) => `${v.endpoint} v${v.major} ${v.kind}`)).toEqual([
      'billing v1 unchanged',
      'sync-customers v3 changed',
      'sync-customers v4 added',
    ]);
    const enumChange = json.versions[1]?.changes.find((c) => c.rule === 'enum-value-added');
    expect(enumChange).toEqual({
      rule: 'enum-value-added',
      severity: 'breaking',
      status: 'blocking',
      area: 'output',
      path: '/properties/status',
      message: statusEnum.message,
      fingerprint: statusEnum.fingerprint,
      position: { file: 'contracts/sync-customers/v3/output.schema.json', line: 12, column: 7, side: 'head' },
    });
    expect(Object.keys(enumChange ?? {})).toEqual([
      'rule',
      'severity',
      'status',
      'area',
      'path',
      'message',
      'fingerprint',
      'position',
    ]);
    expect(
      toTreeJson(approved()).versions[1]?.changes.find((c) => c.rule === 'enum-value-added'),
    ).toMatchObject({
      status: 'approved',
      approvedBy: '@acme/crm-team',
    });
  });

  it("carries a new major's migration: from which major, the deadline, the changes and who must move", () => {
    const [v4] = toTreeJson(newMajor()).versions;
    expect(v4?.migration).toMatchObject({
      from: 3,
      deadline: '2027-03-31',
      changes: [{ rule: 'required-added', severity: 'breaking', status: 'allowed' }],
      consumers: [{ name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' }],
    });
    expect(toTreeJson(newMajor()).counts.breaking).toBe(0);
  });

  it('leaves internal fields out', () => {
    const sneaky = { ...change('additive', 'r', 'm'), internal: 1 } as ReturnType<typeof change>;
    const out = toTreeJson(report({ versions: [version('a', 1, [sneaky])] }));
    expect(out.versions[0]?.changes[0]).not.toHaveProperty('internal');
    expect(valid(out)).toBe(true);
  });

  it('carries a counterexample (value, validAgainst, the fixture it came from) as the schema describes', () => {
    const proven = change('breaking', 'max-length-added', 'm', {
      area: 'input',
      counterexample: {
        value: { customerId: 'cus_0001' },
        validAgainst: 'old',
        fixture: { consumer: 'ops-dashboard', file: 'sync-request.json' },
      },
    });
    const out = toTreeJson(report({ versions: [version('a', 1, [proven])] }));
    expect(out.versions[0]?.changes[0]?.counterexample).toEqual({
      value: { customerId: 'cus_0001' },
      validAgainst: 'old',
      fixture: { consumer: 'ops-dashboard', file: 'sync-request.json' },
    });
    expect(valid(out)).toBe(true);
    const wrong = structuredClone(out);
    const c = wrong.versions[0]?.changes[0];
    if (c?.counterexample) (c.counterexample as { validAgainst: string }).validAgainst = 'both';
    expect(valid(wrong)).toBe(false);
  });

  it('is a schema that rejects what the format never produces', () => {
    const good = toTreeJson(failing());
    expect(valid({ ...good, extra: true })).toBe(false);
    expect(valid({ ...good, verdict: 'catastrophic' })).toBe(false);
    expect(valid({ ...good, reportVersion: 2 })).toBe(false);
    const badChange = structuredClone(good);
    const c = badChange.versions[1]?.changes[0];
    if (c?.position) (c.position as { side: string }).side = 'middle';
    expect(valid(badChange)).toBe(false);
  });

  it('describes every property in the schema', () => {
    const defs = (schema as { $defs: Record<string, { description?: string }> }).$defs;
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as {
        properties?: Record<string, Record<string, unknown>>;
        $defs?: Record<string, unknown>;
      };
      for (const [key, value] of Object.entries(n.properties ?? {})) {
        const ref = typeof value.$ref === 'string' ? defs[value.$ref.replace('#/$defs/', '')] : undefined;
        if (typeof value.description !== 'string' && typeof ref?.description !== 'string')
          missing.push(`${path}/${key}`);
        walk(value, `${path}/${key}`);
      }
      for (const [key, value] of Object.entries(n.$defs ?? {})) walk(value, `#/$defs/${key}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
