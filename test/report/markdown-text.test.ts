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

  it('shows bidirectional and control characters as \\uXXXX in text, prose and code spans', () => {
    const name = 'invoice\u202Egnp.exe\u2066x\u2069\u200e\u061c\u0007\u009b';
    const shown = 'invoice\\u202Egnp.exe\\u2066x\\u2069\\u200E\\u061C\\u0007\\u009B';
    expect(text(name)).toBe(shown);
    expect(code(name)).toBe(`\`${shown}\``);
    expect(prose(`file \`${name}\` and ${name}`)).toBe(`file \`${shown}\` and ${shown}`);
  });

  it('leaves ordinary non-ASCII text alone (joiners in emoji, accents, RTL letters)', () => {
    const plain = 'café 👨‍👩‍👧 עברית';
    expect(text(plain)).toBe(plain);
    expect(code(plain)).toBe(`\`${plain}\``);
  });

  it('never splits a surrogate pair when shortening', () => {
    const out = text('😀'.repeat(600));
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
