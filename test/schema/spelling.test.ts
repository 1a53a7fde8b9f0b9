/** src/schema/spelling.ts: a typo, or another word. */
import { describe, expect, it } from 'vitest';

import { closest } from '../../src/schema/spelling.js';

describe('closest', () => {
  it('finds a word two edits away', () => {
    expect(closest('minLenght', ['maxLength', 'minLength', 'pattern'])).toBe('minLength');
  });

  it('finds a change of case at once', () => {
    expect(closest('MINLENGTH', ['minLength'])).toBe('minLength');
  });

  it('leaves a short word alone: `id` is not a typo of `if`', () => {
    expect(closest('id', ['if'])).toBeUndefined();
  });

  it('leaves a different word alone', () => {
    expect(closest('customerName', ['minLength', 'required'])).toBeUndefined();
  });
});
