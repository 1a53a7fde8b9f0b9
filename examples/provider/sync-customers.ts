/**
 * sync-customers v3 (contracts-example/sync-customers/v3): pushes customers to the CRM and says what it did.
 * Either the customers named in `customerIds`, or every customer changed since `updatedSince`, one page per
 * call in `id` order.
 */
import { randomUUID } from 'node:crypto';

import {
  ApiError,
  decodeCursor,
  encodeCursor,
  objectBody,
  onlyKnown,
  optionalBoolean,
  optionalInteger,
  optionalString,
  rejecter,
} from './api.js';
import type { Customer } from './data.js';
import type { ProviderState } from './state.js';

const CUSTOMER_ID = /^cus_[A-Za-z0-9]{8,32}$/;
const FIELDS = ['customerIds', 'updatedSince', 'cursor', 'pageSize', 'dryRun', 'requestedBy'];
const reject = rejecter('INVALID_REQUEST');

type SyncStatus = 'created' | 'updated' | 'unchanged';

export function syncCustomersV3(state: ProviderState, raw: unknown): unknown {
  const body = objectBody(raw, reject);
  onlyKnown(body, FIELDS, reject);
  const ids = customerIds(body.customerIds);
  const updatedSince = optionalString(body, 'updatedSince', reject, { dateTime: true });
  const cursor = body.cursor;
  if (cursor !== undefined && cursor !== null && (typeof cursor !== 'string' || cursor === '')) {
    reject('cursor must be null or a cursor from a previous page');
  }
  const after = typeof cursor === 'string' ? decodeCursor(cursor, ['id']) : undefined;
  if (typeof cursor === 'string' && after === undefined) {
    throw new ApiError(400, 'INVALID_CURSOR', 'cursor was not issued by this endpoint', true);
  }
  const pageSize = optionalInteger(body, 'pageSize', 1, 500, reject) ?? 100;
  const dryRun = optionalBoolean(body, 'dryRun', reject) ?? false;
  optionalString(body, 'requestedBy', reject, { minLength: 1 });

  const failures: { customerId: string; code: string; message: string }[] = [];
  let selected: Customer[];
  let nextCursor: string | null = null;
  if (ids !== undefined) {
    selected = ids.flatMap((id) => {
      const customer = state.data.customers.find((c) => c.id === id);
      if (customer === undefined)
        failures.push({ customerId: id, code: 'CUSTOMER_NOT_FOUND', message: `no customer ${id}` });
      return customer === undefined ? [] : [customer];
    });
  } else {
    const matching = state.data.customers
      .filter((c) => updatedSince === undefined || Date.parse(c.updatedAt) >= Date.parse(updatedSince))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .filter((c) => after === undefined || c.id > (after.id as string));
    selected = matching.slice(0, pageSize);
    if (matching.length > pageSize) {
      // The fault: the next page starts one item early, so the last item of this page comes again.
      const resumeAfter =
        state.faults.has('duplicate-items-across-pages') && selected.length > 1
          ? selected.length - 2
          : selected.length - 1;
      nextCursor = encodeCursor({ id: (selected[resumeAfter] as Customer).id });
    }
  }

  const syncedAt = new Date().toISOString();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const customers = selected.map((customer) => {
    const { status, crmId } = push(state, customer, dryRun);
    counts[status]++;
    const shown: Record<string, unknown> = { ...customer, crmId, syncStatus: status, syncedAt };
    if (state.faults.has('drops-consumer-field')) delete shown.companyName;
    return shown;
  });
  const synced = state.faults.has('output-type-drift') ? String(customers.length) : customers.length;
  return {
    syncId: randomUUID(),
    dryRun,
    customers,
    counts: { synced, ...counts, failed: failures.length },
    failures,
    nextCursor,
  };
}

function customerIds(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length < 1 || value.length > 100)
    reject('customerIds must be a list of 1 to 100 ids');
  const ids = value as unknown[];
  if (!ids.every((id): id is string => typeof id === 'string' && CUSTOMER_ID.test(id)))
    reject('customerIds holds a malformed id');
  if (new Set(ids).size !== ids.length) reject('customerIds holds an id twice');
  return ids as string[];
}

/** Pushes one customer to the CRM (or, on a dry run, says what pushing would do). */
function push(
  state: ProviderState,
  customer: Customer,
  dryRun: boolean,
): { status: SyncStatus; crmId: string | null } {
  const record = state.crm.get(customer.id);
  let status: SyncStatus;
  let crmId: string | null;
  if (record === undefined) {
    status = 'created';
    crmId = dryRun ? null : `0035g${String(state.nextCrmNumber++).padStart(8, '0')}NEW`;
    if (crmId !== null) state.crm.set(customer.id, { crmId, pushedVersion: customer.updatedAt });
  } else {
    status = record.pushedVersion === customer.updatedAt ? 'unchanged' : 'updated';
    crmId = record.crmId;
    if (!dryRun) record.pushedVersion = customer.updatedAt;
  }
  if (!dryRun && state.faults.has('not-idempotent')) {
    // The fault: writing back "last synced" into the customer row changes the customer on every sync.
    customer.updatedAt = new Date(Date.parse(customer.updatedAt) + 1000).toISOString().replace('.000Z', 'Z');
    state.crm.set(customer.id, { crmId: crmId as string, pushedVersion: customer.updatedAt });
  }
  return { status, crmId };
}
