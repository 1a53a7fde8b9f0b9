import { describe, expect, it } from 'vitest';

import { getField, parseFieldPath, setField, withoutFields } from '../../src/verify/fields.js';

describe('field paths', () => {
  it('reads dotted paths and [] steps', () => {
    expect(parseFieldPath('page.nextCursor')).toEqual(['page', 'nextCursor']);
    expect(parseFieldPath('customers[].syncedAt')).toEqual(['customers', '[]', 'syncedAt']);
  });

  it('gets a nested field, and says when one is missing', () => {
    expect(getField({ page: { nextCursor: null } }, 'page.nextCursor')).toEqual({ found: true, value: null });
    expect(getField({ page: {} }, 'page.nextCursor')).toEqual({ found: false });
    expect(getField({}, 'constructor')).toEqual({ found: false });
  });

  it('sets a nested field on a copy, creating objects on the way', () => {
    const body = { limit: 2 };
    expect(setField(body, 'page.cursor', 'c1')).toEqual({ limit: 2, page: { cursor: 'c1' } });
    expect(body).toEqual({ limit: 2 });
  });

  it('sets `__proto__` as a field, never as the prototype', () => {
    const out = setField({}, '__proto__', { polluted: true }) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('removes fields, in every item of an array for []', () => {
    const body = {
      syncId: 'a',
      customers: [
        { id: 1, syncedAt: 'x' },
        { id: 2, syncedAt: 'y' },
      ],
      counts: { a: 1, b: 2 },
    };
    expect(withoutFields(body, ['syncId', 'customers[].syncedAt', 'counts.b'])).toEqual({
      customers: [{ id: 1 }, { id: 2 }],
      counts: { a: 1 },
    });
    expect(body.customers[0]).toEqual({ id: 1, syncedAt: 'x' });
  });
});
