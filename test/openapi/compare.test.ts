/**
 * The OpenAPI comparison, one row per kind of change: a mutation of a small document (3.1, then the same
 * rows as 3.0), the exact rules it fires read old → new, and the rules read new → old (the same change
 * backwards).
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

import { diffOpenApi } from '../../src/openapi/compare.js';
import { loadOpenApi } from '../../src/openapi/read.js';
import { OPENAPI_RULES } from '../../src/openapi/rules.js';
import type { OpenApiChange } from '../../src/openapi/types.js';
import { compareDocs, tempRoot, write } from './helpers.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'items', version: '1' },
    paths: {
      '/items/{id}': {
        get: {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Rate': { schema: { type: 'integer' } } },
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
                },
              },
            },
            '404': { description: 'not found' },
          },
          security: [{ key: [] }],
        },
        put: {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } },
            },
          },
          responses: { '204': { description: 'stored' } },
        },
      },
      '/health': { get: { responses: { '200': { description: 'ok' } } } },
    },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
  };
}

const get = (d: Doc): Doc => d.paths['/items/{id}'].get;
const put = (d: Doc): Doc => d.paths['/items/{id}'].put;
const q = (d: Doc): Doc => get(d).parameters[1];

interface Row {
  name: string;
  change: (d: Doc) => void;
  /** Rules old → new, sorted. */
  forward: string[];
  /** Rules new → old, sorted. */
  backward: string[];
  /** The verdict old → new, when the row is about it. */
  verdict?: string;
  /** Written in 3.1 only (type lists): not run on the 3.0 document. */
  only31?: true;
}

