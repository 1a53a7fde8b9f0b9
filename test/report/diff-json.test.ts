import { describe, expect, it } from 'vitest';

import { renderJson } from '../../src/report/diff-json.js';
import { change, mixed, result } from './diff-fixtures.js';

describe('renderJson', () => {
  it('emits exactly the public shape, in stable key order, with a trailing newline', () => {
    const out = renderJson(mixed);
    expect(out.endsWith('}\n')).toBe(true);
    const parsed: unknown = JSON.parse(out);
    expect(Object.keys(parsed as object)).toEqual(['verdict', 'changes']);
    const changes = (parsed as { changes: object[] }).changes;
    expect(changes.map((c) => Object.keys(c))).toEqual([
      ['rule', 'severity', 'path', 'message'],
      ['rule', 'severity', 'path', 'message', 'origin'],
      ['rule', 'severity', 'path', 'message'],
      ['rule', 'severity', 'path', 'message'],
      ['rule', 'severity', 'path', 'message'],
    ]);
    expect(parsed).toEqual({
      verdict: 'breaking',
      changes: mixed.changes.map((c) => ({
        rule: c.rule,
        severity: c.severity,
        path: c.path,
        message: c.message,
        ...(c.origin ? { origin: c.origin } : {}),
      })),
    });
  });

  it('uses a 2-space indent and leaves internal fields out', () => {
    const out = renderJson(
      result(
        change('breaking', '/required', 'required-added', 'Requests must now include `tenantId`.', {
          args: { property: 'tenantId' },
          origin: { file: 'req.json', pointer: '/required', extra: 1 } as never,
        }),
      ),
    );
    expect(out).toBe(
      [
        '{',
        '  "verdict": "breaking",',
        '  "changes": [',
        '    {',
        '      "rule": "required-added",',
        '      "severity": "breaking",',
        '      "path": "/required",',
        '      "message": "Requests must now include `tenantId`.",',
        '      "origin": {',
        '        "file": "req.json",',
        '        "pointer": "/required"',
        '      }',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('renders no changes as an empty list', () => {
    expect(renderJson(result())).toBe('{\n  "verdict": "none",\n  "changes": []\n}\n');
  });
});
