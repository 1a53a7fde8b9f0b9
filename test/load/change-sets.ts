/**
 * What the equivalence tests of change-driven loading share (test/load/changes.property.test.ts for git,
 * test/github/api-changes.test.ts for the GitHub API): the generated repository, random change sets, and
 * what a change-driven report must have in common with a full one.
 */
import fc from 'fast-check';

import { TREE_EDIT_KINDS, type TreeEdit, type TreeSpec } from '../../bench/generate.js';
import { checkPullRequest } from '../../src/check/pull-request.js';
import type { TreeReport } from '../../src/check/types.js';
import type { ChangeProbe } from '../../src/load/changes.js';
import type { ContractSource } from '../../src/load/source.js';

export const SPEC: TreeSpec = { endpoints: 8, majors: 2, sharedUsers: 5, crossRefs: true, consumers: 4 };
export const NOW = new Date('2026-12-01T00:00:00Z');

/** What both modes must agree on: everything but the list of unchanged versions. */
export function judged(report: TreeReport) {
  return {
    verdict: report.verdict,
    passed: report.passed,
    versions: report.versions.filter((v) => v.kind !== 'unchanged'),
    aliasMoves: report.aliasMoves,
    findings: report.findings,
    problems: report.problems,
    unreadable: report.unreadable ?? [],
  };
}

/** One random edit of a tree generated from `SPEC`. */
export const edit: fc.Arbitrary<TreeEdit> = fc
  .record({
    kind: fc.constantFrom(...TREE_EDIT_KINDS),
    endpoint: fc.integer({ min: 0, max: SPEC.endpoints - 1 }),
    major: fc.integer({ min: 1, max: SPEC.majors }),
    consumer: fc.integer({ min: 0, max: (SPEC.consumers ?? 1) - 1 }),
  })
  .map(({ kind, endpoint, major, consumer }) => ({ kind, endpoint, major, consumer }) as TreeEdit);

/** The PR check of `base` → `head` under `contracts/`: change-driven with `changes`, both trees whole without. */
export async function checkTrees(
  base: ContractSource,
  head: ContractSource,
  refs: { base: string; head: string },
  changes?: ChangeProbe,
): Promise<TreeReport> {
  const { report } = await checkPullRequest({
    base,
    head,
    refs,
    load: { root: 'contracts' },
    now: NOW,
    ...(changes ? { changes } : {}),
  });
  return report;
}