const ROWS: Row[] = [
  {
    name: 'a path',
    change: (d) => delete d.paths['/health'],
    forward: ['path-removed'],
    backward: ['path-added'],
    verdict: 'breaking',
  },
  {
    name: 'an operation',
    change: (d) => delete d.paths['/items/{id}'].put,
    forward: ['operation-removed'],
    backward: ['operation-added'],
    verdict: 'breaking',
  },
  {
    name: 'deprecation',
    change: (d) => (get(d).deprecated = true),
    forward: ['operation-deprecated'],
    backward: ['operation-undeprecated'],
    verdict: 'none',
  },
  {
    name: 'a sunset',
    change: (d) => (get(d)['x-sunset'] = '2027-01-01'),
    forward: ['sunset-brought-forward'],
    backward: ['sunset-pushed-back'],
    verdict: 'dangerous',
  },
  {
    name: 'a required parameter',
    change: (d) =>
      get(d).parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }),
    forward: ['required-parameter-added'],
    backward: ['required-parameter-removed'],
    verdict: 'breaking',
  },
  {
    name: 'an optional header parameter',
    change: (d) => get(d).parameters.push({ name: 'X-Trace', in: 'header', schema: { type: 'string' } }),
    forward: ['optional-parameter-added'],
    backward: ['optional-parameter-removed'],
    verdict: 'additive',
  },
  {
    name: 'required',
    change: (d) => (q(d).required = true),
    forward: ['parameter-became-required'],
    backward: ['parameter-became-optional'],
    verdict: 'breaking',
  },
  {
    name: 'style',
    change: (d) => (q(d).style = 'spaceDelimited'),
    forward: ['parameter-serialization-changed'],
    backward: ['parameter-serialization-changed'],
    verdict: 'breaking',
  },
  {
    name: 'explode',
    change: (d) => (q(d).explode = false),
    forward: ['parameter-serialization-changed'],
    backward: ['parameter-serialization-changed'],
  },
  { name: 'explode as its default', change: (d) => (q(d).explode = true), forward: [], backward: [] },
  {
    name: 'a parameter schema',
    change: (d) => (q(d).schema.maxLength = 5),
    forward: ['max-length-added'],
    backward: ['max-length-removed'],
    verdict: 'breaking',
  },
  {
    name: 'a renamed path parameter',
    change: (d) => {
      const item = d.paths['/items/{id}'];
      delete d.paths['/items/{id}'];
      item.get.parameters[0].name = 'itemId';
      d.paths['/items/{itemId}'] = item;
    },
    forward: [],
    backward: [],
  },
  {
    name: 'a body no longer required',
    change: (d) => (put(d).requestBody.required = false),
    forward: ['request-body-became-optional'],
    backward: ['request-body-became-required'],
    verdict: 'additive',
  },
  {
    name: 'a request media type',
    change: (d) => (put(d).requestBody.content['application/xml'] = { schema: { type: 'string' } }),
    forward: ['request-media-type-added'],
    backward: ['request-media-type-removed'],
    verdict: 'additive',
  },
  {
    name: 'a request property type',
    change: (d) =>
      (put(d).requestBody.content['application/json'].schema.properties.name.type = ['string', 'null']),
    forward: ['type-added'],
    backward: ['type-removed'],
    verdict: 'additive',
    only31: true,
  },
  {
    name: 'an error status',
    change: (d) => (get(d).responses['500'] = { description: 'oops' }),
    forward: ['response-status-added'],
    backward: ['response-status-removed'],
    verdict: 'dangerous',
  },
  {
    name: 'a success status',
    change: (d) => (get(d).responses['202'] = { description: 'later' }),
    forward: ['success-response-added'],
    backward: ['success-response-removed'],
  },
  {
    name: 'a response media type',
    change: (d) => (get(d).responses['200'].content['text/csv'] = { schema: { type: 'string' } }),
    forward: ['response-media-type-added'],
    backward: ['response-media-type-removed'],
    verdict: 'dangerous',
  },
  {
    name: 'an optional response header',
    change: (d) => delete get(d).responses['200'].headers['X-Rate'],
    forward: ['optional-response-header-removed'],
    backward: ['optional-response-header-added'],
    verdict: 'dangerous',
  },
  {
    name: 'a required response header',
    change: (d) => {
      get(d).responses['200'].headers['X-Id'] = { required: true, schema: { type: 'string' } };
    },
    forward: ['required-response-header-added'],
    backward: ['required-response-header-removed'],
    verdict: 'additive',
  },
  {
    name: 'a response header now always sent',
    change: (d) => (get(d).responses['200'].headers['X-Rate'].required = true),
    forward: ['response-header-became-required'],
    backward: ['response-header-became-optional'],
    verdict: 'additive',
  },
  {
    name: 'a response header spelt in another case',
    change: (d) => (get(d).responses['200'].headers = { 'x-rate': { schema: { type: 'integer' } } }),
    forward: [],
    backward: [],
  },
  {
    name: 'a response header schema',
    change: (d) => (get(d).responses['200'].headers['X-Rate'].schema = { type: 'number' }),
    forward: ['type-added'],
    backward: ['type-removed'],
    verdict: 'breaking',
  },
  {
    name: 'a response property no longer required',
    change: (d) => (get(d).responses['200'].content['application/json'].schema.required = []),
    forward: ['required-removed'],
    backward: ['required-added'],
    verdict: 'breaking',
  },
  {
    name: 'a security alternative',
    change: (d) => get(d).security.push({ oauth: ['write', 'read'] }),
    forward: ['security-alternative-added'],
    backward: ['security-alternative-removed'],
    verdict: 'additive',
  },
  {
    name: 'security dropped: every request is accepted, whatever it sends',
    change: (d) => (get(d).security = []),
    forward: ['security-alternative-added'],
    backward: ['security-alternative-added', 'security-alternative-removed'],
    verdict: 'additive',
  },
  {
    name: 'a scope required',
    change: (d) => (get(d).security = [{ key: ['read'] }]),
    forward: ['security-alternative-added', 'security-alternative-removed'],
    backward: ['security-alternative-added'],
    verdict: 'breaking',
  },
  {
    name: 'a second scheme required',
    change: (d) => (get(d).security = [{ key: [], oauth: [] }]),
    forward: ['security-alternative-added', 'security-alternative-removed'],
    backward: ['security-alternative-added'],
    verdict: 'breaking',
  },
  {
    name: 'the API key header of a security scheme renamed',
    change: (d) => (d.components.securitySchemes.key.name = 'X-Api-Key'),
    forward: ['security-scheme-changed'],
    backward: ['security-scheme-changed'],
    verdict: 'breaking',
  },
  {
    name: 'a security scheme written differently to the same effect',
    change: (d) => {
      d.components.securitySchemes.key.name = 'x-key';
      d.components.securitySchemes.key.description = 'the key from the console';
    },
    forward: [],
    backward: [],
  },
  {
    name: 'a security scheme no operation uses, added',
    change: (d) => (d.components.securitySchemes.other = { type: 'http', scheme: 'basic' }),
    forward: [],
    backward: [],
  },
  {
    name: 'security moved to the document',
    change: (d) => {
      d.security = get(d).security;
      delete get(d).security;
      d.paths['/health'].get.security = [];
      put(d).security = [];
    },
    forward: [],
    backward: [],
  },
  {
    name: 'a schema moved to components',
    change: (d) => {
      const media = get(d).responses['200'].content['application/json'];
      d.components = { schemas: { Item: media.schema } };
      media.schema = { $ref: '#/components/schemas/Item' };
    },
    forward: [],
    backward: [],
  },
  {
    name: 'a parameter moved to components',
    change: (d) => {
      d.components = { parameters: { Q: q(d) } };
      get(d).parameters[1] = { $ref: '#/components/parameters/Q' };
    },
    forward: [],
    backward: [],
  },
  {
    name: 'a parameter moved to the path item',
    change: (d) => {
      d.paths['/items/{id}'].parameters = [get(d).parameters.pop()];
      put(d).parameters = [{ name: 'q', in: 'query', schema: { type: 'string' } }];
    },
    forward: ['optional-parameter-added'],
    backward: ['optional-parameter-removed'],
  },
];

