import { describe, expect, it } from 'vitest';

import {
  aliasMoveText,
  approvalText,
  contractFile,
  findingFingerprint,
  findingRepeatsProblem,
  headline,
  listOf,
  migrationLead,
  migrationMovers,
  problemFingerprint,
  sentences,
  versionTitle,
  viewReport,
} from '../../src/report/view.js';
import type { VersionReport } from '../../src/tree/types.js';
import type { TreeReport } from '../../src/check/types.js';
import {
  approved,
  change,
  crmId,
  failing,
  report,
  reusesV3,
  statusEnum,
  timeout,
  version,
} from './fixtures.js';

const line = (r: TreeReport): string => {
  const h = headline(viewReport(r));
  return `${h.outcome}: ${h.text}`;
};

describe('headline', () => {
  it('names what fails the check, then the counts', () => {
    expect(line(failing())).toBe(
      'failed: breaking changes in sync-customers v3 — 2 breaking, 1 dangerous, 1 additive',
    );
    const two = failing();
    const billing = change('breaking', 'type-removed', 'Input `id` no longer accepts numbers.', {
      endpoint: 'billing',
      major: 1,
      area: 'input',
    });
    two.versions.push(version('billing', 1, [billing]));
    two.findings.push({ ...reusesV3, endpoint: 'billing', major: 1, fingerprints: [billing.fingerprint] });
    two.findings.push({
      rule: 'alias-target-missing',
      level: 'error',
      message: 'Alias `prod` points at v9.',
    });
    expect(line(two)).toBe(
      'failed: breaking changes in billing v1 and sync-customers v3, 1 more policy error — 3 breaking, 1 dangerous, 1 additive',
    );
  });

  it('blocks only changes named by an error about breaking someone, and counts the other errors', () => {
    const r = report({
      passed: false,
      versions: [version('sync-customers', 3, [statusEnum, timeout, crmId])],
      findings: [
        { ...reusesV3, fingerprints: [statusEnum.fingerprint] },
        {
          rule: 'minor-bump-missing',
          level: 'error',
          message:
            'the contract of sync-customers v3 changed but its version is still 3.2.0 — bump version to 3.3.0',
          fingerprints: [statusEnum.fingerprint, timeout.fingerprint, crmId.fingerprint],
        },
      ],
    });
    const view = viewReport(r);
    expect(view.changes.map((c) => view.status(c))).toEqual(['blocking', 'allowed', 'allowed']);
    expect(view.blockingFinding(statusEnum)?.rule).toBe('breaking-change-in-existing-major');
    expect(line(r)).toBe(
      'failed: breaking change in sync-customers v3, 1 more policy error — 1 breaking, 1 dangerous, 1 additive',
    );
  });

  it('fails on dangerous changes when the policy says so', () => {
    const r = report({
      passed: false,
      versions: [version('sync-customers', 3, [timeout])],
      findings: [{ ...reusesV3, fingerprints: [timeout.fingerprint] }],
    });
    expect(line(r)).toBe('failed: dangerous change in sync-customers v3 — 1 dangerous');
  });

  it('tells a pass with approvals or unblocked changes from a clean pass', () => {
    expect(line(approved())).toBe(
      'attention: passed: breaking changes approved by @acme/crm-team, 1 dangerous change to check by hand (2 breaking, 1 dangerous, 1 additive)',
    );
    const approvedOnly = report({
      versions: [version('sync-customers', 3, [{ ...statusEnum, approvedBy: 'alice' }, crmId])],
    });
    expect(line(approvedOnly)).toBe(
      'passed: passed: breaking change approved by @alice (1 breaking, 1 additive)',
    );
    const failOnNever = report({ versions: [version('sync-customers', 3, [statusEnum])] });
    expect(line(failOnNever)).toBe(
      'attention: passed: 1 breaking change the policy does not block (1 breaking)',
    );
    expect(line(report({ versions: [version('a', 1, [crmId])] }))).toBe(
      'passed: no breaking changes (1 additive)',
    );
    expect(line(report())).toBe('passed: no contract changes');
  });
});

