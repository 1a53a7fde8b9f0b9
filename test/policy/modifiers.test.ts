/** The policy's modifiers are pure `Finding[] → Finding[]` steps: tested alone, on plain findings. */
import { describe, expect, it } from 'vitest';
import { approve, markApproved } from '../../src/policy/approvals.js';
import { downgrade, sortFindings } from '../../src/policy/evaluate.js';
import type { VersionReport } from '../../src/tree/types.js';
import type { Finding } from '../../src/policy/types.js';

const breaking: Finding = {
  rule: 'breaking-change-in-existing-major',
  level: 'error',
  endpoint: 'e',
  major: 1,
  message: 'breaking change reuses major v1 of e — add v2',
  fix: 'run it',
  fingerprints: ['aaa'],
};

describe('policy modifiers', () => {
  it('approve: leaves findings that are not about breaking someone alone', () => {
    const bump: Finding = { rule: 'minor-bump-missing', level: 'error', message: 'm', fingerprints: ['aaa'] };
    expect(approve([{ fingerprint: 'all', by: '@x' }])([bump])).toEqual([bump]);
  });

  it('approve: a specific approval wins over `all` when naming who approved', () => {
    const out = approve([
      { fingerprint: 'all', by: '@owners' },
      { fingerprint: 'aaa', by: '@alice' },
    ])([breaking]);
    expect(out).toEqual([
      {
        rule: 'breaking-change-approved',
        level: 'notice',
        endpoint: 'e',
        major: 1,
        message: 'breaking change in major v1 of e approved by @alice',
        fingerprints: ['aaa'],
      },
    ]);
  });

  it('approve: does not mutate its input', () => {
    const input = [breaking];
    approve([{ fingerprint: 'all', by: '@x' }])(input);
    expect(input).toEqual([breaking]);
  });

  it('downgrade: errors of one rule become warnings', () => {
    expect(downgrade('breaking-change-in-existing-major')([breaking])[0]?.level).toBe('warning');
  });

  it('sortFindings: errors, warnings, notices; then endpoint and major', () => {
    const f = (level: Finding['level'], endpoint: string, major: number): Finding => ({
      rule: 'r',
      level,
      endpoint,
      major,
      message: '',
    });
    const sorted = sortFindings([
      f('notice', 'a', 1),
      f('error', 'b', 2),
      f('error', 'b', 1),
      f('warning', 'a', 1),
    ]);
    expect(sorted.map((x) => `${x.level} ${x.endpoint} ${x.major}`)).toEqual([
      'error b 1',
      'error b 2',
      'warning a 1',
      'notice a 1',
    ]);
  });

  it('markApproved: named changes, and breaking/dangerous ones under `all`', () => {
    const change = (fingerprint: string, severity: 'breaking' | 'additive') => ({
      endpoint: 'e',
      major: 1,
      area: 'auth' as const,
      rule: 'r',
      severity,
      path: '',
      message: '',
      fingerprint,
    });
    const versions: VersionReport[] = [
      {
        endpoint: 'e',
        major: 1,
        kind: 'changed',
        verdict: 'breaking',
        changes: [change('a', 'breaking'), change('b', 'additive'), change('c', 'additive')],
      },
    ];
    const out = markApproved(versions, [
      { fingerprint: 'all', by: '@owners' },
      { fingerprint: 'c', by: '@alice' },
    ]);
    expect(out[0]?.changes.map((c) => c.approvedBy)).toEqual(['@owners', undefined, '@alice']);
    expect(versions[0]?.changes[0]?.approvedBy).toBeUndefined();
  });
});
