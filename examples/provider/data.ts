/**
 * The example provider's in-memory data: customers, orders, accounts and an IP → country table, seeded with
 * the ids the consumer fixtures of contracts-example use. Every provider gets its own copy.
 */

export interface Customer {
  id: string;
  email: string;
  name: string;
  companyName: string | null;
  status: 'lead' | 'trial' | 'active' | 'past_due' | 'churned';
  plan: 'free' | 'team' | 'business' | 'enterprise' | null;
  lifetimeValue?: { amountCents: number; currency: string };
  tags?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Order {
  id: string;
  customerId: string;
  status: 'pending' | 'paid' | 'refunded' | 'cancelled';
  createdAt: string;
  paidAt: string | null;
  total: { amountCents: number; currency: string };
  lines: {
    sku: string;
    description?: string;
    quantity: number;
    unitPrice: { amountCents: number; currency: string };
  }[];
}

export interface Account {
  id: string;
  plan: 'free' | 'team' | 'business' | 'enterprise';
  segment: 'smb' | 'mid_market' | 'enterprise';
}

export interface Data {
  customers: Customer[];
  orders: Order[];
  accounts: Account[];
  /** IPv4 address → country and region. */
  geo: Record<string, { country: string; region: string | null }>;
}

const usd = (amountCents: number) => ({ amountCents, currency: 'USD' });

export function seedData(): Data {
  return {
    customers: [
      {
        id: 'cus_8fK2mQ9xLp',
        email: 'ops@northwind.example',
        name: 'Dana Whitfield',
        companyName: 'Northwind Traders',
        status: 'active',
        plan: 'business',
        lifetimeValue: usd(1249900),
        tags: ['annual', 'priority-support'],
        createdAt: '2024-02-11T09:14:00Z',
        updatedAt: '2026-11-24T16:02:31Z',
      },
      {
        id: 'cus_A1b2C3d4E5',
        email: 'hello@brightleaf.example',
        name: 'Sam Okafor',
        companyName: null,
        status: 'lead',
        plan: null,
        createdAt: '2026-11-24T10:31:12Z',
        updatedAt: '2026-11-24T10:31:12Z',
      },
      {
        id: 'cus_Q4r5S6t7U8',
        email: 'it@harborview.example',
        name: 'Lee Park',
        companyName: null,
        status: 'churned',
        plan: 'free',
        createdAt: '2025-03-02T08:00:00Z',
        updatedAt: '2026-11-24T19:40:00Z',
      },
      {
        id: 'cus_Z9y8X7w6V5',
        email: 'billing@quayside.example',
        name: 'Priya Raman',
        companyName: 'Quayside Logistics',
        status: 'past_due',
        plan: 'team',
        tags: [],
        createdAt: '2023-06-01T12:00:00Z',
        updatedAt: '2026-11-24T22:45:09Z',
      },
      {
        id: 'cus_m3N4o5P6q7',
        email: 'finance@lumen.example',
        name: 'Jo Adeyemi',
        companyName: 'Lumen Labs',
        status: 'trial',
        plan: 'team',
        createdAt: '2026-11-20T15:00:00Z',
        updatedAt: '2026-11-25T07:30:00Z',
      },
    ],
    orders: [
      {
        id: 'ord_3Bc5Dx',
        customerId: 'cus_Z9y8X7w6V5',
        status: 'refunded',
        createdAt: '2026-10-30T11:00:00Z',
        paidAt: '2026-10-30T11:00:09Z',
        total: usd(4900),
        lines: [{ sku: 'PLAN-TEAM-M', quantity: 1, unitPrice: usd(4900) }],
      },
      {
        id: 'ord_7Hq2Lm',
        customerId: 'cus_8fK2mQ9xLp',
        status: 'paid',
        createdAt: '2026-11-02T14:20:00Z',
        paidAt: '2026-11-02T14:20:41Z',
        total: usd(99900),
        lines: [
          {
            sku: 'PLAN-BUSINESS-M',
            description: 'Business plan, monthly',
            quantity: 1,
            unitPrice: usd(99900),
          },
        ],
      },
      {
        id: 'ord_5Tr8Wq',
        customerId: 'cus_m3N4o5P6q7',
        status: 'pending',
        createdAt: '2026-11-12T09:45:00Z',
        paidAt: null,
        total: usd(9800),
        lines: [{ sku: 'SEATS-EXTRA', quantity: 2, unitPrice: usd(4900) }],
      },
      {
        id: 'ord_9Xk4Pn',
        customerId: 'cus_8fK2mQ9xLp',
        status: 'pending',
        createdAt: '2026-11-20T08:05:00Z',
        paidAt: null,
        total: usd(15000),
        lines: [{ sku: 'SEATS-EXTRA', quantity: 3, unitPrice: usd(5000) }],
      },
      {
        id: 'ord_2Mn6Vb',
        customerId: 'cus_Z9y8X7w6V5',
        status: 'cancelled',
        createdAt: '2026-11-23T17:10:00Z',
        paidAt: null,
        total: usd(4900),
        lines: [{ sku: 'PLAN-TEAM-M', quantity: 1, unitPrice: usd(4900) }],
      },
    ],
    accounts: [
      { id: 'acct_5521', plan: 'free', segment: 'smb' },
      { id: 'acct_1042', plan: 'business', segment: 'mid_market' },
    ],
    geo: {
      '203.0.113.24': { country: 'DE', region: 'BE' },
      '198.51.100.7': { country: 'US', region: 'CA' },
    },
  };
}
