/** Contract trees on disk (a temporary copy of a few files), loaded as `contractguard check` loads them. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import type { ContractSet } from '../../src/model/types.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Writes `files` (path under `contracts/` → text or JSON value) into a fresh repository directory. */
export function writeTree(
  files: Record<string, unknown>,
  dir = mkdtempSync(join(tmpdir(), 'cg-consumers-')),
): string {
  for (const [file, content] of Object.entries(files)) {
    const abs = join(dir, 'contracts', file);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

/** A copy of contracts-example as `contracts/` of a fresh repository directory. */
export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-example-'));
  cpSync(join(REPO, 'contracts-example'), join(dir, 'contracts'), { recursive: true });
  return dir;
}

export async function load(dir: string): Promise<ContractSet> {
  return loadContractSet(new FsSource(dir), { root: 'contracts' });
}

export const ENDPOINT = `name: sync-customers
owner: '@acme/crm-team'
route: /internal/syncCustomers/v{major}
`;

export const CONTRACT = `endpoint: sync-customers
version: 1.0.0
owner: '@acme/crm-team'
status: active
input: { $ref: ./input.schema.json }
output: { $ref: ./output.schema.json }
`;

export const INPUT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['customerIds'],
  properties: { customerIds: { type: 'array', items: { type: 'string', pattern: '^cus_[a-z0-9]+$' } } },
};

export const OUTPUT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['customers'],
  properties: {
    customers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'email', 'status'],
        properties: {
          id: { type: 'string' },
          email: { type: 'string', format: 'email' },
          status: { enum: ['active', 'churned'] },
          legacyId: { type: 'string' },
        },
      },
    },
  },
};

export const EXPECTS = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['customers'],
  properties: {
    customers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'email'],
        properties: { id: { type: 'string' }, email: { type: 'string' }, status: { type: 'string' } },
      },
    },
  },
};

export const CONSUMER = `name: retool-ops-dashboard
owner: '@acme/ops'
kind: dashboard
uses:
  - endpoint: sync-customers
    version: 1
    expects: { $ref: ./fixtures/retool/expects.schema.json }
    fixtures:
      - request: ./fixtures/retool/request.json
        response: ./fixtures/retool/response.json
`;

export const REQUEST = { customerIds: ['cus_abc123'] };
export const RESPONSE = {
  customers: [{ id: 'cus_abc123', email: 'ops@northwind.example', status: 'active' }],
};

/** A valid one-endpoint, one-consumer tree; `overrides` replace or add files. */
export function baseFiles(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'sync-customers/endpoint.yaml': ENDPOINT,
    'sync-customers/v1/contract.yaml': CONTRACT,
    'sync-customers/v1/input.schema.json': INPUT,
    'sync-customers/v1/output.schema.json': OUTPUT,
    'consumers/retool-ops-dashboard.yaml': CONSUMER,
    'consumers/fixtures/retool/expects.schema.json': EXPECTS,
    'consumers/fixtures/retool/request.json': REQUEST,
    'consumers/fixtures/retool/response.json': RESPONSE,
    ...overrides,
  };
}
