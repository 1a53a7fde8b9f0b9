import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const str = (extra: Record<string, unknown> = {}) => obj({ mode: { type: 'string', ...extra } });

const cases: Case[] = [
  // ---- default: what a client that omits the field gets (requests only) -------------------------------
  ...both('input default changed', str({ default: 'fast' }), str({ default: 'safe' }), {
    input: [
      {
        rule: 'default-changed',
        severity: 'dangerous',
        path: '/properties/mode/default',
        message:
          '`mode` default changed from `"fast"` to `"safe"`; clients that omit it now get different behaviour.',
      },
    ],
    output: [{ rule: 'default-changed', severity: 'none', path: '/properties/mode/default' }],
  }),
  ...mirrored(
    'default added',
    str(),
    str({ default: 'fast' }),
    {
      input: [
        {
          rule: 'default-added',
          severity: 'dangerous',
          path: '/properties/mode/default',
          message: '`mode` now defaults to `"fast"`',
        },
      ],
      output: [{ rule: 'default-added', severity: 'none', path: '/properties/mode/default' }],
    },
    {
      input: [
        {
          rule: 'default-removed',
          severity: 'dangerous',
          path: '/properties/mode/default',
          message: '`mode` no longer defaults to `"fast"`',
        },
      ],
      output: [{ rule: 'default-removed', severity: 'none', path: '/properties/mode/default' }],
    },
  ),
  ...both(
    'a default compared by value, not spelling',
    str({ default: { a: 1, b: [1, 2] } }),
    str({ default: { b: [1, 2], a: 1 } }),
    {
      input: [],
      output: [],
    },
  ),

  // ---- readOnly / writeOnly: which way a field travels ----------------------------------------------------
  ...mirrored(
    'readOnly added',
    str(),
    str({ readOnly: true }),
    {
      input: [
        {
          rule: 'read-only-added',
          severity: 'dangerous',
          path: '/properties/mode/readOnly',
          message: '`mode` is now read-only; clients that send it may have it ignored or rejected.',
        },
      ],
      output: [{ rule: 'read-only-added', severity: 'none', path: '/properties/mode/readOnly' }],
    },
    {
      input: [{ rule: 'read-only-removed', severity: 'none', path: '/properties/mode/readOnly' }],
      output: [{ rule: 'read-only-removed', severity: 'none', path: '/properties/mode/readOnly' }],
    },
  ),
  ...mirrored(
    'writeOnly added',
    str(),
    str({ writeOnly: true }),
    {
      input: [{ rule: 'write-only-added', severity: 'none', path: '/properties/mode/writeOnly' }],
      output: [
        {
          rule: 'write-only-added',
          severity: 'dangerous',
          path: '/properties/mode/writeOnly',
          message: '`mode` is now write-only; it may no longer appear in responses.',
        },
      ],
    },
    {
      input: [{ rule: 'write-only-removed', severity: 'none', path: '/properties/mode/writeOnly' }],
      output: [{ rule: 'write-only-removed', severity: 'none', path: '/properties/mode/writeOnly' }],
    },
  ),
  ...both('readOnly: false is no annotation', str(), str({ readOnly: false }), { input: [], output: [] }),

  // ---- deprecated: an announcement, nothing breaks yet --------------------------------------------------
  ...mirrored(
    'deprecated added',
    str(),
    str({ deprecated: true }),
    {
      input: [
        {
          rule: 'deprecated-added',
          severity: 'none',
          path: '/properties/mode/deprecated',
          message: '`mode` is now deprecated; plan to stop relying on it.',
        },
      ],
      output: [{ rule: 'deprecated-added', severity: 'none', path: '/properties/mode/deprecated' }],
    },
    {
      input: [{ rule: 'deprecated-removed', severity: 'none', path: '/properties/mode/deprecated' }],
      output: [{ rule: 'deprecated-removed', severity: 'none', path: '/properties/mode/deprecated' }],
    },
  ),

  // ---- documentation carries no meaning ---------------------------------------------------------------
  ...both(
    'title, description, examples, $comment changed',
    {
      type: 'string',
      title: 'Mode',
      description: 'How fast.',
      examples: ['fast'],
      $comment: 'v1',
      example: 'fast',
    },
    {
      type: 'string',
      title: 'Speed',
      description: 'How quick.',
      examples: ['safe'],
      $comment: 'v2',
      example: 'safe',
    },
    { input: [], output: [] },
  ),
];

runCases('annotation rules', cases);
