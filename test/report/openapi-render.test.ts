/** The three renderers of `diff-openapi`. */
import { describe, expect, test } from 'vitest';

import type { OpenApiDiff } from '../../src/openapi/types.js';
import { renderOpenApiJson } from '../../src/report/openapi-json.js';
import { renderOpenApiMarkdown } from '../../src/report/openapi-markdown.js';
import { renderOpenApiText } from '../../src/report/openapi-text.js';

const RESULT: OpenApiDiff = {
  verdict: 'breaking',
  changes: [
    {
      rule: 'property-added',
      severity: 'additive',
      operation: 'POST /customers',
      location: 'request body application/json',
      path: '/properties/phone',
      message: '`phone` was added; existing clients keep working.',
      origin: { file: 'openapi.json', pointer: '/components/schemas/CustomerIn/properties/phone' },
    },
    {
      rule: 'required-parameter-added',
      severity: 'breaking',
      operation: 'GET /customers/{id}',
      location: 'parameter query tenant',
      message: 'A required query parameter `tenant` was added.',
    },
    {
      rule: 'max-length-decreased',
      severity: 'breaking',
      operation: 'POST /customers',
      location: 'request body application/json',
      path: '/properties/name/maxLength',
      message: '`name` length must now be ≤ 50 (was ≤ 100).',
    },
  ],
};
const LABELS = { semantics: 'pragmatic' as const, oldLabel: 'old.json', newLabel: 'new.json' };

describe('diff-openapi renderers', () => {
  test('text: verdict, then per operation the changes most severe first', () => {
    expect(renderOpenApiText(RESULT, LABELS)).toBe(
      [
        'Verdict: breaking (pragmatic semantics) — 2 breaking, 1 additive',
        'Compared old.json → new.json',
        '',
        'POST /customers',
        '  BREAKING  request body application/json /properties/name/maxLength  max-length-decreased  `name` length must now be ≤ 50 (was ≤ 100).',
        '  ADDITIVE  request body application/json /properties/phone   property-added        `phone` was added; existing clients keep working.',
        '',
        'GET /customers/{id}',
        '  BREAKING  parameter query tenant  required-parameter-added  A required query parameter `tenant` was added.',
        '',
      ].join('\n'),
    );
  });

  test('text: no changes', () => {
    expect(renderOpenApiText({ verdict: 'none', changes: [] }, LABELS)).toBe(
      'Verdict: none (pragmatic semantics) — no changes\nCompared old.json → new.json\n\nNo differences in meaning.\n',
    );
  });

  test('json: { verdict, changes } with a stable key order and nothing else', () => {
    const parsed = JSON.parse(renderOpenApiJson(RESULT)) as {
      verdict: string;
      changes: Record<string, unknown>[];
    };
    expect(parsed.verdict).toBe('breaking');
    expect(Object.keys(parsed.changes[0] ?? {})).toEqual([
      'rule',
      'severity',
      'operation',
      'location',
      'path',
      'message',
      'origin',
    ]);
    expect(Object.keys(parsed.changes[1] ?? {})).toEqual([
      'rule',
      'severity',
      'operation',
      'location',
      'message',
    ]);
  });

  test('markdown: one table per operation, names from the documents escaped', () => {
    const hostile: OpenApiDiff = {
      verdict: 'breaking',
      changes: [
        {
          rule: 'required-parameter-added',
          severity: 'breaking',
          operation: 'GET /a|b/<script>',
          location: 'parameter query x|y',
          message: 'A required query parameter `x|y` was added <b>now</b>.',
        },
      ],
    };
    const md = renderOpenApiMarkdown(hostile, LABELS);
    expect(md).toContain('#### `GET /a|b/<script>`');
    expect(md).toContain(
      '| 🔴 breaking | `parameter query x\\|y` | `required-parameter-added` | A required query parameter `x\\|y` was added \\<b\\>now\\</b\\>. |',
    );
    expect(md).not.toContain('<b>');
  });
});
