import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const cases: Case[] = [
  ...mirrored(
    'a type dropped from a type list',
    { type: ['string', 'integer'] },
    { type: 'string' },
    {
      input: [
        {
          rule: 'type-removed',
          severity: 'breaking',
          path: '/type',
          message:
            'The request no longer admits `integer` (type is now string, was integer | string); clients that send the old type are now rejected.',
        },
      ],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/type' }],
    },
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/type' }],
      output: [
        { rule: 'type-added', severity: 'breaking', path: '/type', message: 'now also admits `integer`' },
      ],
    },
  ),
  ...mirrored(
    'integer widened to number (integer ⊂ number)',
    obj({ amount: { type: 'integer' } }),
    obj({ amount: { type: 'number' } }),
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/properties/amount/type' }],
      output: [
        {
          rule: 'type-added',
          severity: 'breaking',
          path: '/properties/amount/type',
          message: '`amount` now also admits `non-integer number` (type was integer)',
        },
      ],
    },
    {
      input: [
        {
          rule: 'type-removed',
          severity: 'breaking',
          path: '/properties/amount/type',
          message: '`amount` no longer admits `non-integer number`',
        },
      ],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/properties/amount/type' }],
    },
  ),
  ...mirrored(
    'nullable added as a type list',
    obj({ note: { type: 'string' } }),
    obj({ note: { type: ['string', 'null'] } }),
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/properties/note/type' }],
      output: [
        {
          rule: 'type-added',
          severity: 'breaking',
          path: '/properties/note/type',
          message: '`note` may now be `null`; consumers that do not handle `null` will fail.',
        },
      ],
    },
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/properties/note/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/properties/note/type' }],
    },
  ),
  ...both(
    'nullable added the OpenAPI way (`nullable: true`)',
    obj({ note: { type: 'string' } }),
    obj({ note: { type: 'string', nullable: true } }),
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/properties/note/type' }],
      output: [
        {
          rule: 'type-added',
          severity: 'breaking',
          path: '/properties/note/type',
          message: '`note` may now be `null`',
        },
      ],
    },
  ),
  ...both(
    'OpenAPI `nullable: true` beside an enum admits null too',
    obj({ status: { type: 'string', enum: ['a'] } }),
    obj({ status: { type: 'string', enum: ['a'], nullable: true } }),
    {
      // One change, not two: with an enum on both sides the enum rules name every new value, null included.
      input: [{ rule: 'enum-value-added', severity: 'additive', path: '/properties/status/enum' }],
      output: [
        {
          rule: 'enum-value-added',
          severity: 'breaking',
          path: '/properties/status/enum',
          message: '`status` may now be `null`',
        },
      ],
    },
  ),
  ...both(
    'a type replaced by an enum of that type narrows, it does not admit "any type"',
    obj({ status: { type: 'string' } }),
    obj({ status: { enum: ['active', 'paused'] } }),
    {
      input: [{ rule: 'enum-added', severity: 'breaking', path: '/properties/status/enum' }],
      output: [{ rule: 'enum-added', severity: 'additive', path: '/properties/status/enum' }],
    },
  ),
  ...both(
    'a type swapped both admits and rejects',
    { type: 'string' },
    { type: 'integer' },
    {
      input: [
        { rule: 'type-added', severity: 'additive', path: '/type' },
        { rule: 'type-removed', severity: 'breaking', path: '/type' },
      ],
      output: [
        { rule: 'type-added', severity: 'breaking', path: '/type' },
        { rule: 'type-removed', severity: 'additive', path: '/type' },
      ],
    },
  ),
  ...mirrored(
    'a type declared where any value was allowed',
    obj({ id: {} }),
    obj({ id: { type: 'string' } }),
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/properties/id/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/properties/id/type' }],
    },
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/properties/id/type' }],
      output: [{ rule: 'type-added', severity: 'breaking', path: '/properties/id/type' }],
    },
  ),
  ...both(
    'the same types in another order and spelling',
    { type: ['null', 'string'] },
    { type: ['string', 'null'] },
    {
      input: [],
      output: [],
    },
  ),
  ...both(
    '`integer` beside `number` adds nothing',
    { type: 'number' },
    { type: ['integer', 'number'] },
    {
      input: [],
      output: [],
    },
  ),
];

runCases('type rules', cases);
