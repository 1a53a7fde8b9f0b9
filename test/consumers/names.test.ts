import { describe, expect, it } from 'vitest';

import { instanceName } from '../../src/consumers/names.js';

describe('instanceName', () => {
  it('names a nested pointer as a dotted path with indexes, unescaping ~1 and ~0', () => {
    expect(instanceName('/customers/0/email')).toBe('`customers[0].email`');
    expect(instanceName('/a~1b/c~0d')).toBe('`a/b.c~d`');
  });

  it('names the whole value with the word given, "the value" by default', () => {
    expect(instanceName('')).toBe('the value');
    expect(instanceName('', 'the arguments')).toBe('the arguments');
  });
});
