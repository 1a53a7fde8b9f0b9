import { describe, expect, it } from 'vitest';

import { decimalForm, isExact, writtenJson, writtenNumber } from '../../src/schema/numbers.js';
import { parseSchemaText } from '../../src/schema/read.js';

describe('decimalForm', () => {
  it('spells each decimal value one way', () => {
    expect(decimalForm('9007199254740993')).toBe('9007199254740993');
    expect(decimalForm('9.007199254740993e15')).toBe('9007199254740993');
    expect(decimalForm('-0012.500')).toBe('-12.5');
    expect(decimalForm('1E+2')).toBe('100');
    expect(decimalForm('0.000001')).toBe('0.000001');
    expect(decimalForm('1.5e-30')).toBe('1.5e-30');
    expect(decimalForm('1e400')).toBe('1e400');
    expect(decimalForm('-0')).toBe('0');
    expect(decimalForm('0x10')).toBeUndefined();
  });
});

describe('isExact', () => {
  it('is true when the literal is the double read, whatever the spelling', () => {
    expect(isExact('9007199254740992', 9007199254740992)).toBe(true);
    expect(isExact('0.1', 0.1)).toBe(true);
    expect(isExact('1.50', 1.5)).toBe(true);
  });

  it('is false when reading rounded it, or overflowed', () => {
    expect(isExact('9007199254740993', 9007199254740992)).toBe(false);
    expect(isExact('0.10000000000000000001', 0.1)).toBe(false);
    expect(isExact('1e400', Infinity)).toBe(false);
  });
});

describe('numbers as written, from JSON text', () => {
  it('are recorded where a double does not hold them, and nowhere else', () => {
    const schema = parseSchemaText(
      '{"maximum": 9007199254740993, "minimum": 9007199254740992, "enum": [{"id": 18446744073709551615}, 2]}',
      { file: 'a.json' },
    ) as { enum: object[] };
    expect(writtenNumber(schema, 'maximum')).toBe('9007199254740993');
    expect(writtenNumber(schema, 'minimum')).toBeUndefined();
    expect(writtenNumber(schema.enum[0] as object, 'id')).toBe('18446744073709551615');
    expect(writtenJson(schema, 'enum')).toBe('[{"id":18446744073709551615},2]');
    expect(writtenJson(schema, 'minimum')).toBeUndefined();
  });
});
