/** Reading OpenAPI documents: versions, dialects, `$ref`s inside the root, and every bad input as one SchemaError. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

import { diffOpenApi } from '../../src/openapi/compare.js';
import { loadOpenApi, templateKey } from '../../src/openapi/read.js';
import { SchemaError } from '../../src/schema/types.js';
import { compareDocs, tempRoot, write } from './helpers.js';

const root = tempRoot();

const doc = (version: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  openapi: version,
  info: { title: 't', version: '1' },
  paths: {
    '/a': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
          },
        },
      },
    },
  },
  components: { schemas: { A: { type: 'object', properties: { n: { type: 'integer' } } } } },
  ...extra,
});

function problem(files: Record<string, unknown>, main: string): string {
  const dir = join(root, `case-${Math.random().toString(36).slice(2)}`);
  write(dir, files);
  try {
    loadOpenApi(join(dir, main), { root: dir });
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaError);
    return (err as Error).message;
  }
  throw new Error('expected a SchemaError');
}

describe('loadOpenApi', () => {
  test('pairs operations by method and path template, parameter names aside', () => {
    expect(templateKey('/customers/{customerId}/orders/{id}')).toBe('/customers/{}/orders/{}');
    write(root, {
      'v.yaml':
        'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a/{x}:\n    post: {responses: {}}\n',
    });
    const loaded = loadOpenApi(join(root, 'v.yaml'), { root });
    expect(loaded.version).toBe('3.1');
    expect([...loaded.operations.keys()]).toEqual(['POST /a/{}']);
  });

  test.each([
    ['malformed YAML', { 'd.yaml': 'openapi: 3.0.0\npaths: [\n' }, 'd.yaml', /d\.yaml:\d+: invalid YAML/],
    [
      'not OpenAPI 3',
      { 'd.json': { swagger: '2.0', paths: {} } },
      'd.json',
      /Swagger 2\.0; convert it to OpenAPI 3 first/,
    ],
    [
      'no openapi field',
      { 'd.json': { paths: {} } },
      'd.json',
      /not an OpenAPI 3\.0 or 3\.1 document \(no `openapi` field\)/,
    ],
    [
      'a parameter $ref to a URL',
      {
        'd.json': doc('3.1.0', {
          paths: { '/a': { get: { parameters: [{ $ref: 'https://example.com/p.json' }], responses: {} } } },
        }),
      },
      'd.json',
      /refusing to fetch remote \$ref 'https:\/\/example\.com\/p\.json'/,
    ],
    [
      'a schema $ref to a URL',
      { 'd.json': doc('3.1.0', { components: { schemas: { A: { $ref: 'https://example.com/a.json' } } } }) },
      'd.json',
      /refusing to fetch remote \$ref/,
    ],
    [
      'a $ref cycle between responses',
      {
        'd.json': doc('3.1.0', {
          paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/X' } } } } },
          components: {
            responses: { X: { $ref: '#/components/responses/Y' }, Y: { $ref: '#/components/responses/X' } },
          },
        }),
      },
      'd.json',
      /\$ref cycle: d\.json#\/paths\/~1a\/get\/responses\/200 → d\.json#\/components\/responses\/X → d\.json#\/components\/responses\/Y → d\.json#\/components\/responses\/X/,
    ],
    [
      'a $ref cycle between schemas',
      {
        'd.json': doc('3.1.0', {
          components: {
            schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
          },
        }),
      },
      'd.json',
      /\$ref cycle/,
    ],
    [
      'a $ref that leaves the root',
      {
        'd.json': doc('3.1.0', {
          paths: { '/a': { get: { parameters: [{ $ref: '../../outside.json#/p' }], responses: {} } } },
        }),
      },
      'd.json',
      /\$ref '\.\.\/\.\.\/outside\.json#\/p' leaves the root/,
    ],
    [
      'a schema $ref that leaves the root',
      { 'd.json': doc('3.1.0', { components: { schemas: { A: { $ref: '../../outside.json' } } } }) },
      'd.json',
      /leaves the contract root/,
    ],
    [
      'a $ref to nothing',
      {
        'd.json': doc('3.1.0', {
          paths: { '/a': { get: { parameters: [{ $ref: '#/components/parameters/Nope' }], responses: {} } } },
        }),
      },
      'd.json',
      /points at nothing/,
    ],
  ])('%s: one SchemaError naming the file', (_, files, main, expected) => {
    expect(problem(files as Record<string, unknown>, main)).toMatch(expected);
  });

  test('a symbolic link out of the root is refused', () => {
    const dir = join(root, 'linked');
    write(root, { 'secret/p.json': { p: { name: 'x', in: 'query' } } });
    write(dir, {
      'd.json': doc('3.1.0', {
        paths: { '/a': { get: { parameters: [{ $ref: 'link/p.json#/p' }], responses: {} } } },
      }),
    });
    symlinkSync(join(root, 'secret'), join(dir, 'link'));
    expect(() => loadOpenApi(join(dir, 'd.json'), { root: dir })).toThrow(/through a symbolic link/);
  });

  test('$refs to files under the root: parameters, responses and schemas, with their own relative $refs', async () => {
    const dir = join(root, 'split');
    const params = { Limit: { name: 'limit', in: 'query', schema: { $ref: 'schemas.yaml#/Limit' } } };
    write(dir, {
      'common/params.json': params,
      'common/schemas.yaml': 'Limit:\n  type: integer\n  maximum: 100\n',
      'old.json': doc('3.0.3', {
        paths: { '/a': { get: { parameters: [{ $ref: 'common/params.json#/Limit' }], responses: {} } } },
      }),
      'new.json': doc('3.0.3', {
        paths: { '/a': { get: { parameters: [{ $ref: 'common/params.json#/Limit' }], responses: {} } } },
      }),
    });
    const before = loadOpenApi(join(dir, 'old.json'), { root: dir });
    write(dir, { 'common/schemas2.yaml': 'Limit:\n  type: integer\n  maximum: 50\n' });
    write(dir, {
      'new.json': doc('3.0.3', {
        paths: {
          '/a': {
            get: {
              parameters: [{ name: 'limit', in: 'query', schema: { $ref: 'common/schemas2.yaml#/Limit' } }],
              responses: {},
            },
          },
        },
      }),
    });
    const after = loadOpenApi(join(dir, 'new.json'), { root: dir });
    const result = await diffOpenApi(before, after);
    expect(result.changes.map((c) => [c.rule, c.location, c.origin?.file])).toEqual([
      ['maximum-decreased', 'parameter query limit', 'common/schemas2.yaml'],
    ]);
  });

  test('3.0: nullable and boolean exclusiveMaximum go through the canonical form', async () => {
    const schema = (extra: Record<string, unknown>): Record<string, unknown> =>
      doc('3.0.3', {
        components: { schemas: { A: { type: 'object', properties: { n: { type: 'integer', ...extra } } } } },
      });
    const nullable = await compareDocs(root, schema({}), schema({ nullable: true }));
    expect(nullable.changes.map((c) => [c.rule, c.severity])).toEqual([['type-added', 'breaking']]);
    const exclusive = await compareDocs(
      root,
      schema({ maximum: 10 }),
      schema({ maximum: 10, exclusiveMaximum: true }),
    );
    // draft-04's boolean form: `maximum: 10, exclusiveMaximum: true` is `< 10`.
    expect(exclusive.changes.map((c) => c.rule)).toEqual(['maximum-decreased']);
    const same = await compareDocs(root, schema({ nullable: true }), schema({ nullable: true, example: 3 }));
    expect(same.changes).toEqual([]);
  });

  test('3.1: the 2020-12 dialect, $ref beside keywords, and discriminator as a hint', async () => {
    const oneOf = (discriminator?: unknown): Record<string, unknown> =>
      doc('3.1.0', {
        components: {
          schemas: {
            A: {
              oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
              ...(discriminator ? { discriminator } : {}),
            },
            Cat: { type: 'object', properties: { kind: { const: 'cat' } }, required: ['kind'] },
            Dog: {
              $ref: '#/components/schemas/Cat',
              description: 'same shape',
              properties: { kind: { const: 'dog' } },
            },
          },
        },
      });
    const hint = await compareDocs(root, oneOf(), oneOf({ propertyName: 'kind' }));
    expect(hint.changes).toEqual([]);
  });
});
