import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const str = (extra: Record<string, unknown>) => ({ type: 'string', ...extra });

const cases: Case[] = [
  // ---- length --------------------------------------------------------------------------------------
  ...mirrored(
    'maxLength 10 → 5',
    obj({ name: str({ maxLength: 10 }) }),
    obj({ name: str({ maxLength: 5 }) }),
    {
      input: [
        {
          rule: 'max-length-decreased',
          severity: 'breaking',
          path: '/properties/name/maxLength',
          message:
            '`name` length must now be ≤ 5 (was ≤ 10); requests that were valid before can now be rejected.',
        },
      ],
      output: [{ rule: 'max-length-decreased', severity: 'additive', path: '/properties/name/maxLength' }],
    },
    {
      input: [{ rule: 'max-length-increased', severity: 'additive', path: '/properties/name/maxLength' }],
      output: [{ rule: 'max-length-increased', severity: 'breaking', path: '/properties/name/maxLength' }],
    },
  ),
  ...mirrored(
    'maxLength added',
    str({}),
    str({ maxLength: 64 }),
    {
      input: [
        {
          rule: 'max-length-added',
          severity: 'breaking',
          path: '/maxLength',
          message: 'now requires its length to be ≤ 64',
        },
      ],
      output: [{ rule: 'max-length-added', severity: 'additive', path: '/maxLength' }],
    },
    {
      input: [{ rule: 'max-length-removed', severity: 'additive', path: '/maxLength' }],
      output: [
        {
          rule: 'max-length-removed',
          severity: 'breaking',
          path: '/maxLength',
          message: 'no longer limits its length (was ≤ 64)',
        },
      ],
    },
  ),
  ...mirrored(
    'minLength raised',
    str({ minLength: 1 }),
    str({ minLength: 3 }),
    {
      input: [{ rule: 'min-length-increased', severity: 'breaking', path: '/minLength' }],
      output: [{ rule: 'min-length-increased', severity: 'additive', path: '/minLength' }],
    },
    {
      input: [{ rule: 'min-length-decreased', severity: 'additive', path: '/minLength' }],
      output: [{ rule: 'min-length-decreased', severity: 'breaking', path: '/minLength' }],
    },
  ),
  ...mirrored(
    'minLength added',
    str({}),
    str({ minLength: 2 }),
    {
      input: [{ rule: 'min-length-added', severity: 'breaking', path: '/minLength' }],
      output: [{ rule: 'min-length-added', severity: 'additive', path: '/minLength' }],
    },
    {
      input: [{ rule: 'min-length-removed', severity: 'additive', path: '/minLength' }],
      output: [{ rule: 'min-length-removed', severity: 'breaking', path: '/minLength' }],
    },
  ),
  ...both('minLength 0 is no bound', str({}), str({ minLength: 0 }), { input: [], output: [] }),

  // ---- pattern ---------------------------------------------------------------------------------------
  ...mirrored(
    'pattern added',
    obj({ sku: str({}) }),
    obj({ sku: str({ pattern: '^[A-Z]{3}-\\d+$' }) }),
    {
      input: [
        {
          rule: 'pattern-added',
          severity: 'breaking',
          path: '/properties/sku/pattern',
          message: '`sku` now has `pattern` `"^[A-Z]{3}-\\\\d+$"`',
        },
      ],
      output: [{ rule: 'pattern-added', severity: 'additive', path: '/properties/sku/pattern' }],
    },
    {
      input: [{ rule: 'pattern-removed', severity: 'additive', path: '/properties/sku/pattern' }],
      output: [{ rule: 'pattern-removed', severity: 'breaking', path: '/properties/sku/pattern' }],
    },
  ),
  ...both('pattern changed', str({ pattern: '^a' }), str({ pattern: '^b' }), {
    input: [
      {
        rule: 'pattern-changed',
        severity: 'breaking',
        path: '/pattern',
        message: 'changed from `"^a"` to `"^b"`',
      },
    ],
    output: [{ rule: 'pattern-changed', severity: 'breaking', path: '/pattern' }],
  }),

  // ---- format --------------------------------------------------------------------------------------
  ...mirrored(
    'format added',
    obj({ email: str({}) }),
    obj({ email: str({ format: 'email' }) }),
    {
      input: [
        {
          rule: 'format-added',
          severity: 'breaking',
          path: '/properties/email/format',
          message: '`email` now has `format` `"email"`',
        },
      ],
      output: [{ rule: 'format-added', severity: 'additive', path: '/properties/email/format' }],
    },
    {
      input: [{ rule: 'format-removed', severity: 'additive', path: '/properties/email/format' }],
      output: [{ rule: 'format-removed', severity: 'breaking', path: '/properties/email/format' }],
    },
  ),
  ...both('format changed', str({ format: 'email' }), str({ format: 'uri' }), {
    input: [{ rule: 'format-changed', severity: 'breaking', path: '/format' }],
    output: [{ rule: 'format-changed', severity: 'breaking', path: '/format' }],
  }),

  // ---- content -------------------------------------------------------------------------------------
  ...mirrored(
    'contentEncoding added',
    str({}),
    str({ contentEncoding: 'base64' }),
    {
      input: [{ rule: 'content-encoding-added', severity: 'breaking', path: '/contentEncoding' }],
      output: [{ rule: 'content-encoding-added', severity: 'additive', path: '/contentEncoding' }],
    },
    {
      input: [{ rule: 'content-encoding-removed', severity: 'additive', path: '/contentEncoding' }],
      output: [{ rule: 'content-encoding-removed', severity: 'breaking', path: '/contentEncoding' }],
    },
  ),
  ...both('contentEncoding changed', str({ contentEncoding: 'base64' }), str({ contentEncoding: 'base32' }), {
    input: [{ rule: 'content-encoding-changed', severity: 'breaking', path: '/contentEncoding' }],
    output: [{ rule: 'content-encoding-changed', severity: 'breaking', path: '/contentEncoding' }],
  }),
  ...mirrored(
    'contentMediaType added',
    str({}),
    str({ contentMediaType: 'application/json' }),
    {
      input: [{ rule: 'content-media-type-added', severity: 'breaking', path: '/contentMediaType' }],
      output: [{ rule: 'content-media-type-added', severity: 'additive', path: '/contentMediaType' }],
    },
    {
      input: [{ rule: 'content-media-type-removed', severity: 'additive', path: '/contentMediaType' }],
      output: [{ rule: 'content-media-type-removed', severity: 'breaking', path: '/contentMediaType' }],
    },
  ),
  ...both(
    'contentMediaType changed',
    str({ contentMediaType: 'application/json' }),
    str({ contentMediaType: 'text/csv' }),
    {
      input: [{ rule: 'content-media-type-changed', severity: 'breaking', path: '/contentMediaType' }],
      output: [{ rule: 'content-media-type-changed', severity: 'breaking', path: '/contentMediaType' }],
    },
  ),
  ...both(
    'contentSchema is an annotation',
    str({ contentSchema: { type: 'object' } }),
    str({ contentSchema: { type: 'array' } }),
    {
      input: [],
      output: [],
    },
  ),

  // ---- string keywords only bind strings -----------------------------------------------------------
  ...both(
    'a length bound on an integer schema constrains nothing',
    { type: 'integer', maxLength: 3 },
    { type: 'integer' },
    {
      input: [],
      output: [],
    },
  ),
];

runCases('string rules', cases);
