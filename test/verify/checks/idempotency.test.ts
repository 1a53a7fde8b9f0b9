import { describe, expect, it } from 'vitest';

import { editedExample, exampleSet, onlyResult, provider, verify } from '../helpers.js';

describe('idempotency check', () => {
  it('sends the first recorded request twice and passes equivalent responses, volatile fields apart', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['idempotency'],
    });
    expect(onlyResult(report, 'idempotency')).toMatchObject({
      name: 'same request twice (retool-ops-dashboard: request-resync.json)',
      status: 'pass',
    });
    expect(report.requests).toBe(2);
  });

  it('fails when the second call changes what the first returned, naming the field', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['not-idempotent']),
      only: ['idempotency'],
    });
    const result = onlyResult(report, 'idempotency');
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(
      /^not idempotent: the same request twice gave different responses — `customers\[0\]\.updatedAt` was "[^"]+", then "[^"]+"; only the fields listed in `sideEffects.volatile` may differ/,
    );
  });

  it('counts fields the contract does not mark volatile', async () => {
    const set = await editedExample({
      'sync-customers/v3/contract.yaml': (t) => t.replace(/ {2}volatile:\n(?: {4}- .*\n)+/, ''),
    });
    const result = onlyResult(
      await verify(set, 'sync-customers', 3, { baseUrl: await provider(), only: ['idempotency'] }),
      'idempotency',
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('`syncId` was');
    expect(result.message).toContain('list it in `sideEffects.volatile`');
  });

  it('is skipped for an endpoint that does not promise idempotency', async () => {
    const set = await editedExample({
      'enrich-events/v1/contract.yaml': (t) => t.replace('idempotent: true', 'idempotent: false'),
    });
    const report = await verify(set, 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['idempotency'],
    });
    expect(onlyResult(report, 'idempotency').status).toBe('skip');
    expect(report.requests).toBe(0);
  });
});
