/** Field tables: a resolved schema flattened into one row per field, by path. */
import { describe, expect, it } from 'vitest';

import { fieldTable, MAX_ROWS } from '../../src/catalog/fields.js';
import type { FieldRow } from '../../src/catalog/types.js';
import { resolveSchema } from '../../src/schema/resolve.js';

const table = (doc: unknown) =>
  fieldTable(resolveSchema(doc, { file: 'inline.schema.json', root: '/nonexistent/contracts' }));

function row(rows: FieldRow[], path: string): FieldRow {
  const found = rows.find((r) => r.path === path);
  if (found === undefined) throw new Error(`no row ${path} in ${rows.map((r) => r.path).join(', ')}`);
  return found;
}

const paths = (doc: unknown) => table(doc).rows.map((r) => r.path);

describe('fieldTable', () => {
  it('lists top-level fields with their types, required flag and description', () => {
    const t = table({
      title: 'Request',
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string', description: 'The id.' },
        note: { type: ['string', 'null'] },
      },
      additionalProperties: false,
    });
    expect(t).toMatchObject({ title: 'Request', types: ['object'], closed: true });
    expect(t.rows).toEqual([
      { path: 'id', depth: 0, types: ['string'], required: true, description: 'The id.', facets: {} },
      { path: 'note', depth: 0, types: ['string', 'null'], required: false, facets: {} },
    ]);
  });

  it('flattens nested objects and array items into paths', () => {
    expect(
      paths({
        type: 'object',
        properties: {
          customers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                email: { type: 'string' },
                address: { type: 'object', properties: { city: { type: 'string' } } },
              },
            },
          },
        },
      }),
    ).toEqual(['customers', 'customers[].email', 'customers[].address', 'customers[].address.city']);
  });

  it('names an array by its item types and a field by the definition it refers to', () => {
    const t = table({
      type: 'object',
      properties: {
        customers: { type: 'array', items: { $ref: '#/$defs/Customer' } },
        money: { $ref: '#/$defs/Money' },
      },
      $defs: {
        Customer: { type: 'object', properties: { id: { type: 'string' } } },
        Money: { type: 'integer' },
      },
    });
    expect(row(t.rows, 'customers')).toMatchObject({
      types: ['array'],
      itemTypes: ['object'],
      definition: 'Customer',
    });
    expect(row(t.rows, 'money')).toMatchObject({ types: ['integer'], definition: 'Money' });
  });

  it('reads allOf parts together: their properties, required lists and annotations', () => {
    const t = table({
      allOf: [
        {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', description: 'from the part' } },
        },
        { type: 'object', required: ['crmId'], properties: { crmId: { type: 'string' } } },
      ],
    });
    expect(t.rows.map((r) => [r.path, r.required, r.description])).toEqual([
      ['id', true, 'from the part'],
      ['crmId', true, undefined],
    ]);
  });

  it("prefers a $ref's sibling description to the target's", () => {
    const t = table({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { id: { $ref: '#/$defs/Id', description: 'The caller’s id.' } },
      $defs: { Id: { type: 'string', description: 'Any id.' } },
    });
    expect(row(t.rows, 'id').description).toBe('The caller’s id.');
  });

  it('derives types from enum and const values when no type is given', () => {
    const t = table({ type: 'object', properties: { plan: { enum: ['free', null] }, kind: { const: 3 } } });
    expect(row(t.rows, 'plan')).toMatchObject({
      types: ['string', 'null'],
      facets: { enum: ['free', null] },
    });
    expect(row(t.rows, 'kind').types).toEqual(['integer']);
  });

  it('merges the fields of anyOf variants by path, naming the variants a field is only in', () => {
    const t = table({
      type: 'object',
      properties: {
        event: {
          anyOf: [{ $ref: '#/$defs/PageView' }, { $ref: '#/$defs/Signup' }],
        },
      },
      $defs: {
        PageView: {
          type: 'object',
          required: ['kind', 'path'],
          properties: { kind: { const: 'page_view' }, path: { type: 'string' } },
        },
        Signup: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: 'signup' }, method: { type: 'string' } },
        },
      },
    });
    expect(row(t.rows, 'event.kind')).toMatchObject({
      required: true,
      facets: { enum: ['page_view', 'signup'] },
    });
    expect(row(t.rows, 'event.kind').variants).toBeUndefined();
    expect(row(t.rows, 'event.path')).toMatchObject({ required: false, variants: ['PageView'] });
    expect(row(t.rows, 'event.method')).toMatchObject({ required: false, variants: ['Signup'] });
  });

  it('keeps the fields of a nullable object required where the object requires them', () => {
    const t = table({
      type: 'object',
      properties: {
        account: {
          anyOf: [
            { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
            { type: 'null' },
          ],
        },
      },
    });
    expect(row(t.rows, 'account').types).toEqual(['object', 'null']);
    expect(row(t.rows, 'account.id')).toMatchObject({ required: true });
    expect(row(t.rows, 'account.id').variants).toBeUndefined();
  });

  it('stops a recursive schema at the field that repeats an ancestor', () => {
    const t = table({
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
        },
      },
    });
    expect(t.rows.map((r) => r.path)).toEqual(['name', 'children', 'children[]']);
    expect(row(t.rows, 'children[]').recursive).toBe('');
  });

  it('lists the values of a map as `*`', () => {
    expect(
      paths({
        type: 'object',
        properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } },
      }),
    ).toEqual(['labels', 'labels.*']);
  });

  it('keeps validation keywords worth showing and marks closed objects', () => {
    const t = table({
      type: 'object',
      properties: {
        pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 100, $comment: 'not shown' },
        filter: { type: 'object', additionalProperties: false, properties: {} },
      },
    });
    expect(row(t.rows, 'pageSize').facets).toEqual({ minimum: 1, maximum: 500, default: 100 });
    expect(row(t.rows, 'filter').facets).toEqual({ additionalProperties: false });
  });

  it('says what a body without fields is', () => {
    expect(table(true)).toMatchObject({ types: ['any'], rows: [] });
    expect(table(false)).toMatchObject({ types: ['never'], rows: [] });
    expect(table({ type: 'string' })).toMatchObject({ types: ['string'], rows: [] });
  });

  it('stops at a bounded number of rows and says it did', () => {
    const properties = Object.fromEntries(
      Array.from({ length: MAX_ROWS + 50 }, (_, i) => [`f${i}`, { type: 'string' }]),
    );
    const t = table({ type: 'object', properties });
    expect(t.rows).toHaveLength(MAX_ROWS);
    expect(t.truncated).toEqual({ shown: MAX_ROWS });
  });
});
