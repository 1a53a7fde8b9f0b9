/**
 * export-orders v1 (contracts-example/export-orders/v1): pages through orders, oldest first
 * (`created_at asc`), optionally for one customer, a time range and some statuses. Read-only.
 */
import {
  ApiError,
  decodeCursor,
  encodeCursor,
  objectBody,
  onlyKnown,
  optionalInteger,
  optionalString,
  rejecter,
} from './api.js';
import type { Order } from './data.js';
import type { ProviderState } from './state.js';

const FIELDS = ['customerId', 'createdFrom', 'createdTo', 'status', 'cursor', 'limit'];
const STATUSES = ['pending', 'paid', 'refunded', 'cancelled'];
const reject = rejecter('INVALID_REQUEST');

export function exportOrdersV1(state: ProviderState, raw: unknown): unknown {
  const body = objectBody(raw, reject);
  onlyKnown(body, FIELDS, reject);
  const customerId = optionalString(body, 'customerId', reject, { pattern: /^cus_[A-Za-z0-9]{8,32}$/ });
  const from = optionalString(body, 'createdFrom', reject, { dateTime: true });
  const to = optionalString(body, 'createdTo', reject, { dateTime: true });
  const statuses = statusList(body.status);
  const cursor = body.cursor;
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string')
    reject('cursor must be null or a string');
  const after = typeof cursor === 'string' ? decodeCursor(cursor, ['createdAt', 'id']) : undefined;
  if (typeof cursor === 'string' && after === undefined) {
    throw new ApiError(400, 'INVALID_CURSOR', 'cursor was not issued by this endpoint', true);
  }
  const limit = optionalInteger(body, 'limit', 1, 200, reject) ?? 50;
  if (customerId !== undefined && !state.data.customers.some((c) => c.id === customerId)) {
    throw new ApiError(404, 'CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
  }

  const key = (o: Order) => `${o.createdAt}\u0000${o.id}`;
  const matching = state.data.orders
    .filter((o) => customerId === undefined || o.customerId === customerId)
    .filter((o) => from === undefined || Date.parse(o.createdAt) >= Date.parse(from))
    .filter((o) => to === undefined || Date.parse(o.createdAt) < Date.parse(to))
    .filter((o) => statuses === undefined || statuses.includes(o.status))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((o) => after === undefined || key(o) > `${after.createdAt}\u0000${after.id}`);
  const orders = matching.slice(0, limit);
  let nextCursor: string | null = null;
  if (matching.length > limit) {
    // The fault: the next page starts one item early, so the last order of this page comes again.
    const resumeAfter =
      state.faults.has('duplicate-items-across-pages') && orders.length > 1
        ? orders.length - 2
        : orders.length - 1;
    const last = orders[resumeAfter] as Order;
    nextCursor = encodeCursor({ createdAt: last.createdAt, id: last.id });
  }
  return { orders, page: { nextCursor, limit } };
}

function statusList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && STATUSES.includes(s))) {
    reject(`status must be a list of ${STATUSES.join(', ')}`);
  }
  const list = value as string[];
  if (new Set(list).size !== list.length) reject('status holds a value twice');
  return list;
}