describe('wording helpers', () => {
  it('titles versions by kind', () => {
    const v = (extra: Partial<VersionReport>) => versionTitle(version('sync-customers', 3, [], extra));
    expect(v({ baseVersion: '3.2.0', headVersion: '3.3.0' })).toBe('sync-customers v3 (3.2.0 → 3.3.0)');
    expect(v({ baseVersion: '3.2.0', headVersion: '3.2.0' })).toBe('sync-customers v3 (3.2.0)');
    expect(v({ kind: 'added', headVersion: '3.0.0' })).toBe('sync-customers v3 (new, 3.0.0)');
    expect(v({ kind: 'removed', baseVersion: '3.9.1' })).toBe('sync-customers v3 (removed, was 3.9.1)');
    expect(v({})).toBe('sync-customers v3');
  });

  it("words a new major's migration: what callers meet, who must move and by when", () => {
    const m = { from: 3, changes: [] };
    expect(migrationLead(4, m)).toBe(
      'Callers moving from v3 to v4 meet no change in meaning: only the route changes.',
    );
    const tenant = change('breaking', 'required-added', 'm', { area: 'input' });
    expect(migrationLead(4, { ...m, changes: [tenant, change('additive', 'property-added', 'm')] })).toBe(
      'What changes for callers moving from v3 to v4 (1 breaking, 1 additive):',
    );
    const who = [{ name: 'nightly', owner: 'acme/data', kind: 'job' }];
    expect(migrationMovers(4, { ...m, deadline: '2027-03-31', consumers: who })).toBe(
      'Consumers of v3 that must move to v4 by 2027-03-31: nightly (@acme/data).',
    );
    expect(migrationMovers(4, { ...m, consumers: who })).toBe(
      'Consumers of v3 that must move to v4 (v3 has no deprecation date yet): nightly (@acme/data).',
    );
    expect(migrationMovers(4, { ...m, deadline: '2027-03-31' })).toBe(
      'No registered consumer uses v3; unregistered callers have until 2027-03-31.',
    );
  });

  it('words alias moves and approvals', () => {
    expect(aliasMoveText({ endpoint: 'e', alias: 'prod', from: 3, to: 4 })).toBe('`prod` of e: v3 → v4');
    expect(aliasMoveText({ endpoint: 'e', alias: 'canary', to: 4 })).toBe('`canary` of e added: → v4');
    expect(aliasMoveText({ endpoint: 'e', alias: 'old', from: 2 })).toBe('`old` of e removed (was v2)');
    const view = viewReport(failing());
    expect(approvalText({ fingerprint: statusEnum.fingerprint, by: 'bob' }, view)).toBe(
      '@bob approved `enum-value-added` in sync-customers v3 (output /properties/status)',
    );
    expect(approvalText({ fingerprint: 'gone', by: '@bob', reason: 'ok' }, view)).toBe(
      '@bob approved change `gone` (not in this report): ok',
    );
  });

  it('matches a problem to the error finding that repeats it', () => {
    const p = { file: 'contracts/a.yaml', line: 3, message: 'bad key' };
    expect(
      findingRepeatsProblem({ rule: 'x', level: 'error', message: 'contracts/a.yaml: bad key' }, p),
    ).toBe(true);
    const at = (line: number) => ({ file: 'contracts/a.yaml', line, column: 1 });
    expect(findingRepeatsProblem({ rule: 'x', level: 'error', message: 'bad key', position: at(3) }, p)).toBe(
      true,
    );
    expect(findingRepeatsProblem({ rule: 'x', level: 'error', message: 'bad key', position: at(4) }, p)).toBe(
      false,
    );
    expect(findingRepeatsProblem({ rule: 'x', level: 'warning', message: 'bad key' }, p)).toBe(false);
    expect(findingRepeatsProblem({ rule: 'x', level: 'error', message: 'other' }, p)).toBe(false);
  });

  it('lists and joins paths', () => {
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b'])).toBe('a and b');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listOf(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
    expect(contractFile('contracts', 'e', 2)).toBe('contracts/e/v2/contract.yaml');
    expect(contractFile('./api/contracts/', 'e', 2)).toBe('api/contracts/e/v2/contract.yaml');
    expect(contractFile('', 'e', 2)).toBe('e/v2/contract.yaml');
  });
});

describe('sentences', () => {
  it('joins fragments and sentences with one full stop each', () => {
    expect(sentences(['sync-customers v3 needs a deprecation date', 'Fix: add one'])).toBe(
      'sync-customers v3 needs a deprecation date. Fix: add one.',
    );
    expect(sentences(['Done.', 'Really?', ' ', 'list:'])).toBe('Done. Really? list.');
  });
});

describe('identities of findings and problems', () => {
  const finding = {
    rule: 'minor-bump-missing',
    level: 'error' as const,
    endpoint: 'sync-customers',
    major: 3,
    message: 'v3 gained a field but its version did not move.',
    position: { file: 'contracts/sync-customers/v3/contract.yaml', line: 4, column: 1 },
    fingerprints: ['b', 'a'],
  };

  it("keeps a finding's identity when its message is reworded or its line moves", () => {
    const moved = { ...finding, message: 'Reworded.', position: { ...finding.position, line: 40 } };
    expect(findingFingerprint(moved)).toBe(findingFingerprint(finding));
  });

  it('gives a finding another identity when it is about other changes, another rule or another major', () => {
    const id = findingFingerprint(finding);
    expect(findingFingerprint({ ...finding, fingerprints: ['c'] })).not.toBe(id);
    expect(findingFingerprint({ ...finding, rule: 'major-bump-missing' })).not.toBe(id);
    expect(findingFingerprint({ ...finding, major: 4 })).not.toBe(id);
  });

  it("keeps a problem's identity when its message or line changes, not when its file does", () => {
    const p = { file: 'contracts/a/v1/contract.yaml', line: 3, field: 'version', message: 'not semver' };
    expect(problemFingerprint({ ...p, line: 9, message: 'still not semver' })).toBe(problemFingerprint(p));
    expect(problemFingerprint({ ...p, file: 'contracts/b/v1/contract.yaml' })).not.toBe(
      problemFingerprint(p),
    );
  });
});
