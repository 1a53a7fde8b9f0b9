/** The contract-file fields `contractguard verify` reads: endpoint `method`, pagination fields, volatile fields, the error-code field. */
import { describe, expect, it } from 'vitest';

import { parseContractFile, parseEndpointFile } from '../../src/model/validate.js';

const ENDPOINT = 'contracts/sync-customers/endpoint.yaml';
const CONTRACT = 'contracts/sync-customers/v3/contract.yaml';
const endpoint = (extra: string) =>
  `name: sync-customers\nowner: '@acme/crm'\nroute: /internal/syncCustomers/v{major}\n${extra}`;
const contract = (extra: string) =>
  [
    'endpoint: sync-customers',
    'version: 3.0.0',
    "owner: '@acme/crm'",
    'status: active',
    'input: { $ref: ./input.schema.json }',
    'output: { $ref: ./output.schema.json }',
    extra,
  ].join('\n');

describe('endpoint.yaml method', () => {
  it('is optional (callers POST by default)', () => {
    expect(parseEndpointFile(endpoint(''), ENDPOINT).value?.method).toBeUndefined();
  });

  it('takes a method that carries a JSON body', () => {
    expect(parseEndpointFile(endpoint('method: PUT\n'), ENDPOINT).value?.method).toBe('PUT');
  });

  it('refuses GET, naming the methods it takes', () => {
    expect(parseEndpointFile(endpoint('method: GET\n'), ENDPOINT).problems[0]?.message).toMatch(
      /`method` must be one of POST, PUT, PATCH, DELETE/,
    );
  });
});

describe('contract.yaml fields for verify', () => {
  it('reads the pagination fields, volatile fields and the error-code field', () => {
    const parsed = parseContractFile(
      contract(
        [
          'sideEffects: { idempotent: true, volatile: [syncId, "customers[].syncedAt"] }',
          'operational:',
          '  pagination: { cursorField: cursor, nextCursorField: page.nextCursor, itemsField: orders, pageSizeField: limit }',
          'errorCodeField: error.code',
        ].join('\n'),
      ),
      CONTRACT,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toMatchObject({
      sideEffects: { volatile: ['syncId', 'customers[].syncedAt'] },
      operational: {
        pagination: {
          cursorField: 'cursor',
          nextCursorField: 'page.nextCursor',
          itemsField: 'orders',
          pageSizeField: 'limit',
        },
      },
      errorCodeField: 'error.code',
    });
  });

  it('refuses a field path that is not a dotted path', () => {
    const parsed = parseContractFile(
      contract('operational: { pagination: { itemsField: "orders[]" } }'),
      CONTRACT,
    );
    expect(parsed.problems[0]?.message).toMatch(
      /must be a field name or a dotted path \(e\.g\. page\.nextCursor\)/,
    );
  });
});
