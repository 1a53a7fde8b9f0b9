/**
 * Rewrites that keep the meaning: each pair admits exactly the same values, so in every direction and
 * semantics, read either way round, the verdict is `none` and nothing breaking, dangerous or additive is
 * reported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { run } from './helpers.js';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
const DRAFT_2019 = 'https://json-schema.org/draft/2019-09/schema';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const address = {
  type: 'object',
  properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } },
  required: ['city'],
};

const SAME: [name: string, a: SchemaValue, b: SchemaValue][] = [
  [
    '$ref inlined vs extracted to $defs',
    { type: 'object', properties: { billing: address, shipping: address } },
    {
      type: 'object',
      properties: { billing: { $ref: '#/$defs/Address' }, shipping: { $ref: '#/$defs/Address' } },
      $defs: { Address: address },
    },
  ],
  [
    '$defs entry renamed',
    { type: 'object', properties: { billing: { $ref: '#/$defs/Address' } }, $defs: { Address: address } },
    {
      type: 'object',
      properties: { billing: { $ref: '#/$defs/PostalAddress' } },
      $defs: { PostalAddress: address },
    },
  ],
  [
    'draft-07 definitions vs 2020-12 $defs',
    {
      $schema: DRAFT_07,
      type: 'object',
      properties: { a: { $ref: '#/definitions/A' } },
      definitions: { A: address },
    },
    { type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: address } },
  ],
  [
    'a chain of $refs vs its target',
    {
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
      $defs: { A: { $ref: '#/$defs/B' }, B: address },
    },
    { type: 'object', properties: { a: address } },
  ],
  [
    'key order, enum order and required order changed',
    {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['active', 'paused', 'closed'] },
        id: { type: 'integer' },
      },
      required: ['id', 'status'],
    },
    {
      required: ['status', 'id'],
      properties: {
        id: { type: 'integer' },
        status: { enum: ['closed', 'active', 'paused'], type: 'string' },
      },
      type: 'object',
    },
  ],
  [
    'type: [string, null] vs anyOf of the two types',
    { type: ['string', 'null'] },
    { anyOf: [{ type: 'string' }, { type: 'null' }] },
  ],
  [
    'type: [string, null] vs OpenAPI nullable',
    { type: ['string', 'null'] },
    { type: 'string', nullable: true },
  ],
  ['const: x vs enum: [x]', { const: 'x' }, { enum: ['x'] }],
  [
    'an object split into allOf parts vs one piece',
    {
      type: 'object',
      properties: { id: { type: 'string' }, amount: { type: 'integer', minimum: 0 } },
      required: ['id', 'amount'],
    },
    {
      allOf: [
        { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        { properties: { amount: { type: 'integer' } }, required: ['amount'] },
        { properties: { amount: { minimum: 0 } } },
      ],
    },
  ],
  [
    'a change to an unused $defs entry',
    {
      type: 'object',
      properties: { a: { $ref: '#/$defs/Used' } },
      $defs: { Used: address, Unused: { type: 'string' } },
    },
    {
      type: 'object',
      properties: { a: { $ref: '#/$defs/Used' } },
      $defs: { Used: address, Unused: { type: 'integer' } },
    },
  ],
  [
    'title, description and examples changed',
    { type: 'string', title: 'Status', description: 'The status.', examples: ['active'] },
    {
      type: 'string',
      title: 'State',
      description: 'Current state of the order.',
      examples: ['paused', 'closed'],
    },
  ],
  [
    'draft-04 boolean exclusiveMinimum vs 2019-09 numeric exclusiveMinimum',
    {
      $schema: DRAFT_04,
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    },
    { $schema: DRAFT_2019, type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
  ],
  ['items: false vs maxItems: 0', { type: 'array', items: false }, { type: 'array', maxItems: 0 }],
  [
    'a recursive tree node via `$ref: "#"` vs via $defs/Node',
    {
      type: 'object',
      properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#' } } },
      required: ['value'],
    },
    {
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: {
            value: { type: 'integer' },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
          required: ['value'],
        },
      },
    },
  ],
  [
    'a recursive node unrolled one level',
    {
      $ref: '#/$defs/Node',
      $defs: {
        Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' }, v: { type: 'string' } } },
      },
    },
    {
      type: 'object',
      properties: { next: { $ref: '#/$defs/Node' }, v: { type: 'string' } },
      $defs: {
        Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' }, v: { type: 'string' } } },
      },
    },
  ],
  // Equivalences beyond the usual rewrites: rarer, but a false alarm on them reads as a breaking change.
  [
    'not: { not: X } vs X',
    { not: { not: { type: 'string', maxLength: 3 } } },
    { type: 'string', maxLength: 3 },
  ],
  ['type: integer vs type: number + multipleOf: 1', { type: 'integer' }, { type: 'number', multipleOf: 1 }],
];

afterAll(async () => {
  await shutdownSemanticWorker();
});

describe('rewrites that keep the meaning', () => {
  for (const [name, a, b] of SAME) {
    for (const direction of ['input', 'output'] as const) {
      for (const semantics of ['pragmatic', 'strict'] as const) {
        it(`${name} [${direction}, ${semantics}]`, async () => {
          for (const [old, next] of [
            [a, b],
            [b, a],
          ] as const) {
            const result = await run(old, next, direction, semantics);
            expect(result.changes.filter((c) => c.severity !== 'none')).toEqual([]);
            expect(result.verdict).toBe('none');
          }
        });
      }
    }
  }
});

describe('the same shapes with a real change are still reported (the cases above are not vacuous)', () => {
  it('a change inside an extracted $defs entry is found where it is used', async () => {
    const changed = {
      ...address,
      properties: { ...address.properties, city: { type: 'string', maxLength: 5 } },
    };
    const result = await run(
      { type: 'object', properties: { billing: address, shipping: address } },
      {
        type: 'object',
        properties: { billing: { $ref: '#/$defs/Address' }, shipping: { $ref: '#/$defs/Address' } },
        $defs: { Address: changed },
      },
      'input',
      'pragmatic',
    );
    expect(result.verdict).toBe('breaking');
    expect(result.changes.map((c) => [c.rule, c.path])).toEqual([
      ['max-length-added', '/properties/billing/properties/city/maxLength'],
      ['max-length-added', '/properties/shipping/properties/city/maxLength'],
    ]);
  });

  it('a change deep inside a recursive node is found', async () => {
    const node = (valueType: string) => ({
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: {
            value: { type: valueType },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
        },
      },
    });
    const result = await run(node('integer'), node('number'), 'output', 'pragmatic');
    expect(result.verdict).toBe('breaking');
    expect(result.changes.map((c) => [c.rule, c.path])).toEqual([['type-added', '/properties/value/type']]);
  });

  it('an allOf split that drops a constraint is found', async () => {
    const result = await run(
      { type: 'object', properties: { amount: { type: 'integer', minimum: 0 } } },
      { allOf: [{ type: 'object' }, { properties: { amount: { type: 'integer' } } }] },
      'output',
      'strict',
    );
    expect(result.changes.map((c) => [c.rule, c.severity, c.path])).toEqual([
      ['minimum-removed', 'breaking', '/properties/amount/minimum'],
    ]);
  });
});
