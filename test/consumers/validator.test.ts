import { describe, expect, it } from 'vitest';
import { compileResolved, serialise, validateWith, type Compiled } from '../../src/consumers/validator.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError, type SchemaValue } from '../../src/schema/types.js';

function resolved(schema: SchemaValue) {
  return resolveSchema(schema, {
    file: 'mem.schema.json',
    root: '/virtual',
    readDocument: (abs) => {
      throw new SchemaError('mem.schema.json', `no file ${abs}`);
    },
  });
}

function compiled(schema: SchemaValue): Exclude<Compiled, { error: string }> {
  const c = compileResolved(resolved(schema));
  if ('error' in c) throw new Error(c.error);
  return c;
}

function errors(schema: SchemaValue, data: unknown): string[] {
  const result = validateWith(compiled(schema), data);
  if ('error' in result) throw new Error(result.error);
  return result.map((e) => `${e.instancePath} ${e.message}`);
}

describe('compileResolved', () => {
  it('validates formats (ajv-formats)', () => {
    const schema = { type: 'object', properties: { email: { type: 'string', format: 'email' } } };
    expect(errors(schema, { email: 'a@b.example' })).toEqual([]);
    expect(errors(schema, { email: 'not an email' })).toEqual(['/email must match format "email"']);
    const uuid = { $schema: 'http://json-schema.org/draft-07/schema#', format: 'uuid', type: 'string' };
    expect(errors(uuid, 'x')).toHaveLength(1);
  });

  it('draft-07: Ajv, tuple items and additionalItems, definitions', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { n: { type: 'integer' } },
      type: 'array',
      items: [{ $ref: '#/definitions/n' }, { type: 'string' }],
      additionalItems: false,
    };
    expect(compiled(schema).draft).toBe('draft-07');
    expect(errors(schema, [1, 'a'])).toEqual([]);
    expect(errors(schema, ['a', 'a'])).toEqual(['/0 must be integer']);
    expect(errors(schema, [1, 'a', 3])).toHaveLength(1);
  });

  it('2019-09: Ajv2019, dependentRequired and unevaluatedProperties', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      allOf: [{ properties: { a: { type: 'string' } } }],
      properties: { b: { type: 'string' } },
      dependentRequired: { a: ['b'] },
      unevaluatedProperties: false,
    };
    expect(compiled(schema).draft).toBe('2019-09');
    expect(errors(schema, { a: 'x', b: 'y' })).toEqual([]);
    expect(errors(schema, { a: 'x' })).toHaveLength(1);
    expect(errors(schema, { b: 'y', c: 1 })).toEqual([
      '/ has property `c`, which is not allowed'.replace('/ ', ' '),
    ]);
  });

  it('2020-12 (and no $schema): Ajv2020, prefixItems', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'integer' }],
      items: { type: 'string' },
    };
    expect(compiled(schema).draft).toBe('2020-12');
    expect(compiled({ type: 'string' }).draft).toBe('2020-12');
    expect(errors(schema, [1, 'a', 'b'])).toEqual([]);
    expect(errors(schema, [1, 2])).toEqual(['/1 must be string']);
  });

  it('a draft-07 root whose graph uses 2019-09 keywords is compiled as 2019-09', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { a: { type: 'string' } },
      unevaluatedProperties: false,
    };
    expect(compiled(schema).draft).toBe('2019-09');
    expect(errors(schema, { a: 'x', b: 1 })).toHaveLength(1);
  });

  it('draft-04 boolean exclusive bounds', () => {
    const schema = { $schema: 'http://json-schema.org/draft-04/schema#', maximum: 5, exclusiveMaximum: true };
    expect(errors(schema, 4)).toEqual([]);
    expect(errors(schema, 5)).toHaveLength(1);
  });

  it('a recursive schema (a cyclic resolved graph) compiles through $defs and validates deep data', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/Node' } },
          },
        },
      },
    };
    const r = resolved(schema);
    // The resolved graph really is cyclic: JSON.stringify cannot take it.
    expect(() => JSON.stringify(r.root)).toThrow();
    const doc = serialise(r.root, '2020-12');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    const tree = { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] };
    expect(errors(schema, tree)).toEqual([]);
    expect(errors(schema, { name: 'a', children: [{ children: [] }] })).toEqual([
      '/children/0 is missing required property `name`',
    ]);
    // A root that refers to itself.
    const self = { type: 'object', properties: { next: { $ref: '#' } }, additionalProperties: false };
    expect(errors(self, { next: { next: {} } })).toEqual([]);
    expect(errors(self, { next: { other: 1 } })).toHaveLength(1);
  });

  it('keeps a draft-07 dependency on a property named __proto__', () => {
    const schema = JSON.parse(
      '{"$schema":"http://json-schema.org/draft-07/schema#","dependencies":{"__proto__":{"required":["x"]}}}',
    ) as SchemaValue;
    const doc = serialise(resolved(schema).root, 'draft-07') as { dependencies: object };
    expect(Object.keys(doc.dependencies)).toEqual(['__proto__']);
  });

  it('compiles once per resolved root', () => {
    const r = resolved({ type: 'string' });
    expect(compileResolved(r)).toBe(compileResolved(r));
  });

  it('validators keep working after the ajv instance that compiled them is replaced', () => {
    // Far more schemas than one ajv instance compiles before it is replaced (COMPILES_PER_INSTANCE).
    const validators = Array.from({ length: 60 }, (_, i) =>
      compiled({
        type: 'object',
        properties: {
          [`p${i}`]: { type: 'integer', maximum: i },
          code: { type: 'string', pattern: `^c${i}$` },
        },
        required: [`p${i}`],
      }),
    );
    validators.forEach((validator, i) => {
      expect(validateWith(validator, { [`p${i}`]: i, code: `c${i}` })).toEqual([]);
      expect(validateWith(validator, { [`p${i}`]: i + 1 })).toHaveLength(1);
      expect(validateWith(validator, { code: `c${i + 1}` })).toHaveLength(2);
    });
  });

  it("reads OpenAPI's nullable as the classifier does: null joins the type and the allowed values", () => {
    expect(errors({ type: 'integer', nullable: true }, null)).toEqual([]);
    expect(errors({ type: 'integer', nullable: true }, 'x')).toHaveLength(1);
    expect(errors({ enum: ['a', 'b'], nullable: true }, null)).toEqual([]);
    expect(errors({ enum: ['a', 'b'], const: 'a', nullable: true }, 'b')).toHaveLength(1);
    expect(errors({ const: 'a', nullable: true }, null)).toEqual([]);
    // Only type and values: every other keyword still applies to null.
    expect(errors({ type: 'string', nullable: true, not: { type: 'null' } }, null)).toHaveLength(1);
    expect(errors({ type: 'integer', nullable: false }, null)).toHaveLength(1);
  });

  it('judges multipleOf on the quotient as a number: huge integers and decimal divisors', () => {
    expect(errors({ type: 'integer', multipleOf: 1 }, -1e308)).toEqual([]);
    expect(errors({ multipleOf: 2 }, 1e308)).toEqual([]);
    expect(errors({ multipleOf: 2 }, 3)).toHaveLength(1);
    expect(errors({ multipleOf: 0.1 }, 0.3)).toEqual([]);
    expect(errors({ multipleOf: 0.1 }, 0.35)).toHaveLength(1);
  });

  it('matches patterns with RE2: a catastrophic-backtracking pattern stays linear', () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const hostile = `${'a'.repeat(50_000)}!`;
    const started = performance.now();
    expect(errors(schema, hostile)).toHaveLength(1);
    expect(errors(schema, 'aaaa')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
    const props = { type: 'object', patternProperties: { '^(x+x+)+y$': { type: 'integer' } } };
    expect(errors(props, { [`${'x'.repeat(5000)}y`]: 'no' })).toHaveLength(1);
  });

  it('reads only own properties of the data: an inherited `constructor` is not a property', () => {
    expect(errors({ type: 'object', properties: { constructor: false } }, {})).toEqual([]);
    expect(errors({ type: 'object', required: ['toString'] }, {})).toEqual([
      ' is missing required property `toString`',
    ]);
  });

  it('a pattern RE2 cannot express makes the schema unusable, with the reason', () => {
    const c = compileResolved(resolved({ type: 'string', pattern: '^(?=a)a$' }));
    expect('error' in c && c.error).toMatch(/pattern|RE2|regular/i);
  });
});
