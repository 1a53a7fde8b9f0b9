/**
 * What every report format says first when part of the head tree cannot be read (issue 12 item 2), and when
 * a PR adds the contract tree (item 1): the headline and the section order of text and Markdown.
 */
import { describe, expect, it } from 'vitest';

import type { TreeProblem } from '../../src/model/types.js';
import { renderTreeMarkdown } from '../../src/report/markdown.js';
import { renderTreeText } from '../../src/report/text.js';
import { headline, looseProblems, viewReport } from '../../src/report/view.js';
import { change, report, version } from './fixtures.js';

const typo: TreeProblem = {
  file: 'contracts/sync-customers/v3/contract.yaml',
  line: 15,
  column: 1,
  field: 'sideEffect',
  message: 'unknown field `sideEffect`; did you mean `sideEffects`?',
};
const other: TreeProblem = {
  file: 'contracts/consumers/a.yaml',
  line: 2,
  column: 1,
  message: 'bad consumer',
};
const invalid = (p: TreeProblem) => ({
  rule: 'invalid-contract-file',
  level: 'error' as const,
  message: `${p.file}: ${p.message}`,
  position: { file: p.file, line: p.line ?? 1, column: p.column ?? 1 },
});

const unreadable = report({
  passed: false,
  problems: [other, typo],
  unreadable: [{ endpoint: 'sync-customers', major: 3, problems: [typo] }],
  findings: [invalid(typo), invalid(other)],
});

describe('an unreadable version', () => {
  it('leads the headline, and the other problems are counted apart from it', () => {
    expect(headline(viewReport(unreadable)).text).toBe(
      'sync-customers v3 cannot be read, 1 problem in the head tree — nothing else changed',
    );
  });

  it('is never "no contract changes", and other changes are still counted', () => {
    const withChange = report({
      ...unreadable,
      problems: [typo],
      findings: [invalid(typo)],
      versions: [version('export-orders', 1, [change('additive', 'property-added', '`x` was added')])],
    });
    expect(headline(viewReport(withChange)).text).toBe('sync-customers v3 cannot be read — 1 additive');
  });

  it('text: its section comes first, with its problem, and the problem is not told twice', () => {
    const lines = renderTreeText(unreadable, { color: false }).split('\n');
    expect(lines.slice(3, 5)).toEqual([
      'sync-customers v3 cannot be read — fix this first; until then its changes are not compared',
      '  contracts/sync-customers/v3/contract.yaml:15:1: error: unknown field `sideEffect`; did you mean `sideEffects`?',
    ]);
    expect(lines.filter((l) => l.includes('sideEffect')).length).toBe(1);
    expect(lines).toContain('Problems in the head tree');
    expect(lines).toContain('  contracts/consumers/a.yaml:2:1: error: bad consumer');
  });

  it('markdown: its heading follows the verdict', () => {
    const headings = renderTreeMarkdown(unreadable)
      .split('\n')
      .filter((l) => l.startsWith('#'));
    expect(headings.slice(0, 3)).toEqual([
      '### ❌ contractguard: sync-customers v3 cannot be read, 1 problem in the head tree — nothing else changed',
      '#### sync-customers v3 cannot be read — fix this first; until then its changes are not compared',
      '#### Problems in the head tree',
    ]);
  });

  it('looseProblems leaves out what an unreadable part already tells', () => {
    expect(looseProblems(unreadable)).toEqual([other]);
  });
});

describe('a PR that adds the contract tree', () => {
  it('says contracts added, with what was added, and where there were none', () => {
    const added = report({
      rootAdded: true,
      versions: [
        version('a', 1, [change('additive', 'major-added', 'new')], { kind: 'added' }),
        version('a', 2, [change('additive', 'major-added', 'new')], { kind: 'added' }),
        version('b', 1, [change('additive', 'major-added', 'new')], { kind: 'added' }),
      ],
    });
    expect(headline(viewReport(added))).toEqual({
      outcome: 'passed',
      text: 'contracts added: 2 endpoints, 3 majors (main has none)',
    });
  });
});
