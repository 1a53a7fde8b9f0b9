/** src/schema/wellformed.ts: misspelt keywords in a schema graph. */
import { describe, expect, it } from 'vitest';

import { misspeltKeywords } from '../../src/schema/wellformed.js';

const found = (schema: unknown) =>
  misspeltKeywords(schema).map(({ keyword, guess }) => `${keyword}→${guess}`);

describe('misspeltKeywords', () => {
  it('finds a typo of a keyword in any subschema, with the keyword it meant', () => {
    const schema = {
      type: 'object',
      requried: ['a'],
      properties: { a: { type: 'string', minLenght: 1 } },
      items: [{ maximun: 3 }],
      anyOf: [{ patern: '^a' }],
      $defs: { D: { additionalPropertie: false } },
    };
    expect(found(schema).sort()).toEqual(
      [
        'requried→required',
        'minLenght→minLength',
        'maximun→maximum',
        'patern→pattern',
        'additionalPropertie→additionalProperties',
      ].sort(),
    );
  });

  it('returns the object that holds the typo, so its place can be found', () => {
    const inner = { type: 'string', minLenght: 1 };
    expect(misspeltKeywords({ properties: { a: inner } })[0]?.node).toBe(inner);
  });

  it('takes property names for names, not keywords', () => {
    expect(found({ properties: { minLenght: { type: 'string' }, requried: true } })).toEqual([]);
  });

  it('leaves `x-` annotations, OpenAPI keywords and unrelated words alone', () => {
    expect(
      found({ 'x-minLenght': 1, nullable: true, example: 'a', discriminator: {}, color: 'red' }),
    ).toEqual([]);
  });

  it('does not look inside data: `enum`, `const`, `default`, `examples`', () => {
    expect(found({ enum: [{ minLenght: 1 }], default: { requried: 1 }, examples: [{ patern: 1 }] })).toEqual(
      [],
    );
  });

  it('walks a cyclic (resolved) graph once', () => {
    const node: Record<string, unknown> = { type: 'object', minLenght: 1 };
    node.properties = { self: node };
    expect(found(node)).toEqual(['minLenght→minLength']);
  });
});
