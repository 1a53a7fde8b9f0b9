import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { buildReport } from '../../src/check/report.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { NOW, tree } from '../tree/helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

const base = tree({
  endpoints: { 'sync-customers': { versions: { 3: { version: '3.2.0', auth: { roles: ['a'] } } } } },
});
const head = tree({
  endpoints: { 'sync-customers': { versions: { 3: { version: '3.3.0', auth: { roles: ['a', 'b'] } } } } },
});

describe('buildReport', () => {
  it('glues the diff and the policy: a breaking change fails the check', async () => {
    const report = await buildReport({ base, head, baseRef: 'main', headRef: 'abc1234', now: NOW });
    expect(report).toMatchObject({
      base: 'main',
      head: 'abc1234',
      root: 'contracts',
      verdict: 'breaking',
      passed: false,
      aliasMoves: [],
      problems: [],
      approvals: [],
    });
    expect(report.findings.map((f) => f.rule)).toEqual(['breaking-change-in-existing-major']);
    expect(report.versions[0]?.changes.map((c) => [c.rule, c.approvedBy])).toEqual([
      ['auth-role-added', undefined],
    ]);
  });

  it('an approval passes the check and is recorded on the change', async () => {
    const first = await buildReport({ base, head, baseRef: 'main', headRef: 'abc1234', now: NOW });
    const fingerprint = first.versions[0]?.changes[0]?.fingerprint ?? '';
    const approvals = [{ fingerprint, by: '@acme/crm-team' }];
    const report = await buildReport({
      base,
      head,
      baseRef: 'main',
      headRef: 'abc1234',
      now: NOW,
      approvals,
    });
    expect(report.passed).toBe(true);
    expect(report.approvals).toEqual(approvals);
    expect(report.findings.map((f) => [f.rule, f.level])).toEqual([['breaking-change-approved', 'notice']]);
    expect(report.versions[0]?.changes[0]?.approvedBy).toBe('@acme/crm-team');
  });

  it('head problems are reported and fail the check', async () => {
    const broken = tree({ problems: [{ file: 'contracts/x/endpoint.yaml', message: 'bad' }] });
    const report = await buildReport({
      base: tree(),
      head: broken,
      baseRef: 'main',
      headRef: 'HEAD',
      now: NOW,
    });
    expect(report.passed).toBe(false);
    expect(report.verdict).toBe('none');
    expect(report.problems).toEqual([{ file: 'contracts/x/endpoint.yaml', message: 'bad' }]);
  });
});

describe('buildReport, the ledger', () => {
  it('reports a ledger whose seal did not verify as a warning, without failing the check for it', async () => {
    const report = await buildReport({
      base,
      head: base,
      baseRef: 'main',
      headRef: 'abc1234',
      now: NOW,
      ledgerTampered: true,
    });
    expect(report.findings.map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'approval-ledger-tampered',
        'warning',
        "a state marker in the bot's comment was edited by someone else; ignored, with the approvals it claims",
      ],
    ]);
    expect(report.passed).toBe(true);
  });
});

describe('buildReport, the policy', () => {
  it("judges head by base's policy and names head's change of it", async () => {
    const relaxed = { ...head, policy: { ...head.policy, failOn: 'never' as const } };
    const report = await buildReport({ base, head: relaxed, baseRef: 'main', headRef: 'abc1234', now: NOW });
    expect(report.findings.map((f) => [f.rule, f.level])).toEqual([
      ['policy-changed', 'error'],
      ['breaking-change-in-existing-major', 'error'],
    ]);
  });
});

describe('buildReport: counterexamples', () => {
  it('searches from each side’s own pointer, so a tuple slot that became additionalItems is proven', async () => {
    // Old: a string then a number, nothing more. New: a string, then numbers ≤ 42. The change is at the new
    // `/items/maximum` and at the old `/prefixItems/1/maximum`; head's pointer alone leads nowhere in old.
    const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
    const tuple = (input: SchemaValue) =>
      tree({ endpoints: { 'export-orders': { versions: { 1: { version: '1.1.0', input } } } } });
    const before = tuple({
      $schema: DRAFT_07,
      type: 'array',
      items: [{ type: 'string' }, { type: 'number' }],
      additionalItems: false,
    });
    const after = tuple({
      $schema: DRAFT_07,
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: { type: 'number', maximum: 42 },
    });
    const report = await buildReport({ base: before, head: after, baseRef: 'main', headRef: 'pr', now: NOW });
    const change = report.versions[0]?.changes.find((c) => c.rule === 'maximum-added');
    expect(change?.counterexample).toMatchObject({ value: ['contractguard', 43], validAgainst: 'old' });
  });
});
