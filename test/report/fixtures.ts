/** Hand-built tree reports: only what the report formats read matters. */
import type { Severity } from '../../src/diff/types.js';
import type { Area, TreeChange, VersionReport } from '../../src/tree/types.js';
import type { TreeReport } from '../../src/check/types.js';
import type { Finding } from '../../src/policy/types.js';

export function change(
  severity: Severity,
  rule: string,
  message: string,
  extra: Partial<TreeChange> & { endpoint?: string; major?: number; area?: Area; path?: string } = {},
): TreeChange {
  const endpoint = extra.endpoint ?? 'sync-customers';
  const major = extra.major ?? 3;
  const area = extra.area ?? 'output';
  const path = extra.path ?? '/properties/status';
  return {
    endpoint,
    major,
    area,
    rule,
    severity,
    path,
    message,
    fingerprint: `fp-${endpoint}-${major}-${area}-${rule}-${path}`,
    ...extra,
  };
}

export function version(
  endpoint: string,
  major: number,
  changes: TreeChange[],
  extra: Partial<VersionReport> = {},
) {
  const order: Severity[] = ['none', 'additive', 'dangerous', 'breaking'];
  const verdict = changes.reduce<Severity>(
    (best, c) => (order.indexOf(c.severity) > order.indexOf(best) ? c.severity : best),
    'none',
  );
  return {
    endpoint,
    major,
    kind: 'changed',
    verdict,
    changes,
    ...extra,
  } satisfies VersionReport;
}

export function report(extra: Partial<TreeReport> = {}): TreeReport {
  return {
    base: 'main',
    head: 'feature/refunds',
    root: 'contracts',
    verdict: 'none',
    passed: true,
    versions: [],
    aliasMoves: [],
    findings: [],
    problems: [],
    approvals: [],
    ...extra,
  };
}

const V3 = 'contracts/sync-customers/v3';

export const statusEnum = change(
  'breaking',
  'enum-value-added',
  'Output `status` may now be "refunded"; clients that handle only the old values break.',
  { position: { file: `${V3}/output.schema.json`, line: 12, column: 7, side: 'head' } },
);
export const phoneRemoved = change(
  'breaking',
  'property-removed',
  'Responses no longer include `phone`; clients that read it break.',
  {
    path: '/properties/phone',
    position: { file: `${V3}/output.schema.json`, line: 30, column: 5, side: 'base' },
  },
);
export const crmId = change('additive', 'property-added', 'Responses may now include `crmId`.', {
  path: '/properties/crmId',
  position: { file: `${V3}/output.schema.json`, line: 18, column: 5, side: 'head' },
});
export const description = change('none', 'description-changed', 'The description of `status` changed.', {
  path: '/properties/status/description',
  position: { file: `${V3}/output.schema.json`, line: 13, column: 9, side: 'head' },
});
export const timeout = change(
  'dangerous',
  'timeout-decreased',
  'The timeout went down from 30000 ms to 10000 ms; slow syncs that used to finish now fail.',
  { area: 'operational', path: '/operational/timeoutMs' },
);

export const reusesV3: Finding = {
  rule: 'breaking-change-in-existing-major',
  level: 'error',
  endpoint: 'sync-customers',
  major: 3,
  message: 'Breaking changes reuse major v3 of sync-customers, which consumers depend on.',
  fix: 'run `contractguard new-version sync-customers` and apply it there',
  position: { file: `${V3}/contract.yaml`, line: 2, column: 10 },
  fingerprints: [statusEnum.fingerprint, phoneRemoved.fingerprint],
};

/** Fails: two breaking changes in v3 (one removed from base), an additive one, a dangerous one, a doc edit. */
export function failing(): TreeReport {
  return report({
    verdict: 'breaking',
    passed: false,
    versions: [
      version('sync-customers', 3, [crmId, statusEnum, description, phoneRemoved, timeout], {
        baseVersion: '3.2.0',
        headVersion: '3.3.0',
      }),
      version('billing', 1, [], { kind: 'unchanged', baseVersion: '1.4.0', headVersion: '1.4.0' }),
      version('sync-customers', 4, [], { kind: 'added', headVersion: '4.0.0' }),
    ],
    aliasMoves: [{ endpoint: 'sync-customers', alias: 'latest', from: 3, to: 4 }],
    findings: [
      reusesV3,
      {
        rule: 'deprecation-date-missing',
        level: 'warning',
        endpoint: 'sync-customers',
        major: 3,
        message: 'sync-customers v3 has a newer major (v4) but no deprecation date.',
        fix: 'add `deprecation: { date: YYYY-MM-DD, replacement: 4 }` to v3/contract.yaml',
        position: { file: `${V3}/contract.yaml`, line: 4, column: 1 },
      },
    ],
  });
}

/** The same changes, approved by the endpoint owner: passes. */
export function approved(): TreeReport {
  const by = '@acme/crm-team';
  const r = failing();
  return {
    ...r,
    passed: true,
    versions: r.versions.map((v) => ({
      ...v,
      changes: v.changes.map((c) => (c.severity === 'breaking' ? { ...c, approvedBy: by } : c)),
    })),
    findings: [
      {
        rule: 'breaking-change-approved',
        level: 'notice',
        endpoint: 'sync-customers',
        major: 3,
        message: 'Breaking changes in sync-customers v3 approved by @acme/crm-team.',
        fingerprints: [statusEnum.fingerprint, phoneRemoved.fingerprint],
      },
    ],
    approvals: [{ fingerprint: 'all', by, reason: 'only the ops dashboard reads v3, and it is updated' }],
  };
}

/** sync-customers v4, new in the PR: what callers moving from v3 meet, and who must move by when. */
export function newMajor(): TreeReport {
  const tenant = change(
    'breaking',
    'required-added',
    '`tenantId` was added as a required property of the request; requests without it are now rejected.',
    {
      major: 4,
      area: 'input',
      path: '/required',
      position: { file: 'contracts/sync-customers/v4/input.schema.json', line: 9, column: 3, side: 'head' },
      consumers: [{ name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' }],
    },
  );
  const added = change(
    'additive',
    'major-added',
    'New major v4; existing callers stay on their major and keep working.',
    {
      major: 4,
      area: 'meta',
      path: '',
      position: { file: 'contracts/sync-customers/v4/contract.yaml', line: 6, column: 1, side: 'head' },
    },
  );
  return report({
    verdict: 'additive',
    versions: [
      version('sync-customers', 4, [added], {
        kind: 'added',
        headVersion: '4.0.0',
        migration: {
          from: 3,
          deadline: '2027-03-31',
          changes: [tenant],
          consumers: [{ name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' }],
        },
      }),
    ],
  });
}
