import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const short = { type: 'string', maxLength: 3 };
const natural = { type: 'integer', minimum: 0 };
const kind = (k: string, more: Record<string, unknown> = {}) =>
  obj({ kind: { const: k }, ...more } as Record<string, { const: string }>, { required: ['kind'] });

const cases: Case[] = [
  // ---- anyOf -----------------------------------------------------------------------------------------
  ...mirrored(
    'an anyOf branch added',
    { anyOf: [short, natural] },
    { anyOf: [short, natural, { type: 'object' }] },
    {
      input: [{ rule: 'any-of-branch-added', severity: 'additive', path: '/anyOf/2' }],
      output: [
        {
          rule: 'any-of-branch-added',
          severity: 'breaking',
          path: '/anyOf/2',
          message:
            'The response gained an `anyOf` alternative (object); consumers may now receive values they do not expect.',
        },
      ],
    },
    {
      input: [
        {
          rule: 'any-of-branch-removed',
          severity: 'breaking',
          path: '/anyOf/2',
          message: 'The request lost an `anyOf` alternative (object)',
        },
      ],
      output: [{ rule: 'any-of-branch-removed', severity: 'additive', path: '/anyOf/2' }],
    },
  ),
  ...mirrored(
    'a branch added to a plain schema makes it a union',
    { type: 'string' },
    { anyOf: [{ type: 'string' }, obj({ a: { type: 'string' } })] },
    {
      input: [{ rule: 'any-of-branch-added', severity: 'additive', path: '/anyOf/1' }],
      output: [{ rule: 'any-of-branch-added', severity: 'breaking', path: '/anyOf/1' }],
    },
    {
      input: [{ rule: 'any-of-branch-removed', severity: 'breaking', path: '/anyOf/1' }],
      output: [{ rule: 'any-of-branch-removed', severity: 'additive', path: '/anyOf/1' }],
    },
  ),
  ...both(
    'a new branch that overlaps several old ones is settled semantically',
    {
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
      ],
    },
    {
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
        { type: 'object', required: ['c'] },
      ],
    },
    {
      input: [{ rule: 'any-of-branch-added', severity: 'additive', path: '/anyOf/2' }],
      output: [{ rule: 'any-of-branch-added', severity: 'breaking', path: '/anyOf/2' }],
    },
  ),
  ...both(
    'a new branch an old one already covers changes nothing',
    {
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
      ],
    },
    {
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
        { type: 'object', required: ['a', 'c'] },
      ],
    },
    { input: [], output: [] },
  ),
  ...both(
    'branches reordered',
    { anyOf: [short, natural, obj({ a: { type: 'string' } })] },
    { anyOf: [obj({ a: { type: 'string' } }), natural, short] },
    { input: [], output: [] },
  ),

  // ---- branches told apart by a `kind` discriminator -------------------------------------------------
  ...both(
    'one discriminated branch changes: only its facts are reported',
    { anyOf: [kind('card', { last4: { type: 'string' } }), kind('bank', { iban: { type: 'string' } })] },
    { anyOf: [kind('card', { last4: { type: 'integer' } }), kind('bank', { iban: { type: 'string' } })] },
    {
      input: [
        { rule: 'type-added', severity: 'additive', path: '/anyOf/0/properties/last4/type' },
        {
          rule: 'type-removed',
          severity: 'breaking',
          path: '/anyOf/0/properties/last4/type',
          message: '`last4` (anyOf branch 1) no longer admits `string`',
        },
      ],
      output: [
        { rule: 'type-added', severity: 'breaking', path: '/anyOf/0/properties/last4/type' },
        { rule: 'type-removed', severity: 'additive', path: '/anyOf/0/properties/last4/type' },
      ],
    },
  ),
  // One change made in several branches is one change (issue 12 item 5): one row, one fingerprint.
  {
    name: 'a property removed from every discriminated branch is one change, in all branches',
    old: {
      anyOf: [
        kind('card', { note: { type: 'string' } }),
        kind('bank', { note: { type: 'string' } }),
        kind('wallet', { note: { type: 'string' } }),
      ],
    },
    new: { anyOf: [kind('card'), kind('bank'), kind('wallet')] },
    direction: 'output',
    expect: [
      {
        rule: 'property-removed',
        severity: 'breaking',
        path: '/anyOf/*/properties/note',
        message: '`note` (all anyOf branches) was removed; consumers that read it will get undefined.',
      },
    ],
  },
  ...both(
    'the same type change in two of three branches is one change naming those branches',
    {
      anyOf: [
        kind('card', { n: { type: 'string' } }),
        kind('bank', { n: { type: 'string' } }),
        kind('wallet', { n: { type: 'string' } }),
      ],
    },
    {
      anyOf: [
        kind('card', { n: { type: 'integer' } }),
        kind('bank', { n: { type: 'string' } }),
        kind('wallet', { n: { type: 'integer' } }),
      ],
    },
    {
      input: [
        { rule: 'type-added', severity: 'additive', path: '/anyOf/0,2/properties/n/type' },
        {
          rule: 'type-removed',
          severity: 'breaking',
          path: '/anyOf/0,2/properties/n/type',
          message: '`n` (anyOf branches 1 and 3) no longer admits `string`',
        },
      ],
      output: [
        { rule: 'type-added', severity: 'breaking', path: '/anyOf/0,2/properties/n/type' },
        { rule: 'type-removed', severity: 'additive', path: '/anyOf/0,2/properties/n/type' },
      ],
    },
  ),
  ...mirrored(
    'a discriminated branch added',
    { anyOf: [kind('card'), kind('bank')] },
    { anyOf: [kind('card'), kind('bank'), kind('wallet')] },
    {
      input: [{ rule: 'any-of-branch-added', severity: 'additive', path: '/anyOf/2' }],
      output: [
        {
          rule: 'any-of-branch-added',
          severity: 'breaking',
          path: '/anyOf/2',
          message: '(object, kind = "wallet")',
        },
      ],
    },
    {
      input: [
        {
          rule: 'any-of-branch-removed',
          severity: 'breaking',
          path: '/anyOf/2',
          message: '(object, kind = "wallet")',
        },
      ],
      output: [{ rule: 'any-of-branch-removed', severity: 'additive', path: '/anyOf/2' }],
    },
  ),

  // ---- oneOf -----------------------------------------------------------------------------------------
  ...mirrored(
    'a oneOf branch added (disjoint branches)',
    { oneOf: [short, natural] },
    { oneOf: [short, natural, { type: 'object' }] },
    {
      input: [{ rule: 'one-of-branch-added', severity: 'additive', path: '/oneOf/2' }],
      output: [
        {
          rule: 'one-of-branch-added',
          severity: 'breaking',
          path: '/oneOf/2',
          message: 'The response gained a `oneOf` alternative (object)',
        },
      ],
    },
    {
      input: [
        {
          rule: 'one-of-branch-removed',
          severity: 'breaking',
          path: '/oneOf/2',
          message: 'The request lost a `oneOf` alternative',
        },
      ],
      output: [{ rule: 'one-of-branch-removed', severity: 'additive', path: '/oneOf/2' }],
    },
  ),
  ...both(
    'a oneOf reduced to its one remaining branch',
    { oneOf: [kind('card', { last4: { type: 'string' } }), kind('bank')] },
    { oneOf: [kind('card', { last4: { type: 'string' } })] },
    {
      input: [{ rule: 'one-of-branch-removed', severity: 'breaking', path: '/oneOf/1' }],
      output: [{ rule: 'one-of-branch-removed', severity: 'additive', path: '/oneOf/1' }],
    },
  ),
  ...both(
    'overlapping oneOf branches rewritten, settled semantically',
    { oneOf: [{ type: 'string' }, { type: 'string', maxLength: 3 }] },
    { oneOf: [{ type: 'string' }, { type: 'string', maxLength: 4 }] },
    {
      input: [{ rule: 'combinator-changed', severity: 'breaking', path: '' }],
      output: [{ rule: 'combinator-changed', severity: 'additive', path: '' }],
    },
  ),
  ...both(
    'overlapping oneOf branches rewritten beyond the semantic check',
    { oneOf: [{ type: 'string' }, { type: 'string', pattern: '^a' }] },
    { oneOf: [{ type: 'string' }, { type: 'string', pattern: '^b' }] },
    {
      input: [
        {
          rule: 'combinator-changed',
          severity: 'dangerous',
          path: '',
          message:
            'The `oneOf` alternatives of the request were rewritten; contractguard could not prove this compatible',
        },
      ],
      output: [{ rule: 'combinator-changed', severity: 'dangerous', path: '' }],
    },
  ),

  ...mirrored(
    'overlapping oneOf relaxed to anyOf',
    {
      oneOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
      ],
    },
    {
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
      ],
    },
    {
      input: [{ rule: 'one-of-exclusivity-removed', severity: 'additive', path: '' }],
      output: [
        {
          rule: 'one-of-exclusivity-removed',
          severity: 'breaking',
          path: '',
          message:
            'The response no longer rejects values that match more than one of its overlapping `oneOf` alternatives',
        },
      ],
    },
    {
      input: [
        {
          rule: 'one-of-exclusivity-added',
          severity: 'breaking',
          path: '',
          message:
            'The request now uses `oneOf` with overlapping alternatives, so values matching more than one are rejected',
        },
      ],
      output: [{ rule: 'one-of-exclusivity-added', severity: 'additive', path: '' }],
    },
  ),

  // ---- allOf -----------------------------------------------------------------------------------------
  ...mirrored(
    'an allOf part that cannot be merged',
    { type: 'string', pattern: '^a' },
    { type: 'string', allOf: [{ pattern: '^a' }, { pattern: 'b$' }] },
    {
      input: [
        {
          rule: 'all-of-part-added',
          severity: 'breaking',
          path: '/allOf/0',
          message: 'The request gained an `allOf` part that every value must also satisfy',
        },
      ],
      output: [{ rule: 'all-of-part-added', severity: 'additive', path: '/allOf/0' }],
    },
    {
      input: [{ rule: 'all-of-part-removed', severity: 'additive', path: '/allOf/0' }],
      output: [
        {
          rule: 'all-of-part-removed',
          severity: 'breaking',
          path: '/allOf/0',
          message: 'The response lost an `allOf` part',
        },
      ],
    },
  ),

  // ---- not -------------------------------------------------------------------------------------------
  ...mirrored(
    'a not added',
    { type: 'string' },
    { type: 'string', not: { enum: ['root'] } },
    {
      input: [
        {
          rule: 'not-added',
          severity: 'breaking',
          path: '/not',
          message: 'now excludes values matching a `not` schema',
        },
      ],
      output: [{ rule: 'not-added', severity: 'additive', path: '/not' }],
    },
    {
      input: [{ rule: 'not-removed', severity: 'additive', path: '/not' }],
      output: [
        {
          rule: 'not-removed',
          severity: 'breaking',
          path: '/not',
          message: 'no longer excludes values matching its `not` schema',
        },
      ],
    },
  ),
  ...mirrored(
    'under not the polarity flips: not {maxLength 10} → not {maxLength 5} widens',
    { type: 'string', not: { maxLength: 10 } },
    { type: 'string', not: { maxLength: 5 } },
    {
      input: [{ rule: 'max-length-decreased', severity: 'additive', path: '/not/maxLength' }],
      output: [
        { rule: 'max-length-decreased', severity: 'breaking', path: '/not/maxLength', message: /`not`/ },
      ],
    },
    {
      input: [
        { rule: 'max-length-increased', severity: 'breaking', path: '/not/maxLength', message: /`not`/ },
      ],
      output: [{ rule: 'max-length-increased', severity: 'additive', path: '/not/maxLength' }],
    },
  ),
  ...both(
    'excluding null as well narrows',
    { not: { type: 'string' } },
    { not: { type: ['string', 'null'] } },
    {
      input: [{ rule: 'type-added', severity: 'breaking', path: '/not/type', message: /`not`/ }],
      output: [{ rule: 'type-added', severity: 'additive', path: '/not/type' }],
    },
  ),

  // ---- if / then / else ------------------------------------------------------------------------------
  ...mirrored(
    'a condition added',
    obj({}),
    obj({}, { if: { required: ['card'] }, then: { required: ['cvc'] } }),
    {
      input: [
        {
          rule: 'conditional-added',
          severity: 'breaking',
          path: '/if',
          message: 'gained an `if`/`then`/`else` condition',
        },
      ],
      output: [{ rule: 'conditional-added', severity: 'additive', path: '/if' }],
    },
    {
      input: [{ rule: 'conditional-removed', severity: 'additive', path: '/if' }],
      output: [{ rule: 'conditional-removed', severity: 'breaking', path: '/if' }],
    },
  ),
  ...both(
    'then narrowed under the same condition',
    obj({}, { if: { required: ['card'] }, then: { required: ['cvc'] } }),
    obj({}, { if: { required: ['card'] }, then: { required: ['cvc', 'expiry'] } }),
    {
      input: [
        {
          rule: 'required-added',
          severity: 'breaking',
          path: '/then/required',
          message: '`expiry` is now required in the request (in `then`)',
        },
      ],
      output: [{ rule: 'required-added', severity: 'additive', path: '/then/required' }],
    },
  ),
  ...both(
    'else dropped',
    obj({}, { if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } }),
    obj({}, { if: { required: ['a'] }, then: { required: ['b'] } }),
    {
      input: [{ rule: 'required-removed', severity: 'additive', path: '/else/required' }],
      output: [{ rule: 'required-removed', severity: 'breaking', path: '/else/required' }],
    },
  ),
  ...both(
    'a constraint then already enforced by the node is no change',
    obj({}, { required: ['b'], if: { required: ['a'] }, then: { required: ['b'] } }),
    obj({}, { required: ['b'], if: { required: ['a'] }, then: { minProperties: 0 } }),
    { input: [], output: [] },
  ),
  ...both(
    'the condition swapped to other values: then now applies to different values',
    obj({}, { if: { properties: { k: { const: 'a' } }, required: ['k'] }, then: { required: ['x'] } }),
    obj({}, { if: { properties: { k: { const: 'b' } }, required: ['k'] }, then: { required: ['x'] } }),
    {
      input: [
        {
          rule: 'condition-changed',
          severity: 'breaking',
          path: '/if',
          message: 'The `if` condition of the request changed',
        },
      ],
      output: [{ rule: 'condition-changed', severity: 'breaking', path: '/if' }],
    },
  ),
  ...mirrored(
    'the condition selects more values and then is the stricter branch',
    obj(
      {},
      {
        if: { properties: { country: { const: 'US' } }, required: ['country'] },
        then: { required: ['zip'] },
      },
    ),
    obj(
      {},
      {
        if: { properties: { country: { enum: ['US', 'CA'] } }, required: ['country'] },
        then: { required: ['zip'] },
      },
    ),
    {
      input: [{ rule: 'condition-changed', severity: 'breaking', path: '/if' }],
      output: [{ rule: 'condition-changed', severity: 'additive', path: '/if' }],
    },
    {
      input: [{ rule: 'condition-changed', severity: 'additive', path: '/if' }],
      output: [{ rule: 'condition-changed', severity: 'breaking', path: '/if' }],
    },
  ),
  ...mirrored(
    'the condition selects more values and else is the stricter branch',
    obj(
      {},
      {
        if: { properties: { plan: { const: 'free' } }, required: ['plan'] },
        else: { required: ['billing'] },
      },
    ),
    obj(
      {},
      {
        if: { properties: { plan: { enum: ['free', 'trial'] } }, required: ['plan'] },
        else: { required: ['billing'] },
      },
    ),
    {
      input: [{ rule: 'condition-changed', severity: 'additive', path: '/if' }],
      output: [{ rule: 'condition-changed', severity: 'breaking', path: '/if' }],
    },
    {
      input: [{ rule: 'condition-changed', severity: 'breaking', path: '/if' }],
      output: [{ rule: 'condition-changed', severity: 'additive', path: '/if' }],
    },
  ),
  ...both(
    'a changed condition between branches that do not contain each other stays undecided',
    obj({}, { if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } }),
    obj({}, { if: { required: ['a', 'z'] }, then: { required: ['b'] }, else: { required: ['c'] } }),
    {
      input: [
        {
          rule: 'condition-changed',
          severity: 'dangerous',
          path: '/if',
          message: 'neither branch contains the other',
        },
      ],
      output: [{ rule: 'condition-changed', severity: 'dangerous', path: '/if' }],
    },
  ),
  ...mirrored(
    'a conditional dropped beside a const it rejects (soundness finding F2)',
    { if: { type: 'string' }, then: { type: 'null' }, const: 'a' },
    { const: 'a' },
    {
      input: [{ rule: 'conditional-removed', severity: 'additive', path: '/if' }],
      output: [{ rule: 'conditional-removed', severity: 'breaking', path: '/if' }],
    },
    {
      input: [{ rule: 'conditional-added', severity: 'breaking', path: '/if' }],
      output: [{ rule: 'conditional-added', severity: 'additive', path: '/if' }],
    },
  ),
  ...both(
    'a conditional dropped beside an enum, the condition a const array (soundness finding F2)',
    { if: { const: [] }, then: { type: 'null' }, else: { type: 'null' }, const: [] },
    { const: [] },
    {
      input: [{ rule: 'conditional-removed', severity: 'additive', path: '/if' }],
      output: [{ rule: 'conditional-removed', severity: 'breaking', path: '/if' }],
    },
  ),
  ...mirrored(
    "a second not arriving in an allOf part beside the node's own not (soundness finding F4)",
    { not: { type: 'integer' } },
    { not: { type: 'integer' }, allOf: [{ not: { type: 'boolean' } }] },
    {
      input: [{ rule: 'all-of-part-added', severity: 'breaking', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-added', severity: 'additive', path: '/allOf/0' }],
    },
    {
      input: [{ rule: 'all-of-part-removed', severity: 'additive', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-removed', severity: 'breaking', path: '/allOf/0' }],
    },
  ),
  ...both(
    "an anyOf in an allOf part beside the node's own anyOf is kept (the same overwrite as F4)",
    { anyOf: [{ type: 'string' }, { minimum: 1 }] },
    { anyOf: [{ type: 'string' }, { minimum: 1 }], allOf: [{ anyOf: [{ type: 'null' }, { maximum: 5 }] }] },
    {
      // Reported (it used to vanish); whether the overlapping part narrows is for the semantic check.
      input: [{ rule: 'all-of-part-added', severity: 'dangerous', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-added', severity: 'dangerous', path: '/allOf/0' }],
    },
  ),
  ...both(
    'an anyOf branch that an old branch covers only undecidedly is not taken as covered (soundness finding F6)',
    { items: { oneOf: [{ type: 'array', additionalProperties: false }, { type: 'null' }] } },
    {
      anyOf: [
        { items: { oneOf: [{ type: 'array', additionalProperties: false }, { type: 'null' }] } },
        { additionalProperties: false },
      ],
    },
    {
      input: [{ rule: 'one-of-branch-added', severity: 'additive', path: '/anyOf/1/items' }],
      output: [{ rule: 'one-of-branch-added', severity: 'breaking', path: '/anyOf/1/items' }],
    },
  ),
  ...both(
    'an anyOf branch added beside a schema that admits nothing (soundness finding F5)',
    { allOf: [{ oneOf: [{}, {}] }, { title: 't' }], minLength: 0 },
    {
      anyOf: [
        { allOf: [{ oneOf: [{}, {}] }, { title: 't' }], minLength: 0 },
        { allOf: [{ oneOf: [true, { type: 'null' }] }, {}], minLength: 1 },
      ],
    },
    {
      input: [{ rule: 'combinator-changed', severity: 'additive', path: '/anyOf/1' }],
      output: [{ rule: 'combinator-changed', severity: 'breaking', path: '/anyOf/1' }],
    },
  ),
  ...mirrored(
    "a second not arriving in a one-branch anyOf beside the node's own not (soundness finding F4)",
    { not: { type: 'integer' } },
    { not: { type: 'integer' }, anyOf: [{ not: { type: 'boolean' } }] },
    {
      input: [{ rule: 'all-of-part-added', severity: 'breaking', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-added', severity: 'additive', path: '/allOf/0' }],
    },
    {
      input: [{ rule: 'all-of-part-removed', severity: 'additive', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-removed', severity: 'breaking', path: '/allOf/0' }],
    },
  ),
  ...both(
    "a second not arriving in a oneOf with one live branch beside the node's own not (soundness finding F4)",
    { not: { type: 'integer' } },
    { not: { type: 'integer' }, oneOf: [{ not: { type: ['boolean', 'integer'] } }, false] },
    {
      input: [{ rule: 'all-of-part-added', severity: 'breaking', path: '/allOf/0' }],
      output: [{ rule: 'all-of-part-added', severity: 'additive', path: '/allOf/0' }],
    },
  ),
  ...both(
    'if: true always applies then',
    obj({}, { if: true, then: { required: ['a'] }, else: { required: ['b'] } }),
    obj({}, { required: ['a'] }),
    { input: [], output: [] },
  ),
  ...both(
    'if: false always applies else',
    obj({}, { if: false, then: { required: ['a'] }, else: { required: ['b'] } }),
    obj({}, { required: ['b'] }),
    { input: [], output: [] },
  ),
  ...both(
    'a conditional whose branches the node already enforces, dropped',
    obj({}, { required: ['b'], if: { required: ['a'] }, then: { required: ['b'] } }),
    obj({}, { required: ['b'] }),
    { input: [], output: [] },
  ),
  ...both('if without then or else constrains nothing', obj({}), obj({}, { if: { required: ['a'] } }), {
    input: [],
    output: [],
  }),

  // ---- boolean schemas -------------------------------------------------------------------------------
  ...mirrored(
    'true → false',
    true,
    false,
    {
      input: [
        {
          rule: 'schema-forbidden',
          severity: 'breaking',
          path: '',
          message: 'The request now admits no value at all (schema `false`)',
        },
      ],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '' }],
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '' }],
      output: [
        {
          rule: 'schema-permitted',
          severity: 'breaking',
          path: '',
          message: 'The response was forbidden (schema `false`) and now admits values',
        },
      ],
    },
  ),
  ...both('true and {} are the same schema', true, {}, { input: [], output: [] }),
  ...mirrored(
    'a property forbidden with `false`',
    obj({ legacy: { type: 'string' } }),
    obj({ legacy: false }),
    {
      input: [
        {
          rule: 'schema-forbidden',
          severity: 'breaking',
          path: '/properties/legacy',
          message: '`legacy` now admits no value at all',
        },
      ],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/properties/legacy' }],
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/properties/legacy' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/properties/legacy' }],
    },
  ),
  ...both('a property schema `true` → `{}`', obj({ any: true }), obj({ any: {} }), { input: [], output: [] }),
];

runCases('combinator and boolean-schema rules', cases);
