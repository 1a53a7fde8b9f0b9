/** What each approval covers, and what still blocks after it (issue 12 item 4): decided here, worded in src/report. */
import { describe, expect, it } from 'vitest';

import { approvalCoverage } from '../../src/policy/approvals.js';
import type { Finding } from '../../src/policy/types.js';
import type { TreeChange, VersionReport } from '../../src/tree/types.js';

const change = (
  fingerprint: string,
  severity: TreeChange['severity'],
  endpoint = 'e',
  major = 1,
): TreeChange => ({
  endpoint,
  major,
  area: 'output',
  rule: 'r',
  severity,
  path: `/${fingerprint}`,
  message: fingerprint,
  fingerprint,
});

const versions: VersionReport[] = [
  {
    endpoint: 'e',
    major: 1,
    kind: 'changed',
    verdict: 'breaking',
    changes: [change('aaa', 'breaking'), change('bbb', 'breaking'), change('add', 'additive')],
  },
  {
    endpoint: 'f',
    major: 2,
    kind: 'changed',
    verdict: 'breaking',
    changes: [change('ccc', 'breaking', 'f', 2)],
  },
];

const bump: Finding = {
  rule: 'minor-bump-missing',
  level: 'error',
  endpoint: 'e',
  major: 1,
  message: 'bump e v1',
};
const fixture: Finding = {
  rule: 'consumer-contract-broken',
  level: 'error',
  endpoint: 'e',
  major: 1,
  message: 'fixture of k is not valid',
};
const elsewhere: Finding = { ...bump, endpoint: 'f', major: 2, message: 'bump f v2' };

describe('approvalCoverage', () => {
  it('a named approval covers its change; `all` covers the breaking changes nobody named', () => {
    const [named, all] = approvalCoverage(
      [
        { fingerprint: 'bbb', by: '@alice' },
        { fingerprint: 'all', by: '@owners' },
      ],
      versions,
      [],
    );
    expect(named?.covers).toEqual(['bbb']);
    expect(all?.covers).toEqual(['aaa', 'ccc']);
  });

  it('still blocking: the errors left in the majors it touches, not those elsewhere', () => {
    const [cov] = approvalCoverage([{ fingerprint: 'aaa', by: '@alice' }], versions, [
      bump,
      fixture,
      elsewhere,
    ]);
    expect(cov?.stillBlocking).toEqual([bump, fixture]);
  });

  it('an approval of a change that is not in the report covers nothing and leaves nothing to say', () => {
    const [cov] = approvalCoverage([{ fingerprint: 'gone', by: '@alice' }], versions, [bump]);
    expect(cov).toEqual({ approval: { fingerprint: 'gone', by: '@alice' }, covers: [], stillBlocking: [] });
  });

  it('a policy change is covered by its approval, and the policy errors left are what still blocks', () => {
    const policy: Finding = {
      rule: 'breaking-change-approved',
      level: 'notice',
      message: 'the policy change p1 in contractguard.yaml approved by @admin',
      fingerprints: ['p1'],
    };
    const other: Finding = {
      rule: 'policy-changed',
      level: 'error',
      message: 'failOn changed',
      fingerprints: ['p2'],
    };
    const [cov] = approvalCoverage([{ fingerprint: 'p1', by: '@admin' }], versions, [policy, other]);
    expect(cov?.covers).toEqual(['p1']);
    expect(cov?.stillBlocking).toEqual([other]);
  });
});
