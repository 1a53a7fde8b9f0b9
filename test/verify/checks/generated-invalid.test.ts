import { describe, expect, it } from 'vitest';

import { exampleSet, json, provider, resultsOf, server, verify } from '../helpers.js';

describe('generated-invalid check', () => {
  it('passes declared 4xx answers to a missing field, a wrong type and an out-of-range value', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['generated-invalid'],
    });
    expect(resultsOf(report, 'generated-invalid').map((r) => [r.name, r.status, r.response?.status])).toEqual(
      [
        ['missing required field', 'pass', 400],
        ['wrong type', 'pass', 400],
        ['out-of-range value', 'pass', 413],
      ],
    );
  });

  it('fails a 5xx to invalid input', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['server-error-on-invalid-input']),
      only: ['generated-invalid'],
    });
    const wrongType = resultsOf(report, 'generated-invalid')[1];
    expect(wrongType?.status).toBe('fail');
    expect(wrongType?.message).toContain(
      'got 500 `INTERNAL_ERROR`, a server error: invalid input must get a 4xx',
    );
  });

  it('fails a 4xx whose code the contract does not declare', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['undeclared-error-code']),
      only: ['generated-invalid'],
    });
    expect(resultsOf(report, 'generated-invalid')[2]?.message).toContain(
      'answered 400 with code `VALIDATION_FAILED`, which sync-customers v3 does not declare in `errors`',
    );
  });

  it('warns, without failing, when the endpoint accepts invalid input', async () => {
    const target = await server((_, res) => json(res, 200, { events: [], unmatched: 0 }));
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: target.url,
      only: ['generated-invalid'],
    });
    const missing = resultsOf(report, 'generated-invalid')[0];
    expect(missing?.status).toBe('warn');
    expect(missing?.message).toMatch(
      /^the endpoint is more lenient than its contract: it accepted an invalid request \(required field `events` is left out\) with 200/,
    );
    expect(report.passed).toBe(true);
  });

  it('skips a missing-field request when the input requires no field', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['generated-invalid'],
    });
    expect(resultsOf(report, 'generated-invalid')[0]).toMatchObject({
      status: 'skip',
      message: 'the input schema requires no field, so there is none to leave out',
    });
  });
});
