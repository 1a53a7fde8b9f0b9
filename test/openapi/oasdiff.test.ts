/**
 * Agreement with oasdiff, the reference for breaking changes in OpenAPI. Each row is one oasdiff rule with the
 * level its rule table gives it (checker/rules.go of github.com/oasdiff/oasdiff: ERR, WARN or INFO), a change
 * written here that the rule describes (our own documents, not oasdiff's), and whether contractguard's verdict
 * agrees: ERR ↔ breaking, WARN ↔ dangerous, INFO ↔ additive or none. Where they disagree, the row says why.
 */
import { describe, expect, test } from 'vitest';

import type { Severity } from '../../src/diff/types.js';
import { compareDocs, tempRoot } from './helpers.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Level = 'ERR' | 'WARN' | 'INFO';

function base(): Doc {
  return {
    openapi: '3.0.3',
    info: { title: 'orders', version: '1' },
    paths: {
      '/orders/{id}': {
        get: {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'fields', in: 'query', schema: { type: 'string' } },
          ],
          security: [{ oauth: ['read'] }, { key: [] }],
          responses: {
            '200': {
              description: 'ok',
              headers: {
                'X-Request-Id': { required: true, schema: { type: 'string' } },
                'X-Cache': { schema: { type: 'string' } },
              },
              content: {
                'application/json': { schema: { type: 'object' } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            '404': { description: 'missing' },
          },
        },
        delete: { responses: { '204': { description: 'gone' } } },
      },
      '/status': { get: { responses: { '200': { description: 'ok' } } } },
    },
  };
}

const get = (d: Doc): Doc => d.paths['/orders/{id}'].get;

interface Row {
  oasdiff: string;
  level: Level;
  side: 'request' | 'response' | 'operation';
  change: (d: Doc) => void;
  /** When contractguard disagrees on purpose: why. */
  disagrees?: string;
}

const ROWS: Row[] = [
  {
    oasdiff: 'new-required-request-parameter',
    level: 'ERR',
    side: 'request',
    change: (d) =>
      get(d).parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }),
  },
  {
    oasdiff: 'request-parameter-removed',
    level: 'WARN',
    side: 'request',
    change: (d) => get(d).parameters.pop(),
  },
  {
    oasdiff: 'request-parameter-became-required',
    level: 'ERR',
    side: 'request',
    change: (d) => (get(d).parameters[1].required = true),
  },
  { oasdiff: 'api-security-removed', level: 'ERR', side: 'request', change: (d) => get(d).security.pop() },
  {
    oasdiff: 'api-security-added',
    level: 'INFO',
    side: 'request',
    change: (d) => get(d).security.push({ mtls: [] }),
  },
  {
    oasdiff: 'api-security-scope-added',
    level: 'ERR',
    side: 'request',
    change: (d) => get(d).security[0].oauth.push('admin'),
  },
  {
    oasdiff: 'api-security-scope-removed',
    level: 'INFO',
    side: 'request',
    change: (d) => (get(d).security[0].oauth = []),
  },
  {
    oasdiff: 'api-path-removed-without-deprecation',
    level: 'ERR',
    side: 'operation',
    change: (d) => delete d.paths['/status'],
  },
  {
    oasdiff: 'api-removed-without-deprecation',
    level: 'ERR',
    side: 'operation',
    change: (d) => delete d.paths['/orders/{id}'].delete,
  },
  {
    oasdiff: 'api-removed-with-deprecation',
    level: 'INFO',
    side: 'operation',
    change: (d) => delete d.paths['/orders/{id}'].delete,
    disagrees:
      'contractguard judges what a change does to clients: requests to a removed operation fail, deprecated or not (the versioning policy is where a sanctioned removal is accepted)',
  },
  {
    oasdiff: 'endpoint-added',
    level: 'INFO',
    side: 'operation',
    change: (d) => (d.paths['/orders/{id}'].put = { responses: { '204': { description: 'ok' } } }),
  },
  {
    oasdiff: 'endpoint-deprecated',
    level: 'INFO',
    side: 'operation',
    change: (d) => (get(d).deprecated = true),
  },
  {
    oasdiff: 'api-sunset-deleted',
    level: 'ERR',
    side: 'operation',
    change: (d) => delete get(d)['x-sunset'],
    disagrees: 'a sunset removed gives clients more time, not less; nothing they send or receive changes',
  },
  {
    oasdiff: 'response-success-status-removed',
    level: 'ERR',
    side: 'response',
    change: (d) => delete get(d).responses['200'],
  },
  {
    oasdiff: 'response-non-success-status-removed',
    level: 'INFO',
    side: 'response',
    change: (d) => delete get(d).responses['404'],
  },
  {
    oasdiff: 'response-media-type-removed',
    level: 'ERR',
    side: 'response',
    change: (d) => delete get(d).responses['200'].content['text/csv'],
  },
  {
    oasdiff: 'required-response-header-removed',
    level: 'ERR',
    side: 'response',
    change: (d) => delete get(d).responses['200'].headers['X-Request-Id'],
  },
  {
    oasdiff: 'optional-response-header-removed',
    level: 'WARN',
    side: 'response',
    change: (d) => delete get(d).responses['200'].headers['X-Cache'],
  },
];

/** The rows whose "before" needs something the base does not have. */
const BEFORE: Record<string, (d: Doc) => void> = {
  'api-removed-with-deprecation': (d) => (d.paths['/orders/{id}'].delete.deprecated = true),
  'api-sunset-deleted': (d) => Object.assign(get(d), { deprecated: true, 'x-sunset': '2030-01-01' }),
};

const agrees = (level: Level, verdict: Severity): boolean =>
  level === 'ERR'
    ? verdict === 'breaking'
    : level === 'WARN'
      ? verdict === 'dangerous'
      : verdict === 'additive' || verdict === 'none';

const root = tempRoot();
const tally = new Map<string, { agree: number; total: number }>();

describe('agreement with oasdiff', () => {
  test.each(ROWS)('$oasdiff ($level)', async (row) => {
    const before = base();
    BEFORE[row.oasdiff]?.(before);
    const after = structuredClone(before);
    row.change(after);
    const { verdict } = await compareDocs(root, before, after);
    const same = agrees(row.level, verdict);
    expect(same, `${row.oasdiff}: oasdiff ${row.level}, contractguard ${verdict}`).toBe(
      row.disagrees === undefined,
    );
    const t = tally.get(row.side) ?? { agree: 0, total: 0 };
    tally.set(row.side, { agree: t.agree + (same ? 1 : 0), total: t.total + 1 });
  });

  test('agreement per side', () => {
    const lines = [...tally].map(([side, t]) => `${side}: ${t.agree}/${t.total}`);
    console.log(`agreement with oasdiff's levels — ${lines.join(', ')}`);
    expect([...tally.values()].reduce((n, t) => n + t.total, 0)).toBe(ROWS.length);
  });
});
