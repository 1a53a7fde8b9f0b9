import { parseSchemaText } from '../../../src/schema/read.js';
import type { SchemaValue } from '../../../src/schema/types.js';
import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
const num = (extra: Record<string, unknown>) => ({ type: 'number', ...extra });
/** A schema read from text, as the loader reads contract files (numbers beyond a double are recorded). */
const read = (text: string, file = 'x.json') => parseSchemaText(text, { file }) as SchemaValue;

const cases: Case[] = [
  // ---- minimum -------------------------------------------------------------------------------------
  ...mirrored(
    'minimum raised 0 → 1',
    obj({ qty: num({ minimum: 0 }) }),
    obj({ qty: num({ minimum: 1 }) }),
    {
      input: [
        {
          rule: 'minimum-increased',
          severity: 'breaking',
          path: '/properties/qty/minimum',
          message:
            '`qty` value must now be ≥ 1 (was ≥ 0); requests that were valid before can now be rejected.',
        },
      ],
      output: [{ rule: 'minimum-increased', severity: 'additive', path: '/properties/qty/minimum' }],
    },
    {
      input: [{ rule: 'minimum-decreased', severity: 'additive', path: '/properties/qty/minimum' }],
      output: [
        {
          rule: 'minimum-decreased',
          severity: 'breaking',
          path: '/properties/qty/minimum',
          message: '`qty` value may now be ≥ 0 (was ≥ 1)',
        },
      ],
    },
  ),
  ...mirrored(
    'minimum added',
    num({}),
    num({ minimum: 5 }),
    {
      input: [
        {
          rule: 'minimum-added',
          severity: 'breaking',
          path: '/minimum',
          message: 'now requires its value to be ≥ 5',
        },
      ],
      output: [{ rule: 'minimum-added', severity: 'additive', path: '/minimum' }],
    },
    {
      input: [{ rule: 'minimum-removed', severity: 'additive', path: '/minimum' }],
      output: [
        {
          rule: 'minimum-removed',
          severity: 'breaking',
          path: '/minimum',
          message: 'no longer limits its value (was ≥ 5)',
        },
      ],
    },
  ),
  ...mirrored(
    'draft-04 boolean exclusiveMinimum turned on',
    { $schema: DRAFT_04, type: 'number', minimum: 0 },
    { $schema: DRAFT_04, type: 'number', minimum: 0, exclusiveMinimum: true },
    {
      input: [
        {
          rule: 'minimum-increased',
          severity: 'breaking',
          path: '/exclusiveMinimum',
          message: 'must now be > 0 (was ≥ 0)',
        },
      ],
      output: [{ rule: 'minimum-increased', severity: 'additive', path: '/exclusiveMinimum' }],
    },
    {
      input: [{ rule: 'minimum-decreased', severity: 'additive', path: '/exclusiveMinimum' }],
      output: [
        {
          rule: 'minimum-decreased',
          severity: 'breaking',
          path: '/exclusiveMinimum',
          message: 'may now be ≥ 0 (was > 0)',
        },
      ],
    },
  ),
  ...mirrored(
    'numeric exclusiveMinimum replaces an inclusive minimum',
    num({ minimum: 0 }),
    num({ exclusiveMinimum: 0 }),
    {
      input: [{ rule: 'minimum-increased', severity: 'breaking', path: '/exclusiveMinimum' }],
      output: [{ rule: 'minimum-increased', severity: 'additive', path: '/exclusiveMinimum' }],
    },
    {
      input: [{ rule: 'minimum-decreased', severity: 'additive', path: '/exclusiveMinimum' }],
      output: [{ rule: 'minimum-decreased', severity: 'breaking', path: '/exclusiveMinimum' }],
    },
  ),
  ...both(
    'an exclusive lower bound at a lower value is still looser',
    num({ minimum: 1 }),
    num({ exclusiveMinimum: 0 }),
    {
      input: [{ rule: 'minimum-decreased', severity: 'additive', path: '/exclusiveMinimum' }],
      output: [{ rule: 'minimum-decreased', severity: 'breaking', path: '/exclusiveMinimum' }],
    },
  ),

  // ---- maximum -------------------------------------------------------------------------------------
  ...mirrored(
    'maximum lowered',
    num({ maximum: 100 }),
    num({ maximum: 10 }),
    {
      input: [
        {
          rule: 'maximum-decreased',
          severity: 'breaking',
          path: '/maximum',
          message: 'must now be ≤ 10 (was ≤ 100)',
        },
      ],
      output: [{ rule: 'maximum-decreased', severity: 'additive', path: '/maximum' }],
    },
    {
      input: [{ rule: 'maximum-increased', severity: 'additive', path: '/maximum' }],
      output: [{ rule: 'maximum-increased', severity: 'breaking', path: '/maximum' }],
    },
  ),
  ...mirrored(
    'maximum added',
    num({}),
    num({ maximum: 10 }),
    {
      input: [{ rule: 'maximum-added', severity: 'breaking', path: '/maximum' }],
      output: [{ rule: 'maximum-added', severity: 'additive', path: '/maximum' }],
    },
    {
      input: [{ rule: 'maximum-removed', severity: 'additive', path: '/maximum' }],
      output: [{ rule: 'maximum-removed', severity: 'breaking', path: '/maximum' }],
    },
  ),
  ...both(
    'draft-04 boolean exclusiveMaximum turned off',
    { $schema: DRAFT_04, type: 'integer', maximum: 10, exclusiveMaximum: true },
    { $schema: DRAFT_04, type: 'integer', maximum: 10 },
    {
      input: [{ rule: 'maximum-increased', severity: 'additive', path: '/exclusiveMaximum' }],
      output: [
        {
          rule: 'maximum-increased',
          severity: 'breaking',
          path: '/exclusiveMaximum',
          message: 'may now be ≤ 10 (was < 10)',
        },
      ],
    },
  ),

  // ---- multipleOf ----------------------------------------------------------------------------------
  ...both(
    'multipleOf 10 → 5 widens (every multiple of 10 is a multiple of 5)',
    num({ multipleOf: 10 }),
    num({ multipleOf: 5 }),
    {
      input: [{ rule: 'multiple-of-changed', severity: 'additive', path: '/multipleOf' }],
      output: [
        {
          rule: 'multiple-of-changed',
          severity: 'breaking',
          path: '/multipleOf',
          message: 'must now be a multiple of 5 (was 10)',
        },
      ],
    },
  ),
  ...both('multipleOf 5 → 10 narrows', num({ multipleOf: 5 }), num({ multipleOf: 10 }), {
    input: [{ rule: 'multiple-of-changed', severity: 'breaking', path: '/multipleOf' }],
    output: [{ rule: 'multiple-of-changed', severity: 'additive', path: '/multipleOf' }],
  }),
  ...both('multipleOf 7 → 13 both admits and rejects', num({ multipleOf: 7 }), num({ multipleOf: 13 }), {
    input: [{ rule: 'multiple-of-changed', severity: 'breaking', path: '/multipleOf' }],
    output: [{ rule: 'multiple-of-changed', severity: 'breaking', path: '/multipleOf' }],
  }),
  ...both(
    'multipleOf 0.1 → 0.05 widens (decimal steps)',
    num({ multipleOf: 0.1 }),
    num({ multipleOf: 0.05 }),
    {
      input: [{ rule: 'multiple-of-changed', severity: 'additive', path: '/multipleOf' }],
      output: [{ rule: 'multiple-of-changed', severity: 'breaking', path: '/multipleOf' }],
    },
  ),
  ...mirrored(
    'multipleOf added',
    num({}),
    num({ multipleOf: 2 }),
    {
      input: [
        {
          rule: 'multiple-of-added',
          severity: 'breaking',
          path: '/multipleOf',
          message: 'must now be a multiple of 2',
        },
      ],
      output: [{ rule: 'multiple-of-added', severity: 'additive', path: '/multipleOf' }],
    },
    {
      input: [{ rule: 'multiple-of-removed', severity: 'additive', path: '/multipleOf' }],
      output: [
        {
          rule: 'multiple-of-removed',
          severity: 'breaking',
          path: '/multipleOf',
          message: 'no longer needs to be a multiple of 2',
        },
      ],
    },
  ),

  // ---- numbers a double does not hold exactly (read from text, as contract files are) -----------------
  ...mirrored(
    'maximum 9007199254740993 → 9007199254740992 (the same double)',
    read('{"type": "integer", "maximum": 9007199254740993}'),
    read('{"type": "integer", "maximum": 9007199254740992}'),
    {
      input: [
        {
          rule: 'imprecise-number-changed',
          severity: 'dangerous',
          path: '/maximum',
          message:
            '`maximum` 9007199254740993 became 9007199254740992, and these numbers are too large to compare exactly',
        },
      ],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/maximum' }],
    },
    {
      input: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/maximum' }],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/maximum' }],
    },
  ),
  ...both(
    'the same large number written the same way is no change',
    read('{"type": "integer", "minimum": 9007199254740993, "maximum": 18446744073709551615}'),
    read('{"type": "integer", "minimum": 9007199254740993, "maximum": 18446744073709551615}'),
    { input: [], output: [] },
  ),
  ...both(
    'a large enum value written differently, among others in another order',
    read('{"type": "object", "properties": {"id": {"enum": ["a", 12345678901234567891]}}}'),
    read('{"type": "object", "properties": {"id": {"enum": [12345678901234567890, "a"]}}}'),
    {
      input: [
        {
          rule: 'imprecise-number-changed',
          severity: 'dangerous',
          path: '/properties/id/enum',
          message: '`id`: `enum` 12345678901234567891 became 12345678901234567890',
        },
      ],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/properties/id/enum' }],
    },
  ),
  ...both(
    'a large number inside a const object',
    read('{"const": {"id": 9007199254740993}}'),
    read('{"const": {"id": 9007199254740992}}'),
    {
      input: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/enum' }],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/enum' }],
    },
  ),
  ...both(
    'a minimum with more digits than a double holds',
    read('{"type": "number", "minimum": 0.10000000000000000001}'),
    read('{"type": "number", "minimum": 0.1}'),
    {
      input: [
        {
          rule: 'imprecise-number-changed',
          severity: 'dangerous',
          path: '/minimum',
          message: '0.10000000000000000001 became 0.1, and these numbers are too precise to compare exactly',
        },
      ],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/minimum' }],
    },
  ),
  ...both(
    'a large maximum in YAML, as written in an allOf part',
    read('allOf: [{ type: integer }, { maximum: 9007199254740993 }]\n', 'x.yaml'),
    read('allOf: [{ type: integer }, { maximum: 9007199254740992 }]\n', 'x.yaml'),
    {
      input: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/maximum' }],
      output: [{ rule: 'imprecise-number-changed', severity: 'dangerous', path: '/maximum' }],
    },
  ),
  ...both(
    'large numbers that read differently keep their own rule',
    read('{"type": "integer", "maximum": 9007199254740993}'),
    read('{"type": "integer", "maximum": 9007199254740999}'),
    {
      input: [{ rule: 'maximum-increased', severity: 'additive', path: '/maximum' }],
      output: [{ rule: 'maximum-increased', severity: 'breaking', path: '/maximum' }],
    },
  ),

  // ---- numeric keywords only bind numbers ----------------------------------------------------------
  ...both(
    'a numeric bound on a string schema constrains nothing',
    { type: 'string', minimum: 1 },
    { type: 'string', minimum: 5 },
    {
      input: [],
      output: [],
    },
  ),
];

runCases('numeric rules', cases);
