import { afterAll, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../../src/diff/semantic.js';
import { type Case, both, mirrored, obj, run, runCases } from '../helpers.js';

const arr = (extra: Record<string, unknown>) => ({ type: 'array', ...extra });
const contains = { type: 'string' };

const cases: Case[] = [
  // ---- item count ------------------------------------------------------------------------------------
  ...mirrored(
    'minItems added',
    obj({ tags: arr({}) }),
    obj({ tags: arr({ minItems: 1 }) }),
    {
      input: [
        {
          rule: 'min-items-added',
          severity: 'breaking',
          path: '/properties/tags/minItems',
          message: '`tags` now requires its number of items to be ≥ 1',
        },
      ],
      output: [{ rule: 'min-items-added', severity: 'additive', path: '/properties/tags/minItems' }],
    },
    {
      input: [{ rule: 'min-items-removed', severity: 'additive', path: '/properties/tags/minItems' }],
      output: [{ rule: 'min-items-removed', severity: 'breaking', path: '/properties/tags/minItems' }],
    },
  ),
  ...mirrored(
    'minItems raised',
    arr({ minItems: 1 }),
    arr({ minItems: 2 }),
    {
      input: [{ rule: 'min-items-increased', severity: 'breaking', path: '/minItems' }],
      output: [{ rule: 'min-items-increased', severity: 'additive', path: '/minItems' }],
    },
    {
      input: [{ rule: 'min-items-decreased', severity: 'additive', path: '/minItems' }],
      output: [{ rule: 'min-items-decreased', severity: 'breaking', path: '/minItems' }],
    },
  ),
  ...mirrored(
    'maxItems added',
    arr({}),
    arr({ maxItems: 100 }),
    {
      input: [{ rule: 'max-items-added', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-added', severity: 'additive', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-removed', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-removed', severity: 'breaking', path: '/maxItems' }],
    },
  ),
  ...mirrored(
    'maxItems lowered',
    arr({ maxItems: 10 }),
    arr({ maxItems: 5 }),
    {
      input: [
        {
          rule: 'max-items-decreased',
          severity: 'breaking',
          path: '/maxItems',
          message: 'must now be ≤ 5 (was ≤ 10)',
        },
      ],
      output: [{ rule: 'max-items-decreased', severity: 'additive', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-increased', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-increased', severity: 'breaking', path: '/maxItems' }],
    },
  ),

  // ---- uniqueItems -----------------------------------------------------------------------------------
  ...mirrored(
    'uniqueItems added',
    obj({ ids: arr({ items: { type: 'string' } }) }),
    obj({ ids: arr({ items: { type: 'string' }, uniqueItems: true }) }),
    {
      input: [
        {
          rule: 'unique-items-added',
          severity: 'breaking',
          path: '/properties/ids/uniqueItems',
          message: '`ids` items must now be unique',
        },
      ],
      output: [{ rule: 'unique-items-added', severity: 'additive', path: '/properties/ids/uniqueItems' }],
    },
    {
      input: [{ rule: 'unique-items-removed', severity: 'additive', path: '/properties/ids/uniqueItems' }],
      output: [
        {
          rule: 'unique-items-removed',
          severity: 'breaking',
          path: '/properties/ids/uniqueItems',
          message: '`ids` may now contain duplicate items',
        },
      ],
    },
  ),
  ...both('uniqueItems: false is no constraint', arr({}), arr({ uniqueItems: false }), {
    input: [],
    output: [],
  }),

  // ---- contains / minContains / maxContains ----------------------------------------------------------
  ...mirrored(
    'contains added',
    obj({ roles: arr({}) }),
    obj({ roles: arr({ contains: { const: 'owner' } }) }),
    {
      input: [
        {
          rule: 'contains-added',
          severity: 'breaking',
          path: '/properties/roles/contains',
          message: 'the array must now contain an item matching it',
        },
      ],
      output: [{ rule: 'contains-added', severity: 'additive', path: '/properties/roles/contains' }],
    },
    {
      input: [{ rule: 'contains-removed', severity: 'additive', path: '/properties/roles/contains' }],
      output: [
        {
          rule: 'contains-removed',
          severity: 'breaking',
          path: '/properties/roles/contains',
          message: 'the array no longer needs an item matching it',
        },
      ],
    },
  ),
  ...both(
    'the contains schema itself narrowed',
    arr({ contains }),
    arr({ contains: { type: 'string', maxLength: 3 } }),
    {
      input: [{ rule: 'max-length-added', severity: 'breaking', path: '/contains/maxLength' }],
      output: [{ rule: 'max-length-added', severity: 'additive', path: '/contains/maxLength' }],
    },
  ),
  ...mirrored(
    'minContains added',
    arr({ contains }),
    arr({ contains, minContains: 2 }),
    {
      input: [
        {
          rule: 'min-contains-added',
          severity: 'breaking',
          path: '/minContains',
          message: 'number of matching items to be ≥ 2',
        },
      ],
      output: [{ rule: 'min-contains-added', severity: 'additive', path: '/minContains' }],
    },
    {
      input: [{ rule: 'min-contains-removed', severity: 'additive', path: '/minContains' }],
      output: [{ rule: 'min-contains-removed', severity: 'breaking', path: '/minContains' }],
    },
  ),
  ...mirrored(
    'minContains raised',
    arr({ contains, minContains: 2 }),
    arr({ contains, minContains: 3 }),
    {
      input: [{ rule: 'min-contains-increased', severity: 'breaking', path: '/minContains' }],
      output: [{ rule: 'min-contains-increased', severity: 'additive', path: '/minContains' }],
    },
    {
      input: [{ rule: 'min-contains-decreased', severity: 'additive', path: '/minContains' }],
      output: [{ rule: 'min-contains-decreased', severity: 'breaking', path: '/minContains' }],
    },
  ),
  ...both('minContains: 1 is the default', arr({ contains }), arr({ contains, minContains: 1 }), {
    input: [],
    output: [],
  }),
  ...mirrored(
    'maxContains added',
    arr({ contains }),
    arr({ contains, maxContains: 3 }),
    {
      input: [{ rule: 'max-contains-added', severity: 'breaking', path: '/maxContains' }],
      output: [{ rule: 'max-contains-added', severity: 'additive', path: '/maxContains' }],
    },
    {
      input: [{ rule: 'max-contains-removed', severity: 'additive', path: '/maxContains' }],
      output: [{ rule: 'max-contains-removed', severity: 'breaking', path: '/maxContains' }],
    },
  ),
  ...mirrored(
    'maxContains lowered',
    arr({ contains, maxContains: 3 }),
    arr({ contains, maxContains: 2 }),
    {
      input: [{ rule: 'max-contains-decreased', severity: 'breaking', path: '/maxContains' }],
      output: [{ rule: 'max-contains-decreased', severity: 'additive', path: '/maxContains' }],
    },
    {
      input: [{ rule: 'max-contains-increased', severity: 'additive', path: '/maxContains' }],
      output: [{ rule: 'max-contains-increased', severity: 'breaking', path: '/maxContains' }],
    },
  ),
  ...both('maxContains without contains constrains nothing', arr({}), arr({ maxContains: 1 }), {
    input: [],
    output: [],
  }),

  // ---- items -----------------------------------------------------------------------------------------
  ...both(
    'an item schema narrowed',
    obj({ ids: arr({ items: { type: 'string' } }) }),
    obj({ ids: arr({ items: { type: 'string', format: 'uuid' } }) }),
    {
      input: [
        {
          rule: 'format-added',
          severity: 'breaking',
          path: '/properties/ids/items/format',
          message: '`ids[]` now has `format`',
        },
      ],
      output: [{ rule: 'format-added', severity: 'additive', path: '/properties/ids/items/format' }],
    },
  ),

  // ---- tuples: draft-07 `items: [...]` + `additionalItems` -------------------------------------------
  ...mirrored(
    'draft-07 tuple: a slot widened',
    arr({ items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }),
    arr({ items: [{ type: 'string' }, { type: 'number' }], additionalItems: false }),
    {
      input: [
        {
          rule: 'type-added',
          severity: 'additive',
          path: '/prefixItems/1/type',
          message: '`[1]` now also admits',
        },
      ],
      output: [{ rule: 'type-added', severity: 'breaking', path: '/prefixItems/1/type' }],
    },
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/prefixItems/1/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/prefixItems/1/type' }],
    },
  ),
  ...mirrored(
    'draft-07 tuple: additionalItems false → a schema',
    arr({ items: [{ type: 'string' }], additionalItems: false }),
    arr({ items: [{ type: 'string' }], additionalItems: { type: 'integer' } }),
    {
      input: [{ rule: 'max-items-removed', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-removed', severity: 'breaking', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-added', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-added', severity: 'additive', path: '/maxItems' }],
    },
  ),
  ...both(
    'draft-07 tuple: additionalItems schema widened',
    arr({ items: [{ type: 'string' }], additionalItems: { type: 'integer' } }),
    arr({ items: [{ type: 'string' }], additionalItems: { type: 'number' } }),
    {
      input: [{ rule: 'type-added', severity: 'additive', path: '/items/type' }],
      output: [{ rule: 'type-added', severity: 'breaking', path: '/items/type' }],
    },
  ),
  ...both(
    'draft-07 tuple: a slot typed at the end of an open tuple',
    arr({ items: [{ type: 'string' }] }),
    arr({ items: [{ type: 'string' }, { type: 'integer' }] }),
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/prefixItems/1/type', message: '`[1]`' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/prefixItems/1/type' }],
    },
  ),
  ...both(
    'a draft-07 tuple and the same 2020-12 tuple',
    arr({ items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false }),
    arr({ prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }),
    { input: [], output: [] },
  ),

  // ---- tuples: 2020-12 `prefixItems` + `items` -------------------------------------------------------
  ...mirrored(
    '2020-12 tuple: a slot appended to a closed tuple',
    arr({ prefixItems: [{ type: 'string' }], items: false }),
    arr({ prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }),
    {
      input: [{ rule: 'max-items-increased', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-increased', severity: 'breaking', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-decreased', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-decreased', severity: 'additive', path: '/maxItems' }],
    },
  ),
  ...both(
    '2020-12 tuple: a slot narrowed',
    arr({ prefixItems: [{ type: 'string' }, { type: 'integer' }] }),
    arr({ prefixItems: [{ type: 'string', maxLength: 3 }, { type: 'integer' }] }),
    {
      input: [
        {
          rule: 'max-length-added',
          severity: 'breaking',
          path: '/prefixItems/0/maxLength',
          message: '`[0]`',
        },
      ],
      output: [{ rule: 'max-length-added', severity: 'additive', path: '/prefixItems/0/maxLength' }],
    },
  ),
  ...both(
    '2020-12 tuple: items after the tuple narrowed',
    arr({ prefixItems: [{ type: 'string' }], items: { type: 'number' } }),
    arr({ prefixItems: [{ type: 'string' }], items: { type: 'integer' } }),
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/items/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/items/type' }],
    },
  ),
  ...both(
    '2020-12 tuple: a slot typed at the end of an open tuple',
    arr({ prefixItems: [{ type: 'string' }] }),
    arr({ prefixItems: [{ type: 'string' }, { type: 'integer' }] }),
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/prefixItems/1/type', message: '`[1]`' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/prefixItems/1/type' }],
    },
  ),

  // ---- contains with a cap (maxContains) -------------------------------------------------------------
  ...both(
    'contains narrowed while maxContains caps the matches moves both ways',
    arr({ contains: { type: ['integer', 'string'] }, maxContains: 2 }),
    arr({ contains, maxContains: 2 }),
    {
      input: [
        {
          rule: 'contains-changed',
          severity: 'breaking',
          path: '/contains',
          message: 'matches different items while `maxContains: 2` caps how many may match',
        },
      ],
      output: [{ rule: 'contains-changed', severity: 'breaking', path: '/contains' }],
    },
  ),
  ...mirrored(
    'contains widened under only a cap (minContains: 0) lets fewer arrays through',
    arr({ contains, minContains: 0, maxContains: 1 }),
    arr({ contains: { type: ['integer', 'string'] }, minContains: 0, maxContains: 1 }),
    {
      input: [{ rule: 'type-added', severity: 'breaking', path: '/contains/type' }],
      output: [{ rule: 'type-added', severity: 'additive', path: '/contains/type' }],
    },
    {
      input: [{ rule: 'type-removed', severity: 'additive', path: '/contains/type' }],
      output: [{ rule: 'type-removed', severity: 'breaking', path: '/contains/type' }],
    },
  ),
  ...mirrored(
    'minContains: 0 appearing lowers the implicit minimum of 1',
    arr({ contains, maxContains: 2 }),
    arr({ contains, minContains: 0, maxContains: 2 }),
    {
      input: [
        {
          rule: 'min-contains-decreased',
          severity: 'additive',
          path: '/minContains',
          message: 'number of matching items may now be ≥ 0 (was ≥ 1)',
        },
      ],
      output: [{ rule: 'min-contains-decreased', severity: 'breaking', path: '/minContains' }],
    },
    {
      input: [{ rule: 'min-contains-increased', severity: 'breaking', path: '/minContains' }],
      output: [{ rule: 'min-contains-increased', severity: 'additive', path: '/minContains' }],
    },
  ),
  ...mirrored(
    'more matching items required than allowed admits no array',
    obj({ tags: arr({}) }),
    obj({ tags: arr({ contains, minContains: 2, maxContains: 1 }) }),
    {
      input: [{ rule: 'schema-forbidden', severity: 'breaking', path: '/properties/tags' }],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/properties/tags' }],
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/properties/tags' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/properties/tags' }],
    },
  ),
  ...both(
    'minContains: 0 without maxContains constrains nothing',
    arr({}),
    arr({ contains, minContains: 0 }),
    { input: [], output: [] },
  ),
  ...both(
    'contains: {} with maxContains caps the number of items',
    arr({ contains: {}, maxContains: 3 }),
    arr({ minItems: 1, maxItems: 3 }),
    { input: [], output: [] },
  ),
  ...mirrored(
    'contains: false admits no array',
    obj({ tags: arr({}) }),
    obj({ tags: arr({ contains: false }) }),
    {
      input: [{ rule: 'schema-forbidden', severity: 'breaking', path: '/properties/tags' }],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/properties/tags' }],
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/properties/tags' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/properties/tags' }],
    },
  ),

  // ---- draft-07 additionalItems ----------------------------------------------------------------------
  ...both(
    'draft-07 additionalItems without an items array is ignored',
    arr({ items: { type: 'string' } }),
    arr({ items: { type: 'string' }, additionalItems: false }),
    { input: [], output: [] },
  ),
  ...mirrored(
    'draft-07 additionalItems: false closes an open tuple',
    arr({ items: [{ type: 'string' }] }),
    arr({ items: [{ type: 'string' }], additionalItems: false }),
    {
      input: [{ rule: 'max-items-added', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-added', severity: 'additive', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-removed', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-removed', severity: 'breaking', path: '/maxItems' }],
    },
  ),

  // ---- unevaluatedItems (2019-09 / 2020-12) ----------------------------------------------------------
  ...mirrored(
    'unevaluatedItems: false after prefixItems closes the tuple',
    arr({ prefixItems: [{ type: 'string' }] }),
    arr({ prefixItems: [{ type: 'string' }], unevaluatedItems: false }),
    {
      input: [{ rule: 'max-items-added', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-added', severity: 'additive', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-removed', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-removed', severity: 'breaking', path: '/maxItems' }],
    },
  ),
  ...both(
    'unevaluatedItems beside items constrains nothing',
    arr({ items: { type: 'string' } }),
    arr({ items: { type: 'string' }, unevaluatedItems: false }),
    { input: [], output: [] },
  ),
  ...mirrored(
    'partially open: a tuple slot declared in an allOf part is evaluated there',
    { type: 'array', allOf: [{ prefixItems: [{ type: 'string' }] }], unevaluatedItems: false },
    {
      type: 'array',
      allOf: [{ prefixItems: [{ type: 'string' }, { type: 'integer' }] }],
      unevaluatedItems: false,
    },
    {
      input: [{ rule: 'max-items-increased', severity: 'additive', path: '/maxItems' }],
      output: [{ rule: 'max-items-increased', severity: 'breaking', path: '/maxItems' }],
    },
    {
      input: [{ rule: 'max-items-decreased', severity: 'breaking', path: '/maxItems' }],
      output: [{ rule: 'max-items-decreased', severity: 'additive', path: '/maxItems' }],
    },
  ),
  ...both(
    // 2020-12 counts the items `contains` matched as evaluated, 2019-09 does not, and ajv counts every item in
    // both: when what `contains` matches changes, no single reading is safe, so the change stays dangerous.
    'unevaluatedItems beside a changed contains stays undecided (the drafts and ajv disagree on what it evaluates)',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...arr({ contains, unevaluatedItems: false }),
    },
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...arr({ contains: { type: ['integer', 'string'] }, unevaluatedItems: false }),
    },
    {
      input: [
        { rule: 'unevaluated-changed', severity: 'dangerous', path: '', message: '`unevaluatedItems`' },
      ],
      output: [{ rule: 'unevaluated-changed', severity: 'dangerous', path: '' }],
    },
  ),
  ...mirrored(
    'unevaluatedItems beside the same contains opened: the same items are unevaluated under any reading',
    arr({ contains, unevaluatedItems: false }),
    arr({ contains, unevaluatedItems: { type: 'integer' } }),
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/unevaluatedItems' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/unevaluatedItems' }],
    },
    {
      input: [{ rule: 'schema-forbidden', severity: 'breaking', path: '/unevaluatedItems' }],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/unevaluatedItems' }],
    },
  ),
  ...mirrored(
    // `items: {}` says nothing about validity, but it evaluates every item after the tuple, so the
    // `unevaluatedItems: false` beside it closes nothing; without it, the items the allOf part leaves are closed.
    'an always-true items beside an allOf part keeps unevaluatedItems from closing the array',
    {
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: {},
      unevaluatedItems: false,
      allOf: [{ prefixItems: [{ type: 'string' }] }],
    },
    {
      type: 'array',
      prefixItems: [{ type: 'string' }],
      unevaluatedItems: false,
      allOf: [{ prefixItems: [{ type: 'string' }] }],
    },
    {
      input: [
        {
          rule: 'schema-forbidden',
          severity: 'breaking',
          path: '/unevaluatedItems',
          message: '`[]` (the items no other keyword evaluates) now admits no value at all',
        },
      ],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/unevaluatedItems' }],
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/unevaluatedItems' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/unevaluatedItems' }],
    },
  ),
  ...both(
    'unevaluatedItems in an allOf part sees only that part',
    { type: 'array', allOf: [{ prefixItems: [{ type: 'string' }], unevaluatedItems: false }] },
    { type: 'array', prefixItems: [{ type: 'string' }], maxItems: 1 },
    { input: [], output: [] },
  ),
];

runCases('array rules', cases);

afterAll(async () => {
  await shutdownSemanticWorker();
});

it('a change inside a draft-07 tuple is located at its source pointer', async () => {
  const result = await run(
    arr({ items: [{ type: 'string' }, { type: 'integer' }] }),
    arr({ items: [{ type: 'string' }, { type: 'number' }] }),
    'output',
    'pragmatic',
  );
  expect(result.changes.map((c) => c.origin)).toEqual([{ file: '<new>', pointer: '/items/1' }]);
});
