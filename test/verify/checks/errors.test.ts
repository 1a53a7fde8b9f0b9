import { describe, expect, it } from 'vitest';

import { editedExample, exampleSet, json, onlyResult, provider, server, verify } from '../helpers.js';

describe('errors check', () => {
  it('passes when every error response carries a declared code with its status', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['generated-invalid', 'auth'],
    });
    expect(onlyResult(report, 'errors')).toMatchObject({
      status: 'pass',
      message: '4 error responses, each with a code enrich-events v1 declares with its status',
    });
  });

  it('judges the responses of every check, recorded traffic included', async () => {
    const target = await server((_, res) => json(res, 503, { code: 'LOOKUP_DOWN' }));
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: target.url,
      only: ['fixtures'],
    });
    expect(onlyResult(report, 'errors')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^1 of 1 error responses break the contract's `errors`: fixtures \(events-warehouse: request-batch.json\) answered 503 with code `LOOKUP_DOWN`, which enrich-events v1 does not declare in `errors`; declare the code/,
      ),
    });
  });

  it('fails a declared code that comes with another status', async () => {
    const target = await server((_, res) => json(res, 500, { code: 'LOOKUP_UNAVAILABLE' }));
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: target.url,
      only: ['fixtures'],
    });
    expect(onlyResult(report, 'errors').message).toContain(
      'answered 500 with code `LOOKUP_UNAVAILABLE`, which enrich-events v1 declares with status 503',
    );
  });

  it('reads the code where the contract says the body carries it', async () => {
    const set = await editedExample({
      'enrich-events/v1/contract.yaml': (t) => t.replace('auth: {', 'errorCodeField: error.code\nauth: {'),
    });
    const target = await server((_, res) => json(res, 400, { error: { code: 'INVALID_EVENT' } }));
    const report = await verify(set, 'enrich-events', 1, { baseUrl: target.url, only: ['fixtures'] });
    expect(onlyResult(report, 'errors').status).toBe('pass');
  });

  it('fails an error without a code, saying where it looked', async () => {
    const target = await server((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: target.url,
      only: ['fixtures'],
    });
    expect(onlyResult(report, 'errors').message).toContain(
      'answered 502 without an error code: the body has no string at `code`',
    );
  });

  it('is skipped when no response was an error', async () => {
    const report = await verify(await exampleSet(), 'enrich-events', 1, {
      baseUrl: await provider(),
      only: ['fixtures'],
    });
    expect(onlyResult(report, 'errors').status).toBe('skip');
  });
});
