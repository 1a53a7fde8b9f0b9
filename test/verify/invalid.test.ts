import { describe, expect, it } from 'vitest';

import type { ResolvedSchema } from '../../src/schema/types.js';
import { invalidRequest } from '../../src/verify/invalid.js';
import { validateBody } from '../../src/verify/validate.js';

const resolved = (root: Record<string, unknown>): ResolvedSchema => ({
  root,
  origins: new WeakMap(),
  file: 'input.schema.json',
});

const input = resolved({
  type: 'object',
  required: ['events'],
  properties: {
    events: {
      type: 'array',
      maxItems: 2,
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['a', 'b'] }, label: { type: 'string', maxLength: 3 } },
      },
    },
    pageSize: { type: 'integer', minimum: 1, maximum: 10 },
  },
});
const minimal = { events: [{ kind: 'a' }] };
const full = { events: [{ kind: 'a', label: 'x' }], pageSize: 1 };

describe('invalidRequest', () => {
  it('leaves a required field out of the minimal request', () => {
    expect(invalidRequest(input, 'missing-required', minimal, full)).toEqual({
      kind: 'missing-required',
      fault: 'required field `events` is left out',
      body: {},
    });
  });

  it('gives a field of the full request a value of another type', () => {
    expect(invalidRequest(input, 'wrong-type', minimal, full)).toMatchObject({
      fault: '`events` is "contractguard-wrong-type" (string) where the contract wants array',
      body: { events: 'contractguard-wrong-type', pageSize: 1 },
    });
  });

  it('breaks a numeric bound before lengths, item counts and enums', () => {
    expect(invalidRequest(input, 'out-of-range', minimal, full)).toMatchObject({
      fault: '`pageSize` is 11, above its maximum 10',
      body: { pageSize: 11 },
    });
  });

  it('falls back to lengths, then item counts, then enums', () => {
    const withoutNumber = { events: [{ kind: 'a', label: 'x' }] };
    expect(invalidRequest(input, 'out-of-range', minimal, withoutNumber)).toMatchObject({
      fault: '`events[0].label` is 4 characters long, over its maxLength 3',
    });
  });

  it('offers only requests the schema really rejects', () => {
    for (const kind of ['missing-required', 'wrong-type', 'out-of-range'] as const) {
      const made = invalidRequest(input, kind, minimal, full);
      expect('body' in made && validateBody(input, made.body)).toMatchObject({ valid: false });
    }
  });

  it('says why there is none when the schema requires nothing', () => {
    const open = resolved({ type: 'object', properties: { a: { type: 'string' } } });
    expect(invalidRequest(open, 'missing-required', {}, { a: 'x' })).toEqual({
      none: 'the input schema requires no field, so there is none to leave out',
    });
    expect(invalidRequest(open, 'out-of-range', {}, { a: 'x' })).toEqual({
      none: 'no field of the input schema has a bound (minimum, maximum, length, item count, enum)',
    });
  });
});
