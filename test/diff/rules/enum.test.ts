import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const status = (...values: string[]) => obj({ status: { type: 'string', enum: values } });

const cases: Case[] = [
  ...mirrored(
    'an enum value added',
    status('active', 'paused'),
    status('active', 'paused', 'frozen'),
    {
      input: [
        {
          rule: 'enum-value-added',
          severity: 'additive',
          path: '/properties/status/enum',
          message: '`status` now also accepts `"frozen"`; existing clients keep working.',
        },
      ],
      output: [
        {
          rule: 'enum-value-added',
          severity: 'breaking',
          path: '/properties/status/enum',
          message:
            /^`status` may now be `"?frozen"?`; consumers that switch on `status` will not expect it\.$/,
        },
      ],
    },
    {
      input: [
        {
          rule: 'enum-value-removed',
          severity: 'breaking',
          path: '/properties/status/enum',
          message: '`status` no longer accepts `"frozen"`; clients that send `"frozen"` are now rejected.',
        },
      ],
      output: [
        {
          rule: 'enum-value-removed',
          severity: 'additive',
          path: '/properties/status/enum',
          message: '`status` will no longer be `"frozen"`; existing consumers keep working.',
        },
      ],
    },
  ),
  ...both('one change per value', status('a'), status('a', 'b', 'c'), {
    input: [
      { rule: 'enum-value-added', severity: 'additive', path: '/properties/status/enum', message: '`"b"`' },
      { rule: 'enum-value-added', severity: 'additive', path: '/properties/status/enum', message: '`"c"`' },
    ],
    output: [
      { rule: 'enum-value-added', severity: 'breaking', path: '/properties/status/enum' },
      { rule: 'enum-value-added', severity: 'breaking', path: '/properties/status/enum' },
    ],
  }),
  ...both(
    'a const changed to another value',
    { const: 'v1' },
    { const: 'v2' },
    {
      input: [
        { rule: 'enum-value-added', severity: 'additive', path: '/enum' },
        { rule: 'enum-value-removed', severity: 'breaking', path: '/enum' },
      ],
      output: [
        { rule: 'enum-value-added', severity: 'breaking', path: '/enum' },
        { rule: 'enum-value-removed', severity: 'additive', path: '/enum' },
      ],
    },
  ),
  ...both(
    'values compared by meaning, not spelling',
    { enum: [{ a: 1, b: 2 }, 1] },
    { enum: [1.0, { b: 2, a: 1 }] },
    {
      input: [],
      output: [],
    },
  ),
  ...both(
    'a string "1" is not the number 1',
    { enum: [1] },
    { enum: ['1'] },
    {
      input: [
        { rule: 'enum-value-added', severity: 'additive', path: '/enum', message: '`"1"`' },
        { rule: 'enum-value-removed', severity: 'breaking', path: '/enum', message: '`1`' },
      ],
      output: [
        { rule: 'enum-value-added', severity: 'breaking', path: '/enum' },
        { rule: 'enum-value-removed', severity: 'additive', path: '/enum' },
      ],
    },
  ),
  ...mirrored(
    'an enum introduced on a free string',
    obj({ currency: { type: 'string' } }),
    obj({ currency: { type: 'string', enum: ['EUR', 'USD'] } }),
    {
      input: [
        {
          rule: 'enum-added',
          severity: 'breaking',
          path: '/properties/currency/enum',
          message: '`currency` is now limited to `"EUR"` and `"USD"`',
        },
      ],
      output: [{ rule: 'enum-added', severity: 'additive', path: '/properties/currency/enum' }],
    },
    {
      input: [{ rule: 'enum-removed', severity: 'additive', path: '/properties/currency/enum' }],
      output: [
        {
          rule: 'enum-removed',
          severity: 'breaking',
          path: '/properties/currency/enum',
          message: '`currency` is no longer limited to `"EUR"` and `"USD"`',
        },
      ],
    },
  ),
  ...both(
    'an enum value outside the type is no value at all',
    { type: 'string', enum: ['a', 1] },
    { type: 'string', enum: ['a'] },
    { input: [], output: [] },
  ),
];

runCases('enum rules', cases);