const root = tempRoot();
const rules = (changes: OpenApiChange[]): string[] => changes.map((c) => c.rule).sort();

describe('diffOpenApi', () => {
  test.each(ROWS)('$name', async (row) => {
    const before = base();
    const after = base();
    row.change(after);
    const forward = await compareDocs(root, before, after);
    expect(rules(forward.changes)).toEqual([...row.forward].sort());
    if (row.verdict !== undefined) expect(forward.verdict).toBe(row.verdict);
    const backward = await compareDocs(root, after, before);
    expect(rules(backward.changes)).toEqual([...row.backward].sort());
  });

  test('no change: verdict none, no changes', async () => {
    expect(await compareDocs(root, base(), base())).toEqual({ verdict: 'none', changes: [] });
  });

  test('a change names its operation and where in it; a schema change its pointer and origin', async () => {
    const after = base();
    q(after).schema.maxLength = 5;
    after.paths['/items/{id}'].get.parameters[0].name = 'itemId';
    after.paths['/items/{itemId}'] = after.paths['/items/{id}'];
    delete after.paths['/items/{id}'];
    const [change] = (await compareDocs(root, base(), after)).changes;
    expect(change).toMatchObject({
      rule: 'max-length-added',
      severity: 'breaking',
      operation: 'GET /items/{itemId}',
      location: 'parameter query q',
      path: '/maxLength',
    });
    expect(change?.origin?.pointer).toBe('/paths/~1items~1{itemId}/get/parameters/1/schema');
  });

  test('a severity override in `rules:` applies to an OpenAPI rule on its side', async () => {
    const after = base();
    q(after).required = true;
    const n = Math.random().toString(36).slice(2);
    write(root, { [`o-${n}.json`]: base(), [`n-${n}.json`]: after });
    const read = (name: string) => loadOpenApi(join(root, name), { root });
    const result = await diffOpenApi(read(`o-${n}.json`), read(`n-${n}.json`), {
      overrides: { 'parameter-became-required': { input: 'dangerous' } },
    });
    expect(result.changes.map((c) => [c.rule, c.severity])).toEqual([
      ['parameter-became-required', 'dangerous'],
    ]);
    expect(result.verdict).toBe('dangerous');
  });
});

/** The same document as OpenAPI 3.0: the same rows fire the same rules, read in its dialect. */
function base30(): Doc {
  return { ...base(), openapi: '3.0.3' };
}

describe('diffOpenApi on OpenAPI 3.0', () => {
  test.each(ROWS.filter((r) => r.only31 === undefined))('$name', async (row) => {
    const after = base30();
    row.change(after);
    const forward = await compareDocs(root, base30(), after);
    expect(rules(forward.changes)).toEqual([...row.forward].sort());
    if (row.verdict !== undefined) expect(forward.verdict).toBe(row.verdict);
    const backward = await compareDocs(root, after, base30());
    expect(rules(backward.changes)).toEqual([...row.backward].sort());
  });

  test('`nullable: true` on a request property widens its type (3.0 has no type lists)', async () => {
    const after = base30();
    put(after).requestBody.content['application/json'].schema.properties.name.nullable = true;
    const forward = await compareDocs(root, base30(), after);
    expect(rules(forward.changes)).toEqual(['type-added']);
    expect(forward.verdict).toBe('additive');
    expect(rules((await compareDocs(root, after, base30())).changes)).toEqual(['type-removed']);
  });

  test('every OpenAPI rule is fired by a row read forwards, and its inverse by the same row backwards', () => {
    const forward = new Set(ROWS.flatMap((r) => r.forward));
    const backward = new Set(ROWS.flatMap((r) => r.backward));
    for (const r of OPENAPI_RULES) {
      expect(forward.has(r.id) || backward.has(r.id), r.id).toBe(true);
      const row = ROWS.find((x) => x.forward.includes(r.id) || x.backward.includes(r.id));
      const mirrored = row?.forward.includes(r.id) ? row.backward : row?.forward;
      expect(mirrored, r.id).toContain(r.inverse);
    }
  });
});
