import { describe, expect, it } from 'vitest';

import { samplePattern } from '../../src/verify/pattern.js';

describe('samplePattern', () => {
  it.each([
    '^cus_[A-Za-z0-9]{8,32}$',
    '^[A-Z]{3}$',
    '^ord_[A-Za-z0-9]+$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^(foo|bar)-[a-z]?x+$',
    '^[^0-9]{2}$',
    '^a\\.b\\-c$',
    '^(?:ab){2}$',
    '^(?<year>\\d{4})$',
    '^\\x41\\u0042$',
    '^\\w+@\\w+\\.example$',
    'a{b',
  ])('makes a string that %s matches', (pattern) => {
    const sample = samplePattern(pattern);
    expect(sample).toBeDefined();
    expect(new RegExp(pattern).test(sample as string)).toBe(true);
  });

  it('varies the characters of a class with each repetition', () => {
    expect(samplePattern('^[A-Z]{3}$')).toBe('ABC');
  });

  it('makes different strings for different seeds', () => {
    expect(samplePattern('^cus_[A-Za-z0-9]{8}$', 0)).not.toBe(samplePattern('^cus_[A-Za-z0-9]{8}$', 1));
  });

  it.each(['^(?=a)a$', '^(a)\\1$', '^(?!x).$', '(?i)abc'])(
    'answers undefined for syntax it does not read: %s',
    (pattern) => {
      expect(samplePattern(pattern)).toBeUndefined();
    },
  );
});
