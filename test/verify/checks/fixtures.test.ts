import { describe, expect, it } from 'vitest';

import { editedExample, exampleSet, json, provider, resultsOf, server, verify } from '../helpers.js';

describe('fixtures check', () => {
  it('replays every recorded request of the major and passes a provider that serves them', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['fixtures'],
    });
    expect(resultsOf(report, 'fixtures').map((r) => [r.name, r.status])).toEqual([
      ['retool-ops-dashboard: request-resync.json', 'pass'],
      ['retool-ops-dashboard: request-page.json', 'pass'],
      ['slack-customer-lookup: sync-customers.request.json', 'pass'],
    ]);
  });

  it('names the consumer and the field it reads when the response lacks it', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['drops-consumer-field']),
      only: ['fixtures'],
    });
    const slack = resultsOf(report, 'fixtures').find((r) => r.name.startsWith('slack-customer-lookup'));
    expect(slack?.status).toBe('fail');
    expect(slack?.message).toContain(
      'slack-customer-lookup reads `customers[0].companyName`, which is missing',
    );
  });

  it('fails a response that is not valid output, naming the field', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(['output-type-drift']),
      only: ['fixtures'],
    });
    const slack = resultsOf(report, 'fixtures').find((r) => r.name.startsWith('slack-customer-lookup'));
    expect(slack).toMatchObject({
      status: 'fail',
      message:
        'answered 200, but the response is not valid sync-customers v3 output: `counts.synced` must be integer',
    });
  });

  it('expects the declared error a fixture records, with its status', async () => {
    const set = await editedExample({
      'consumers/fixtures/slack-customer-lookup/export-orders.response.json': () =>
        JSON.stringify({ code: 'CUSTOMER_NOT_FOUND', message: 'no such customer' }),
      'consumers/fixtures/slack-customer-lookup/export-orders.expects.schema.json': () => JSON.stringify({}),
    });
    const answers = [404, 200];
    const target = await server((_, res) => {
      const status = answers.shift() ?? 200;
      json(
        res,
        status,
        status === 404
          ? { code: 'CUSTOMER_NOT_FOUND' }
          : { orders: [], page: { nextCursor: null, limit: 5 } },
      );
    });
    const [first] = resultsOf(
      await verify(set, 'export-orders', 1, { baseUrl: target.url, only: ['fixtures'] }),
      'fixtures',
    );
    expect(first).toMatchObject({
      status: 'pass',
      message: 'answered 404 `CUSTOMER_NOT_FOUND`, the error slack-customer-lookup recorded',
    });
    const [second] = resultsOf(
      await verify(set, 'export-orders', 1, { baseUrl: target.url, only: ['fixtures'] }),
      'fixtures',
    );
    expect(second).toMatchObject({
      status: 'fail',
      message:
        'answered 200, but slack-customer-lookup recorded the declared error 404 `CUSTOMER_NOT_FOUND` for this request',
    });
  });

  it('skips a recorded request that is not valid input, and sends nothing for it', async () => {
    const set = await editedExample({
      'consumers/fixtures/slack-customer-lookup/export-orders.request.json': () =>
        JSON.stringify({ limit: 'five' }),
    });
    const target = await server((_, res) => json(res, 500, {}));
    const [only] = resultsOf(
      await verify(set, 'export-orders', 1, { baseUrl: target.url, only: ['fixtures'] }),
      'fixtures',
    );
    expect(only?.status).toBe('skip');
    expect(only?.message).toMatch(
      /is not valid export-orders v1 input \(`limit` must be integer\), so it is not sent/,
    );
    expect(target.seen).toHaveLength(0);
  });
});
