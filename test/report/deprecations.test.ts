/** src/report/deprecations.ts: the migration issue, its comments and the dashboard, for consumer owners. */
import { describe, expect, it } from 'vitest';

import type { EndpointMajor, Migration } from '../../src/consumers/deprecations.js';
import {
  closeComment,
  dashboardBody,
  migrationBody,
  migrationTitle,
  reminderComment,
} from '../../src/report/deprecations.js';

const migration: Migration = {
  endpoint: 'sync-customers',
  major: 1,
  consumer: 'billing-job',
  consumerOwner: '@alice',
  endpointOwner: '@acme/crm-team',
  deadline: '2027-03-01',
  daysLeft: 96,
  replacement: {
    major: 2,
    changes: [{ side: 'request', severity: 'breaking', message: 'The request now requires `region`' }],
  },
};

describe('the migration issue', () => {
  it('names the consumer, the major and the deadline in the title', () => {
    expect(migrationTitle(migration)).toBe('Migrate billing-job off sync-customers v1 by 2027-03-01');
  });

  it('says by when, to which major, and what changes on the way', () => {
    const body = migrationBody(migration);
    expect(body).toContain('**billing-job** (owner @alice) uses **sync-customers v1**, which is deprecated.');
    expect(body).toContain('- **Deadline:** 2027-03-01 (96 days left)');
    expect(body).toContain('- **Endpoint owner:** @acme/crm-team');
    expect(body).toContain('### Migrating from v1 to v2');
    expect(body).toContain('- Request (breaking): The request now requires `region`');
  });

  it('tells the consumer what to change on its side: the route, the line in its consumer file, its fixtures', () => {
    const body = migrationBody({
      ...migration,
      route: '/internal/syncCustomers/v1',
      replacement: {
        ...(migration.replacement as NonNullable<Migration['replacement']>),
        route: '/internal/syncCustomers/v2',
      },
      usedAt: { file: 'contracts/consumers/billing-job.yaml', line: 9 },
      hasFixtures: true,
    });
    expect(body).toContain(
      [
        '### What to change in billing-job',
        '',
        '1. Call `/internal/syncCustomers/v2` instead of `/internal/syncCustomers/v1`.',
        "2. Handle what changes from v1 to v2 (below) in billing-job's code.",
        '3. In `contracts/consumers/billing-job.yaml:9`, change `version: 1` to `version: 2` and record its fixtures and `expects` against v2, in the same PR as the move.',
      ].join('\n'),
    );
  });

  it('lists behaviour changes from contract.yaml, and says which response changes the consumer does not read', () => {
    const body = migrationBody({
      ...migration,
      replacement: {
        major: 2,
        changes: [
          { side: 'response', severity: 'breaking', message: '`legacyId` was removed', read: false },
          { side: 'behaviour', severity: 'breaking', message: 'Error code `CRM_TIMEOUT` was removed' },
        ],
      },
    });
    expect(body).toContain(
      "- Response (breaking): `legacyId` was removed (billing-job's `expects` does not read it)",
    );
    expect(body).toContain('- Behaviour (breaking): Error code `CRM_TIMEOUT` was removed');
    expect(body).toContain("Handle what changes from v1 to v2 (below) in billing-job's code.");
  });

  it('asks for no code change when only fields the consumer does not read change', () => {
    const body = migrationBody({
      ...migration,
      replacement: {
        major: 2,
        changes: [{ side: 'response', severity: 'breaking', message: '`legacyId` was removed', read: false }],
      },
    });
    expect(body).not.toContain('Handle what changes');
  });

  it('says when there is nothing to change but the version called', () => {
    const body = migrationBody({ ...migration, replacement: { major: 2, changes: [] } });
    expect(body).toContain('No breaking or dangerous changes: bump the version you call.');
  });

  it('says when no deadline or replacement is set', () => {
    const { deadline: _d, daysLeft: _l, replacement: _r, ...bare } = migration;
    const body = migrationBody(bare);
    expect(body).toContain('- **Deadline:** none set yet');
    expect(body).toContain('- **Replacement:** none declared');
    expect(body).not.toContain('### Migrating');
  });

  it('escapes Markdown and HTML in a change message', () => {
    const body = migrationBody({
      ...migration,
      replacement: {
        major: 2,
        changes: [{ side: 'response', severity: 'dangerous', message: 'a <img src=x> **bold** change' }],
      },
    });
    expect(body).toContain('- Response (dangerous): a \\<img src=x\\> \\*\\*bold\\*\\* change');
  });
});

describe('comments', () => {
  it('reminds the owner how long is left', () => {
    expect(reminderComment({ ...migration, daysLeft: -1 }, 'overdue')).toBe(
      '@alice reminder: the deadline has passed to move `billing-job` off sync-customers v1 ' +
        '(deadline 2027-03-01, overdue by 1 day).',
    );
  });

  it('says why a migration is closed', () => {
    expect(closeComment(migration, { kind: 'moved', to: 2 })).toBe(
      '`billing-job` now uses sync-customers v2: nothing left to migrate, closing.',
    );
    expect(closeComment(migration, { kind: 'no-longer-deprecated' })).toBe(
      'sync-customers v1 is no longer deprecated: nothing left to migrate, closing.',
    );
  });
});

describe('the dashboard', () => {
  const row: EndpointMajor = {
    endpoint: 'sync-customers',
    major: 1,
    status: 'deprecated',
    aliases: [],
    consumers: ['billing-job', 'ops-dashboard'],
    deadline: '2027-03-01',
    daysLeft: 96,
  };

  it('links each consumer’s migration issue', () => {
    const issues = new Map([['billing-job', 12]]);
    expect(dashboardBody([row], (k) => issues.get(k.consumer))).toContain(
      '| sync-customers | v1 | deprecated | — | billing-job, ops-dashboard | 2027-03-01 | 96 | #12 |',
    );
  });

  it('keeps a pipe in an alias name from breaking the table', () => {
    const body = dashboardBody([{ ...row, aliases: ['a|b'] }], () => undefined);
    expect(body).toContain('| a\\|b |');
  });
});
