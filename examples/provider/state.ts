/** One provider's state: its data, what it has written to the (pretend) CRM, and the faults it was built with. */
import { seedData, type Data } from './data.js';
import type { Fault } from './faults.js';

export interface CrmRecord {
  crmId: string;
  /** The customer's `updatedAt` when it was last pushed: a later one means the CRM is out of date. */
  pushedVersion: string;
}

export interface ProviderState {
  data: Data;
  crm: Map<string, CrmRecord>;
  faults: ReadonlySet<Fault>;
  nextCrmNumber: number;
}

export function createState(faults: readonly Fault[]): ProviderState {
  const data = seedData();
  const crm = new Map<string, CrmRecord>();
  const pushed: [string, string][] = [
    ['cus_8fK2mQ9xLp', '0035g00000XyZ12AAB'],
    ['cus_Q4r5S6t7U8', '0035g00000Qr56AAB'],
    ['cus_Z9y8X7w6V5', '0035g00000AbC34AAB'],
  ];
  for (const [id, crmId] of pushed) {
    const customer = data.customers.find((c) => c.id === id);
    if (customer) crm.set(id, { crmId, pushedVersion: customer.updatedAt });
  }
  return { data, crm, faults: new Set(faults), nextCrmNumber: 1 };
}
