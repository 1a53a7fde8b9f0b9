import { describe, expect, it } from 'vitest';

import { code, prose, text } from '../../src/report/markdown-text.js';

describe('markdown cell helpers', () => {
  it('turns backtick-quoted names in messages into code spans and escapes the rest', () => {
    expect(prose('Output `customer.status` may now be "refunded"; <b>clients</b> break.')).toBe(
      'Output `customer.status` may now be "refunded"; \\<b\\>clients\\</b\\> break.',
    );
    expect(prose('Name `a``b` and `x|y`')).toBe('Name `a``b` and `x\\|y`');
    expect(prose('Unbalanced `tail*')).toBe('Unbalanced \\`tail\\*');
  });

  it('fences code spans longer than any backtick run inside', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`edge`')).toBe('`` `edge` ``');
    expect(code('a\nb')).toBe('`a\\nb`');
  });

  it('never splits a surrogate pair when shortening', () => {
    const out = text('😀'.repeat(600));
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
