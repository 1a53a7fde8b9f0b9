import { describe, expect, it } from 'vitest';

import { editedExample, exampleSet, provider, resultsOf, verify } from '../helpers.js';

describe('generated-valid check', () => {
  it('has the minimal, full and unknown-field requests accepted by a provider that follows the contract', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['generated-valid'],
    });
    expect(resultsOf(report, 'generated-valid').map((r) => [r.name, r.status])).toEqual([
      ['minimal request (required fields only)', 'pass'],
      ['full request (every optional field)', 'pass'],
      ['unknown extra field', 'pass'],
    ]);
  });

  it('sends the minimal request with only the required fields', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['generated-valid'],
    });
    const minimal = resultsOf(report, 'generated-valid')[0];
    const event = (minimal?.request?.body as { events: object[] }).events[0];
    expect(Object.keys(event ?? {}).sort()).toEqual(['accountId', 'eventId', 'kind', 'occurredAt']);
  });

  it('fails an endpoint that rejects a field the contract does not declare', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(['rejects-unknown-fields']),
      only: ['generated-valid'],
    });
    const unknown = resultsOf(report, 'generated-valid')[2];
    expect(unknown?.status).toBe('fail');
    expect(unknown?.message).toContain(
      'the minimal request with an unknown extra field `contractguardUnknownField` was refused with 400 `INVALID_EVENT`',
    );
  });

  it('skips the unknown field where the input schema closes every object', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['generated-valid'],
    });
    expect(resultsOf(report, 'generated-valid')[2]).toMatchObject({
      status: 'skip',
      message: expect.stringMatching(/closes every object/),
    });
  });

  it('sends no unknown field under strict semantics', async () => {
    const set = await editedExample({
      'contractguard.yaml': (t) => t.replace('semantics: pragmatic', 'semantics: strict'),
    });
    const report = await verify(set, 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['generated-valid'],
    });
    expect(resultsOf(report, 'generated-valid')[2]).toMatchObject({
      status: 'skip',
      message: 'strict semantics: fields the contract does not declare are part of it, so none is sent',
    });
  });
});
