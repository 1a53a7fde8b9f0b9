/** The catalog's data from a loaded tree: majors, aliases, consumers, deadlines, statuses and the timeline. */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

import { buildCatalog } from '../../src/catalog/build.js';
import type { History } from '../../src/catalog/history.js';
import type { HistoryEvent } from '../../src/catalog/types.js';
import type { ContractSet } from '../../src/model/types.js';
import { copyExample, INPUT, load, OUTPUT, writeTree } from '../consumers/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function example(): Promise<ContractSet> {
  const dir = copyExample();
  dirs.push(dir);
  return load(dir);
}

const at = (day: string) => new Date(`${day}T12:00:00Z`);
const source = { kind: 'working-tree' } as const;

function commit(date: string, subject = 'a commit'): HistoryEvent['commit'] {
  return { sha: 'a'.repeat(40), date: `${date}T10:00:00+00:00`, author: 'Ada', subject };
}

/** A tree of one endpoint whose majors have the given statuses and deprecation dates. */
async function endpointWith(majors: Record<number, { status: string; date?: string }>, aliases: string) {
  const files: Record<string, unknown> = {
    'sync-customers/endpoint.yaml': `name: sync-customers\nowner: '@acme/crm-team'\nroute: /internal/sync/v{major}\naliases: ${aliases}\n`,
  };
  for (const [major, { status, date }] of Object.entries(majors)) {
    files[`sync-customers/v${major}/contract.yaml`] =
      `endpoint: sync-customers\nversion: ${major}.0.0\nowner: '@acme/crm-team'\nstatus: ${status}\n` +
      (date === undefined ? '' : `deprecation: { date: ${date} }\n`) +
      'input: { $ref: ./input.schema.json }\noutput: { $ref: ./output.schema.json }\n';
    files[`sync-customers/v${major}/input.schema.json`] = INPUT;
    files[`sync-customers/v${major}/output.schema.json`] = OUTPUT;
  }
  const dir = writeTree(files);
  dirs.push(dir);
  return load(dir);
}

describe('buildCatalog', () => {
  it('lists endpoints by name with owner, live majors highest first, aliases and consumer count', async () => {
    const catalog = buildCatalog(await example(), { now: at('2026-12-06'), source });
    expect(catalog.endpoints.map((e) => e.name)).toEqual([
      'enrich-events',
      'export-orders',
      'sync-customers',
    ]);
    const sync = catalog.endpoints[2];
    expect(sync).toMatchObject({
      owner: '@acme/crm-team',
      route: '/internal/syncCustomers/v{major}',
      versionHeader: 'X-Internal-Version',
      liveMajors: [3, 2],
      consumerCount: 3,
      status: 'deprecating',
      nextDeadline: { major: 2, date: '2027-03-31', daysLeft: 115 },
    });
    expect(sync?.aliases).toEqual([
      { name: 'latest', major: 3, live: true },
      { name: 'prod', major: 3, live: true },
      { name: 'staging', major: 3, live: true },
    ]);
    expect(catalog.today).toBe('2026-12-06');
    expect(sync?.history).toBeUndefined();
  });

  it('gives each major its route, aliases, consumers with owners and deprecation', async () => {
    const catalog = buildCatalog(await example(), { now: at('2026-12-06'), source });
    const [v3, v2] = catalog.endpoints[2]?.majors ?? [];
    expect(v3).toMatchObject({ major: 3, version: '3.2.0', route: '/internal/syncCustomers/v3' });
    expect(v3?.aliases).toEqual(['latest', 'prod', 'staging']);
    expect(v3?.consumers).toEqual([
      { name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' },
      { name: 'slack-customer-lookup', owner: '@acme/support-tools', kind: 'slack-command' },
    ]);
    expect(v2?.deprecation).toEqual({ date: '2027-03-31', daysLeft: 115, replacement: 3 });
    expect(v2?.consumers.map((c) => c.name)).toEqual(['nightly-reconcile']);
    expect(v3?.input.rows.map((r) => r.path)).toContain('customerIds');
    expect(v3?.errors.map((e) => e.code)).toContain('CRM_TIMEOUT');
  });

  it('tells each consumer by when to move off a deprecated major, and to which', async () => {
    const catalog = buildCatalog(await example(), { now: at('2026-12-06'), source });
    const nightly = catalog.consumers.find((c) => c.name === 'nightly-reconcile');
    expect(nightly?.uses).toEqual([
      {
        endpoint: 'sync-customers',
        major: 2,
        known: true,
        deadline: { date: '2027-03-31', daysLeft: 115 },
        replacement: 3,
      },
    ]);
  });

  it('counts days left from the injected clock, negative and overdue once the deadline has passed', async () => {
    const set = await example();
    expect(buildCatalog(set, { now: at('2027-03-30'), source }).endpoints[2]?.nextDeadline?.daysLeft).toBe(1);
    const late = buildCatalog(set, { now: at('2027-04-02'), source }).endpoints[2];
    expect(late?.nextDeadline?.daysLeft).toBe(-2);
    expect(late?.status).toBe('overdue');
  });

  it('takes the earliest deadline of a live major as the next one, ignoring retired majors', async () => {
    const set = await endpointWith(
      {
        1: { status: 'retired', date: '2026-01-01' },
        2: { status: 'deprecated', date: '2027-06-01' },
        3: { status: 'deprecated', date: '2027-02-01' },
        4: { status: 'active' },
      },
      '{ prod: 4, old: 1 }',
    );
    const e = buildCatalog(set, { now: at('2026-12-06'), source }).endpoints[0];
    expect(e?.liveMajors).toEqual([4, 3, 2]);
    expect(e?.nextDeadline).toMatchObject({ major: 3, date: '2027-02-01' });
    expect(e?.aliases).toEqual([
      { name: 'old', major: 1, live: false },
      { name: 'prod', major: 4, live: true },
    ]);
  });

  it('calls an endpoint retired when every major is', async () => {
    const set = await endpointWith({ 1: { status: 'retired' } }, '{}');
    expect(buildCatalog(set, { now: at('2026-12-06'), source }).endpoints[0]?.status).toBe('retired');
  });

  it('puts deadlines and removals on the timeline, with the deprecation day from history', async () => {
    const history: History = new Map([
      [
        'sync-customers',
        [
          { kind: 'major-added', major: 1, version: '1.0.0', status: 'active', commit: commit('2025-01-01') },
          { kind: 'status-changed', major: 1, status: 'deprecated', commit: commit('2025-06-01') },
          { kind: 'major-removed', major: 1, version: '1.0.0', commit: commit('2026-02-01', 'drop v1') },
          { kind: 'status-changed', major: 2, status: 'deprecated', commit: commit('2026-08-20') },
        ],
      ],
    ]);
    const catalog = buildCatalog(await example(), { now: at('2026-12-06'), source, history });
    expect(catalog.hasHistory).toBe(true);
    expect(catalog.timeline).toEqual([
      {
        endpoint: 'sync-customers',
        major: 1,
        consumers: 0,
        deprecatedOn: '2025-06-01',
        removedOn: '2026-02-01',
      },
      {
        endpoint: 'sync-customers',
        major: 2,
        consumers: 1,
        deprecatedOn: '2026-08-20',
        deadline: { date: '2027-03-31', daysLeft: 115 },
      },
    ]);
    expect(catalog.endpoints[0]?.history).toEqual([]);
    expect(catalog.endpoints[2]?.history).toHaveLength(4);
  });
});
