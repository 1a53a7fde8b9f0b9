import { type Case, both, obj, runCases } from '../helpers.js';

const cases: Case[] = [
  ...both(
    'an unknown keyword changed',
    { type: 'string', fooBar: 1 },
    { type: 'string', fooBar: 2 },
    {
      input: [
        {
          rule: 'unknown-keyword-changed',
          severity: 'dangerous',
          path: '/fooBar',
          message:
            'The request: keyword `fooBar` was changed, and contractguard does not know what it means; check by hand whether it changes what is valid.',
        },
      ],
      output: [
        {
          rule: 'unknown-keyword-changed',
          severity: 'dangerous',
          path: '/fooBar',
          message: 'keyword `fooBar` was changed',
        },
      ],
    },
  ),
  ...both(
    'an unknown keyword added',
    obj({ a: { type: 'string' } }),
    obj({ a: { type: 'string', fooBar: { deep: [1] } } }),
    {
      input: [
        {
          rule: 'unknown-keyword-changed',
          severity: 'dangerous',
          path: '/properties/a/fooBar',
          message: '`a`: keyword `fooBar` was added',
        },
      ],
      output: [{ rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/properties/a/fooBar' }],
    },
  ),
  ...both(
    'an unknown keyword removed',
    { type: 'string', fooBar: null },
    { type: 'string' },
    {
      input: [
        {
          rule: 'unknown-keyword-changed',
          severity: 'dangerous',
          path: '/fooBar',
          message: 'keyword `fooBar` was removed',
        },
      ],
      output: [{ rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/fooBar' }],
    },
  ),
  ...both(
    'two unknown keywords changed: one change each',
    { fooBar: 1, bazQux: 1 },
    { fooBar: 2, bazQux: 2 },
    {
      input: [
        { rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/bazQux', message: '`bazQux`' },
        { rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/fooBar', message: '`fooBar`' },
      ],
      output: [
        { rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/bazQux' },
        { rule: 'unknown-keyword-changed', severity: 'dangerous', path: '/fooBar' },
      ],
    },
  ),
  ...both(
    'an unknown keyword unchanged',
    { type: 'string', fooBar: { a: 1, b: 2 } },
    { type: 'string', fooBar: { b: 2, a: 1 } },
    {
      input: [],
      output: [],
    },
  ),
  ...both(
    'a vendor extension (`x-…`) changed is ignored',
    { type: 'string', 'x-foo': 1 },
    { type: 'string', 'x-foo': 2 },
    {
      input: [],
      output: [],
    },
  ),
  ...both(
    'a vendor extension added is ignored',
    obj({ a: { type: 'string' } }),
    obj({ a: { type: 'string', 'x-internal': true } }),
    {
      input: [],
      output: [],
    },
  ),
];

runCases('unknown keywords', cases);
