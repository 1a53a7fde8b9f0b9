/**
 * One OpenAPI operation as a contract: the two schemas taken from it, the loader reading `openapi:` from a
 * working tree and from a git ref, the problems it reports, and the OpenAPI-level changes of an operation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

import { GitSource } from '../../src/load/git.js';
import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import {
  contractOf,
  contractOperationChanges,
  operationContract,
  operationKey,
  primaryMediaType,
} from '../../src/openapi/contract.js';
import { loadOpenApi } from '../../src/openapi/read.js';
import { tempRoot, write } from './helpers.js';

const FASTAPI = fileURLToPath(new URL('./fixtures/fastapi/', import.meta.url));
const fastapi = JSON.parse(readFileSync(join(FASTAPI, 'old.json'), 'utf8')) as Record<string, unknown>;

const properties = (schema: unknown): string[] =>
  Object.keys((schema as { properties?: object }).properties ?? {});

describe('an operation as a contract', () => {
  test('input is the JSON request body, output the body of the first success response', () => {
    const built = operationContract(join(FASTAPI, 'old.json'), 'POST /customers', { root: FASTAPI });
    expect(properties(built.input.root)).toEqual(['name', 'email']);
    expect(properties(built.output.root)).toEqual(['id', 'name', 'email']);
    expect(built.derivedFrom).toEqual({
      input: 'request body application/json',
      output: 'response 201 application/json',
    });
    expect(built.input.origins.get(built.input.root as object)).toEqual({
      file: 'old.json',
      pointer: '/components/schemas/CustomerIn',
    });
  });

  test('path parameter names do not matter; an operation without a body has input false', () => {
    const built = operationContract(join(FASTAPI, 'old.json'), 'get /customers/{id}', { root: FASTAPI });
    expect(built.operation.path).toBe('/customers/{customer_id}');
    expect(built.input.root).toBe(false);
    expect(built.derivedFrom.input).toBeUndefined();
    expect(properties(built.output.root)).toEqual(['id', 'name', 'email']);
  });

  test('an operation the document does not have is named with the ones it has', () => {
    const document = loadOpenApi(join(FASTAPI, 'old.json'), { root: FASTAPI });
    expect(contractOf(document, 'POST /internal/sync')).toBe(
      '`old.json` has no operation `POST /internal/sync` (it has: GET /customers/{customer_id}, POST /customers)',
    );
    expect(contractOf(document, 'sync customers')).toMatch(/^`sync customers` is not an operation/);
  });

  test('operation keys: method in any case, path parameters anonymous; malformed ones refused', () => {
    expect(operationKey('post /a/{id}/b')).toBe('POST /a/{}/b');
    expect(operationKey('POST')).toBeUndefined();
    expect(operationKey('/a POST')).toBeUndefined();
  });

  test('the body is read from application/json, else the first JSON media type, else the first', () => {
    const schema = { root: true, origins: new WeakMap(), file: 'x' };
    /** A body with a schema in each of these media types, in this order. */
    const content = (...types: string[]) => new Map(types.map((type) => [type, { schema }]));
    expect(primaryMediaType(content('text/plain', 'application/json'))).toBe('application/json');
    expect(primaryMediaType(content('text/plain', 'application/problem+json'))).toBe(
      'application/problem+json',
    );
    expect(primaryMediaType(content('text/csv'))).toBe('text/csv');
    expect(primaryMediaType(new Map([['application/json', {}]]))).toBeUndefined();
  });
});

const CONTRACT = (openapi: string, extra = '') =>
  [
    'endpoint: create-customer',
    'version: 1.0.0',
    'owner: "@acme/crm-team"',
    'status: active',
    openapi,
    extra,
  ].join('\n');

/** Makes `repo` a git repository with its files committed on main as `base`. */
function committed(repo: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base', '--no-gpg-sign');
}

function tree(contract: string, files: Record<string, unknown> = {}): string {
  const dir = tempRoot();
  const repo = join(dir, `repo-${Math.random().toString(36).slice(2)}`);
  write(repo, {
    'contracts/create-customer/endpoint.yaml':
      'name: create-customer\nowner: "@acme/crm-team"\nroute: /internal/customers/v{major}\n',
    'contracts/create-customer/v1/contract.yaml': contract,
    'contracts/api/openapi.json': fastapi,
    ...files,
  });
  return repo;
}

const load = (repo: string) => loadContractSet(new FsSource(repo), { root: 'contracts' });

