/** src/consumers/deprecations.ts: who must migrate off a deprecated major, by when, to what. */
import { describe, expect, it } from 'vitest';

import { endpointMajors, migrationEnd, planMigrations } from '../../src/consumers/deprecations.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError, type SchemaValue } from '../../src/schema/types.js';
import { NOW, positions, tree } from '../tree/helpers.js';

function resolved(schema: SchemaValue) {
  return resolveSchema(schema, {
    file: 'consumers/fixtures/expects.schema.json',
    root: '/virtual/contracts',
    readDocument: (abs) => {
      throw new SchemaError('expects', `no file ${abs}`);
    },
  });
}

const V1_INPUT = { type: 'object', properties: { id: { type: 'string' } } };
const V2_INPUT = {
  type: 'object',
  required: ['region'],
  properties: { id: { type: 'string' }, region: { type: 'string' } },
};

function deprecatedV1(replacement?: number, uses = 1) {
  return tree({
    endpoints: {
      'sync-customers': {
        owner: '@acme/crm-team',
        aliases: { prod: 2, latest: 2 },
        versions: {
          1: {
            status: 'deprecated',
            owner: '@acme/crm-team',
            input: V1_INPUT,
            deprecation: { date: '2026-12-25', ...(replacement ? { replacement } : {}) },
          },
          2: { input: V2_INPUT },
        },
      },
    },
    consumers: [
      { name: 'billing-job', uses: [{ endpoint: 'sync-customers', version: uses }] },
      { name: 'ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 2 }] },
    ],
  });
}

describe('planMigrations', () => {
  it('lists each consumer of a deprecated major with its deadline, replacement and breaking changes', async () => {
    const plan = await planMigrations(deprecatedV1(2), NOW);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({
      endpoint: 'sync-customers',
      major: 1,
      consumer: 'billing-job',
      consumerOwner: '@acme/ops',
      endpointOwner: '@acme/crm-team',
      deadline: '2026-12-25',
      daysLeft: 30,
      replacement: { major: 2 },
    });
    expect(plan[0]?.replacement?.changes).toEqual([
      expect.objectContaining({
        side: 'request',
        severity: 'breaking',
        message: expect.stringMatching(/region/),
      }),
    ]);
  });

  it('tells the consumer what to change on its side: both routes and the line of its `version:`', async () => {
    const set = deprecatedV1(2);
    set.position = positions({ 'contracts/consumers/billing-job.yaml#/uses/0/version': 9 });
    const [m] = await planMigrations(set, NOW);
    expect(m).toMatchObject({
      route: '/internal/sync-customers/v1',
      replacement: { major: 2, route: '/internal/sync-customers/v2' },
      usedAt: { file: 'contracts/consumers/billing-job.yaml', line: 9 },
    });
  });

  it('includes the contract.yaml changes between the majors (auth, errors, side effects), each once', async () => {
    const set = tree({
      endpoints: {
        'sync-customers': {
          versions: {
            1: {
              status: 'deprecated',
              deprecation: { date: '2026-12-25', replacement: 2 },
              errors: [{ code: 'CRM_TIMEOUT', status: 504 }],
              auth: { roles: ['crm-sync'] },
            },
            2: {
              errors: [],
              auth: { roles: ['crm-sync', 'crm-admin'] },
              sideEffects: { writes: ['crm.audit'] },
            },
          },
        },
      },
      consumers: [{ name: 'billing-job', uses: [{ endpoint: 'sync-customers', version: 1 }] }],
    });
    const [m] = await planMigrations(set, NOW);
    const changes = m?.replacement?.changes ?? [];
    expect(changes.map((c) => c.side)).toEqual(['behaviour', 'behaviour', 'behaviour']);
    expect(changes.map((c) => c.message).join('\n')).toMatch(/crm-admin/);
    expect(changes.map((c) => c.message).join('\n')).toMatch(/CRM_TIMEOUT/);
    expect(changes.map((c) => c.message).join('\n')).toMatch(/crm\.audit/);
    expect(new Set(changes.map((c) => c.message)).size).toBe(changes.length);
  });

  it('marks a response change the consumer does not read, by its `expects`', async () => {
    const output = (legacy: boolean) => ({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, ...(legacy ? { legacyId: { type: 'string' } } : {}) },
    });
    const set = tree({
      endpoints: {
        'sync-customers': {
          versions: {
            1: {
              status: 'deprecated',
              deprecation: { date: '2026-12-25', replacement: 2 },
              output: output(true),
            },
            2: { output: { ...output(false), properties: { id: { type: 'integer' } } } },
          },
        },
      },
      consumers: [{ name: 'billing-job', uses: [{ endpoint: 'sync-customers', version: 1 }] }],
    });
    const [consumer] = set.consumers;
    if (consumer) consumer.expects = [resolved({ type: 'object', properties: { id: { type: 'string' } } })];
    const changes = (await planMigrations(set, NOW))[0]?.replacement?.changes ?? [];
    expect(changes.find((c) => /legacyId/.test(c.message))).toMatchObject({ side: 'response', read: false });
    expect(changes.find((c) => /`id`/.test(c.message))).not.toHaveProperty('read');
  });

  it('without a declared replacement, takes the lowest newer major that is not deprecated', async () => {
    const plan = await planMigrations(deprecatedV1(undefined), NOW);
    expect(plan[0]?.replacement?.major).toBe(2);
  });

  it('lists nobody when no consumer uses a deprecated major', async () => {
    expect(await planMigrations(deprecatedV1(2, 2), NOW)).toEqual([]);
  });
});

describe('migrationEnd', () => {
  const key = { endpoint: 'sync-customers', major: 1, consumer: 'billing-job' };

  it('says the consumer moved to the major it now uses', () => {
    expect(migrationEnd(deprecatedV1(2, 2), key)).toEqual({ kind: 'moved', to: 2 });
  });

  it('says the consumer was removed', () => {
    expect(migrationEnd(deprecatedV1(2), { ...key, consumer: 'gone-job' })).toEqual({
      kind: 'consumer-removed',
    });
  });

  it('cannot tell while a consumer file does not load', () => {
    const set = deprecatedV1(2, 2);
    set.problems.push({ file: 'contracts/consumers/billing-job.yaml', message: 'bad YAML' });
    expect(migrationEnd(set, key)).toBeUndefined();
  });
});

describe('endpointMajors', () => {
  it('gives each major its status, aliases, consumers and days left', () => {
    expect(endpointMajors(deprecatedV1(2), NOW)).toEqual([
      {
        endpoint: 'sync-customers',
        major: 1,
        status: 'deprecated',
        aliases: [],
        consumers: ['billing-job'],
        deadline: '2026-12-25',
        daysLeft: 30,
      },
      {
        endpoint: 'sync-customers',
        major: 2,
        status: 'active',
        aliases: ['latest', 'prod'],
        consumers: ['ops-dashboard'],
      },
    ]);
  });
});
