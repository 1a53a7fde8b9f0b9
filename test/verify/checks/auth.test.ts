import { describe, expect, it } from 'vitest';

import { exampleSet, json, onlyResult, provider, server, verify } from '../helpers.js';

describe('auth check', () => {
  it('sends a request without the Authorization header and passes a declared 401', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['auth'],
    });
    expect(onlyResult(report, 'auth')).toMatchObject({
      status: 'pass',
      message: 'refused without `Authorization`: 401 `UNAUTHORIZED`',
      request: { headers: expect.not.objectContaining({ Authorization: expect.anything() }) },
    });
  });

  it('fails an endpoint that serves a request without credentials', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['auth-not-enforced']),
      only: ['auth'],
    });
    expect(onlyResult(report, 'auth')).toMatchObject({
      status: 'fail',
      message:
        'auth is not enforced: a request without the `Authorization` header was accepted with 200, but sync-customers v3 declares `auth` (roles: crm-sync); it must be refused with 401 or 403',
    });
  });

  it('fails a refusal whose code the contract does not declare for that status', async () => {
    const target = await server((_, res) => json(res, 403, { code: 'FORBIDDEN' }));
    const report = await verify(await exampleSet(), 'export-orders', 1, {
      baseUrl: target.url,
      only: ['auth'],
    });
    expect(onlyResult(report, 'auth').message).toMatch(
      /^refused without `Authorization`, but answered 403 with code `FORBIDDEN`, which export-orders v1 does not declare/,
    );
  });

  it('is skipped, saying how to run it, when no credentials are given', async () => {
    const target = await server((_, res) => json(res, 200, {}));
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: target.url,
      headers: {},
      only: ['auth'],
    });
    expect(onlyResult(report, 'auth')).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('give its credentials with --header "Authorization: …"'),
    });
    expect(target.seen).toHaveLength(0);
  });
});
