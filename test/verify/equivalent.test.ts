import { describe, expect, it } from 'vitest';

import { differences, showValue } from '../../src/verify/equivalent.js';

describe('differences', () => {
  it('is empty for equal values', () => {
    expect(differences({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('names each differing field as a reader would look it up', () => {
    expect(
      differences({ customers: [{ updatedAt: 'a' }], n: 1 }, { customers: [{ updatedAt: 'b' }], n: 1 }),
    ).toEqual([{ field: 'customers[0].updatedAt', before: 'a', after: 'b' }]);
  });

  it('reports a field present on one side only, and lists of different lengths', () => {
    expect(differences({ a: 1, list: [1] }, { b: 2, list: [1, 2] })).toEqual([
      { field: 'a', before: 1, after: undefined },
      { field: 'list (length)', before: 1, after: 2 },
      { field: 'b', before: undefined, after: 2 },
    ]);
  });

  it('stops at the limit', () => {
    expect(differences({ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }, 2)).toHaveLength(2);
  });

  it('shows values in one short line', () => {
    expect(showValue(undefined)).toBe('absent');
    expect(showValue('x'.repeat(100))).toHaveLength(60);
  });
});
