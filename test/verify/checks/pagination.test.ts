import { describe, expect, it } from 'vitest';

import {
  editedExample,
  exampleSet,
  json,
  onlyResult,
  provider,
  server,
  verify,
  type Seen,
} from '../helpers.js';

/** export-orders pages from a list of pages, by the cursor the request carries (`p<N>`). */
function pages(list: { orders: object[]; next: string | null }[]) {
  return (seen: Seen, res: Parameters<Parameters<typeof server>[0]>[1]) => {
    const cursor = (seen.body as { cursor?: string }).cursor;
    const page = list[cursor === undefined ? 0 : Number(cursor.slice(1))] ?? { orders: [], next: null };
    json(res, 200, { orders: page.orders, page: { nextCursor: page.next, limit: 2 } });
  };
}

const order = (id: string, createdAt: string) => ({
  id,
  customerId: 'cus_8fK2mQ9xLp',
  status: 'paid',
  createdAt,
  paidAt: null,
  total: { amountCents: 100, currency: 'USD' },
  lines: [{ sku: 'A', quantity: 1, unitPrice: { amountCents: 100, currency: 'USD' } }],
});

const walk = async (handler: ReturnType<typeof pages>) => {
  const target = await server(handler);
  const report = await verify(await exampleSet(), 'export-orders', 1, {
    baseUrl: target.url,
    only: ['pagination'],
  });
  return { result: onlyResult(report, 'pagination'), seen: target.seen };
};

describe('pagination check', () => {
  it('walks every page with the next cursor and passes a provider that pages correctly', async () => {
    const report = await verify(await exampleSet(), 'export-orders', 1, {
      baseUrl: await provider(),
      only: ['pagination'],
    });
    expect(onlyResult(report, 'pagination')).toMatchObject({
      status: 'pass',
      message: 'walked 3 pages (5 items): no item twice, no page over 200 items, in `created_at asc` order',
    });
  });

  it('asks for the first page without a cursor and a small page size, then follows the cursor', async () => {
    const { seen } = await walk(
      pages([
        { orders: [order('ord_a', '2026-01-01T00:00:00Z')], next: 'p1' },
        { orders: [order('ord_b', '2026-01-02T00:00:00Z')], next: null },
      ]),
    );
    expect(seen.map((s) => s.body)).toEqual([{ limit: 2 }, { limit: 2, cursor: 'p1' }]);
  });

  it('fails when an item comes again on a later page', async () => {
    const report = await verify(await exampleSet(), 'export-orders', 1, {
      baseUrl: await provider(['duplicate-items-across-pages']),
      only: ['pagination'],
    });
    expect(onlyResult(report, 'pagination').message).toMatch(
      /item `ord_7Hq2Lm` is on page 1 and again on page 2/,
    );
  });

  it('fails a page holding more items than were asked for', async () => {
    const { result } = await walk(
      pages([
        {
          orders: ['a', 'b', 'c'].map((id, i) => order(`ord_${id}`, `2026-01-0${i + 1}T00:00:00Z`)),
          next: null,
        },
      ]),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message: 'walked 1 page (3 items): page 1 holds 3 items, more than the 2 asked for',
    });
  });

  it('fails items out of the declared order', async () => {
    const { result } = await walk(
      pages([
        { orders: [order('ord_a', '2026-01-02T00:00:00Z')], next: 'p1' },
        { orders: [order('ord_b', '2026-01-01T00:00:00Z')], next: null },
      ]),
    );
    expect(result.message).toBe(
      'walked 2 pages (2 items): page 2: "2026-01-01T00:00:00Z" comes after "2026-01-02T00:00:00Z", against the declared order `created_at asc`',
    );
  });

  it('stops when a page hands out a cursor it handed out before', async () => {
    const { result } = await walk(
      pages([
        { orders: [order('ord_a', '2026-01-01T00:00:00Z')], next: 'p1' },
        { orders: [order('ord_b', '2026-01-02T00:00:00Z')], next: 'p1' },
      ]),
    );
    expect(result.message).toContain('page 2 hands out the cursor "p1" again: following it would never end');
  });

  it('walks no further than the page bound', async () => {
    const endless = (seen: Seen, res: Parameters<Parameters<typeof server>[0]>[1]) => {
      const n = Number((seen.body as { cursor?: string }).cursor?.slice(1) ?? 0);
      json(res, 200, {
        orders: [order(`ord_${n}`, `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`)],
        page: { nextCursor: `p${n + 1}`, limit: 2 },
      });
    };
    const target = await server(endless);
    const report = await verify(await exampleSet(), 'export-orders', 1, {
      baseUrl: target.url,
      only: ['pagination'],
      maxPages: 3,
    });
    expect(target.seen).toHaveLength(3);
    expect(onlyResult(report, 'pagination')).toMatchObject({
      status: 'pass',
      message: expect.stringMatching(/^walked the first 3 pages/),
    });
  });

  it('is skipped when the contract does not say where the cursor and items are', async () => {
    const set = await editedExample({
      'export-orders/v1/contract.yaml': (t) => t.replace(/ {4}itemsField: orders\n/, ''),
    });
    const report = await verify(set, 'export-orders', 1, { baseUrl: await provider(), only: ['pagination'] });
    expect(onlyResult(report, 'pagination')).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('`itemsField`'),
    });
  });
});
