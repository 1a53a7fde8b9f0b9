import { describe, expect, it } from 'vitest';

import { collectSamples, generateRequest, OMIT, type GenerationHints } from '../../src/verify/generate.js';

const none: GenerationHints = { samples: new Map() };

const customerInput = {
  type: 'object',
  required: ['customerId'],
  properties: {
    customerId: { type: 'string', pattern: '^cus_[A-Za-z0-9]{8}$' },
    dryRun: { type: 'boolean', default: false },
    pageSize: { type: 'integer', minimum: 5, maximum: 50, multipleOf: 5 },
    cursor: { type: ['string', 'null'] },
  },
};

describe('generateRequest', () => {
  it('puts only the required fields in the minimal request', () => {
    expect(generateRequest(customerInput, 'minimal', none)).toEqual({
      value: { customerId: 'cus_ABCDEFGH' },
      notes: [],
    });
  });

  it('puts every field in the full request, each within its bounds', () => {
    const made = generateRequest(customerInput, 'full', none);
    expect(made).toEqual({
      value: { customerId: 'cus_ABCDEFGH', dryRun: false, pageSize: 5, cursor: 'contractguard' },
      notes: [],
    });
  });

  it('prefers what recorded requests sent at the same field', () => {
    const hints = { samples: collectSamples([{ customerId: 'cus_8fK2mQ9x', pageSize: 20 }]) };
    expect(generateRequest(customerInput, 'full', hints)).toMatchObject({
      value: { customerId: 'cus_8fK2mQ9x', pageSize: 20 },
    });
  });

  it('leaves out a field fixed as OMIT (the cursor of the first page)', () => {
    const made = generateRequest(customerInput, 'full', {
      samples: new Map(),
      fixed: new Map([['cursor', OMIT]]),
    });
    expect(made).toMatchObject({ value: { customerId: 'cus_ABCDEFGH' } });
    expect('value' in made && Object.keys(made.value as object)).not.toContain('cursor');
  });

  it('takes const, then enum, then examples before making a value up', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { const: 7 },
        b: { enum: [null, 'x', 'y'] },
        c: { type: 'string', examples: ['from-examples'] },
      },
    };
    expect(generateRequest(schema, 'full', none)).toMatchObject({
      value: { a: 7, b: 'x', c: 'from-examples' },
    });
  });

  it('makes distinct items for an array of unique items', () => {
    const schema = {
      type: 'array',
      minItems: 3,
      uniqueItems: true,
      items: { type: 'string', format: 'uuid' },
    };
    const made = generateRequest(schema, 'minimal', none);
    expect('value' in made && new Set(made.value as string[]).size).toBe(3);
  });

  it('merges allOf parts and prefers an anyOf branch that is more than null', () => {
    const schema = {
      allOf: [
        { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 3 } } },
        { required: ['account'], properties: { account: { anyOf: [{ type: 'null' }, { type: 'object' }] } } },
      ],
    };
    expect(generateRequest(schema, 'minimal', none)).toEqual({
      value: { id: 'contractguard', account: {} },
      notes: [],
    });
  });

  it('says which required field it could not fill, and how to help', () => {
    const schema = {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', pattern: '^(?=A)A$' } },
    };
    expect(generateRequest(schema, 'minimal', none)).toEqual({
      problem:
        'cannot make a value for `code` that matches its pattern `^(?=A)A$`: give the field `examples` in the schema',
    });
  });

  it('leaves an optional field it could not fill out of the full request, with a note', () => {
    const schema = {
      type: 'object',
      properties: { code: { type: 'string', pattern: '^(a)\\1$' }, n: { type: 'integer' } },
    };
    const made = generateRequest(schema, 'full', none);
    expect(made).toMatchObject({ value: { n: 1 } });
    expect('notes' in made && made.notes[0]).toMatch(/cannot make a value for `code`/);
  });

  it('stops a recursive schema instead of following it forever', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['child'] };
    node.properties = { child: node };
    expect(generateRequest(node, 'minimal', none)).toEqual({
      problem: expect.stringMatching(/nested more than 12 levels/),
    });
  });

  it('makes a property named __proto__ an own field, not the prototype', () => {
    const schema = {
      type: 'object',
      required: ['__proto__'],
      properties: { ['__proto__']: { type: 'string' } },
    };
    const made = generateRequest(JSON.parse(JSON.stringify(schema)), 'minimal', none);
    const value = 'value' in made ? (made.value as object) : {};
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('collectSamples', () => {
  it('collects scalar values by field path, items under []', () => {
    const samples = collectSamples([{ ids: ['a', 'b'], page: { size: 2 } }, { ids: ['a', 'c'] }]);
    expect(Object.fromEntries(samples)).toEqual({ 'ids[]': ['a', 'b', 'c'], 'page.size': [2] });
  });
});