describe('contract.yaml with `openapi:`', () => {
  test('the loader takes both schemas from the operation, with positions in the document', async () => {
    const repo = tree(CONTRACT("openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }"));
    const set = await load(repo);
    expect(set.problems).toEqual([]);
    const version = set.endpoints.get('create-customer')?.versions.get(1);
    expect(properties(version?.input.root)).toEqual(['name', 'email']);
    expect(properties(version?.output.root)).toEqual(['id', 'name', 'email']);
    expect(version?.openapi?.file).toBe('contracts/api/openapi.json');
    expect(version?.openapi?.operation.method).toBe('POST');
    const origin = version?.input.origins.get(version.input.root as object);
    expect(origin).toEqual({ file: 'api/openapi.json', pointer: '/components/schemas/CustomerIn' });
    expect(set.position(origin?.file ?? '', origin?.pointer ?? '')).toEqual({
      file: 'contracts/api/openapi.json',
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  test('the same from a git ref: the document is read from the commit, not the working tree', async () => {
    const repo = tree(CONTRACT("openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }"));
    committed(repo);
    write(repo, { 'contracts/api/openapi.json': 'not json' });
    const set = await loadContractSet(new GitSource(repo, 'main'), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    const version = set.endpoints.get('create-customer')?.versions.get(1);
    expect(properties(version?.input.root)).toEqual(['name', 'email']);
  });

  test.each([
    [
      'a URL',
      "openapi: { $ref: 'https://example.com/openapi.json', operation: 'POST /customers' }",
      /^`openapi.\$ref` "https:\/\/example.com\/openapi.json" is not a file under the contract root: contractguard never fetches/,
      'openapi.$ref',
    ],
    [
      'a path that leaves the root',
      "openapi: { $ref: ../../../openapi.json, operation: 'POST /customers' }",
      /leaves the contract root; keep the document under it$/,
      'openapi.$ref',
    ],
    [
      'a file that is not there',
      "openapi: { $ref: ../../api/openap.json, operation: 'POST /customers' }",
      /does not exist \(`contracts\/api\/openap.json`\); did you mean `openapi.json`\?$/,
      'openapi.$ref',
    ],
    [
      'a fragment',
      "openapi: { $ref: '../../api/openapi.json#/paths', operation: 'POST /customers' }",
      /names a document, without a `#` fragment/,
      'openapi.$ref',
    ],
    [
      'an operation the document does not have',
      "openapi: { $ref: ../../api/openapi.json, operation: 'POST /internal/sync' }",
      /has no operation `POST \/internal\/sync` \(it has: GET \/customers\/\{customer_id\}, POST \/customers\)$/,
      'openapi.operation',
    ],
  ])('%s: one problem at the field, and the major is unreadable', async (_, line, message, field) => {
    const set = await load(tree(CONTRACT(line)));
    expect(set.problems).toEqual([
      expect.objectContaining({
        file: 'contracts/create-customer/v1/contract.yaml',
        line: 5,
        field,
        message: expect.stringMatching(message),
      }),
    ]);
    expect(set.endpoints.get('create-customer')?.versions.has(1)).toBe(false);
    expect(set.unreadable).toEqual([expect.objectContaining({ endpoint: 'create-customer', major: 1 })]);
  });

  test('a document is read once for every load that finds it unchanged, and again once it changes', async () => {
    const repo = tree(CONTRACT("openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }"));
    const input = async () =>
      (await load(repo)).endpoints.get('create-customer')?.versions.get(1)?.input.root;
    const first = await input();
    expect(await input()).toBe(first);
    const doc = structuredClone(fastapi) as { components: { schemas: Record<string, unknown> } };
    doc.components.schemas['CustomerIn'] = { type: 'object', properties: { phone: { type: 'string' } } };
    write(repo, { 'contracts/api/openapi.json': doc });
    const changed = await input();
    expect(changed).not.toBe(first);
    expect(properties(changed)).toEqual(['phone']);
  });

  test('a document split over files: the others read from the same git ref, through OpenAPI and schema $refs', async () => {
    const split = {
      openapi: '3.0.3',
      info: { title: 'split', version: '1' },
      paths: {
        '/customers': {
          post: {
            requestBody: { $ref: 'parts/bodies.yaml#/CustomerIn' },
            responses: { '201': { $ref: 'parts/responses.yaml#/Created' } },
          },
        },
      },
    };
    const repo = tree(CONTRACT("openapi: { $ref: ../../api/split.json, operation: 'POST /customers' }"), {
      'contracts/api/split.json': split,
      'contracts/api/parts/bodies.yaml':
        'CustomerIn:\n  required: true\n  content:\n    application/json:\n      schema: { $ref: "models.yaml#/Customer" }\n',
      'contracts/api/parts/responses.yaml':
        'Created:\n  description: created\n  content:\n    application/json:\n      schema: { $ref: "models.yaml#/Customer" }\n',
      'contracts/api/parts/models.yaml':
        'Customer:\n  type: object\n  required: [name]\n  properties:\n    name: { type: string }\n    tag: { type: string, nullable: true }\n',
    });
    committed(repo);
    rmSync(join(repo, 'contracts/api/parts/models.yaml'));
    const set = await loadContractSet(new GitSource(repo, 'main'), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    const version = set.endpoints.get('create-customer')?.versions.get(1);
    expect(properties(version?.input.root)).toEqual(['name', 'tag']);
    expect(version?.output.origins.get(version.output.root as object)).toEqual({
      file: 'api/parts/models.yaml',
      pointer: '/Customer',
    });
    const working = await load(repo);
    expect(working.problems).toEqual([
      {
        file: 'contracts/api/parts/bodies.yaml',
        line: 5,
        column: 23,
        message:
          "cannot read $ref 'models.yaml#/Customer': no such file in the contract tree (`contracts/api/parts/models.yaml`) (at /CustomerIn/content/application~1json/schema/$ref)",
      },
    ]);
  });

  test('a document that is not OpenAPI 3: a problem in the document, at its line', async () => {
    const set = await load(
      tree(CONTRACT("openapi: { $ref: ../../api/openapi.yaml, operation: 'POST /customers' }"), {
        'contracts/api/openapi.yaml': 'swagger: "2.0"\npaths: {}\n',
      }),
    );
    expect(set.problems).toEqual([
      expect.objectContaining({
        file: 'contracts/api/openapi.yaml',
        message: expect.stringMatching(/not an OpenAPI 3.0 or 3.1 document \(Swagger 2.0/),
      }),
    ]);
  });

  test('a $ref in the document that leaves the root: a problem in the document', async () => {
    const doc = structuredClone(fastapi) as { components: { schemas: Record<string, unknown> } };
    doc.components.schemas['CustomerIn'] = { $ref: '../../outside.json' };
    const set = await load(
      tree(CONTRACT("openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }"), {
        'contracts/api/openapi.json': doc,
      }),
    );
    expect(set.problems).toEqual([
      expect.objectContaining({
        file: 'contracts/api/openapi.json',
        message: expect.stringMatching(/^\$ref '..\/..\/outside.json' leaves the contract root contracts/),
      }),
    ]);
  });

  test('`openapi` with `input` too, and neither: validation says which to write', async () => {
    const both = await load(
      tree(
        CONTRACT("openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }", 'input: true\n'),
      ),
    );
    expect(both.problems).toEqual([
      expect.objectContaining({
        field: 'input',
        message: '`openapi` takes the place of `input` and `output`: remove `input`, or remove `openapi`',
      }),
    ]);
    const neither = await load(tree(CONTRACT('output: true')));
    expect(neither.problems).toEqual([
      expect.objectContaining({
        message:
          '`input` is required: a JSON Schema (`{ $ref: ./input.schema.json }` or inline), or `openapi: { $ref, operation }` in place of `input` and `output`',
      }),
    ]);
  });
});

describe('OpenAPI-level changes of a contract', () => {
  test('a required query parameter is reported; the body schemas, compared as input and output, are not', async () => {
    const root = tempRoot();
    const after = structuredClone(fastapi) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    const post = after.paths['/customers']?.['post'] as Record<string, unknown>;
    post['parameters'] = [{ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }];
    after.components.schemas['CustomerIn'] = { type: 'object', properties: { name: { type: 'integer' } } };
    write(root, { 'old.json': fastapi, 'new.json': after });
    const o = operationContract(join(root, 'old.json'), 'POST /customers', { root });
    const n = operationContract(join(root, 'new.json'), 'POST /customers', { root });
    const changes = await contractOperationChanges(o, n);
    expect(changes.map((c) => [c.change.rule, c.direction, c.pointer])).toEqual([
      ['required-parameter-added', 'input', '/openapi/parameter/query/tenant'],
    ]);
  });

  test('a success status added and a 422 body changed are reported, on the output side', async () => {
    const root = tempRoot();
    const after = structuredClone(fastapi) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const responses = after.paths['/customers']?.['post']?.responses as Record<string, unknown>;
    responses['202'] = { description: 'Accepted' };
    after.components.schemas['HTTPValidationError'] = {
      type: 'object',
      properties: { detail: { type: 'string' } },
    };
    write(root, { 'old.json': fastapi, 'new.json': after });
    const o = operationContract(join(root, 'old.json'), 'POST /customers', { root });
    const n = operationContract(join(root, 'new.json'), 'POST /customers', { root });
    const changes = await contractOperationChanges(o, n);
    expect(changes.map((c) => [c.change.rule, c.direction, c.pointer])).toEqual([
      ['type-added', 'output', '/openapi/response/422/application~1json/properties/detail/type'],
      ['type-removed', 'output', '/openapi/response/422/application~1json/properties/detail/type'],
      ['success-response-added', 'output', '/openapi/response/202'],
    ]);
  });
});
