/**
 * `contractguard init --from-openapi FILE` (src/scaffold/from-openapi.ts): one endpoint per operation with a
 * JSON body, contracts that load cleanly from the document, a document outside the root copied under it,
 * nothing overwritten.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

import { loadContractSet } from '../../src/load/load.js';
import { FsSource } from '../../src/load/source.js';
import { endpointName, initFromOpenApi, routeOf } from '../../src/scaffold/from-openapi.js';
import { ScaffoldError } from '../../src/scaffold/fs.js';
import { cli } from '../helpers/cli.js';
import { tempRoot, write } from './helpers.js';

const CORPUS = fileURLToPath(new URL('./fixtures/corpus/bases/', import.meta.url));
const dir = tempRoot();
let n = 0;

/** A fresh repository folder holding the FastAPI document at `api/openapi.json`. */
function repo(): string {
  const at = join(dir, `repo-${n++}`);
  cpSync(join(CORPUS, 'fastapi-crm-sync.json'), join(at, 'api', 'openapi.json'));
  return at;
}

describe('init --from-openapi', () => {
  test('one endpoint per operation with a body; the document copied under the root; the tree loads', async () => {
    const at = repo();
    const result = await initFromOpenApi(at, 'api/openapi.json');
    expect(result.document).toBe('contracts/openapi/openapi.json');
    expect(result.endpoints).toEqual([
      { name: 'sync-customers', operation: 'POST /internal/sync/customers' },
      { name: 'receive-event', operation: 'POST /internal/events' },
    ]);
    expect(result.skipped).toEqual([
      {
        operation: 'GET /internal/jobs/{job_id}',
        reason: 'contractguard endpoints take a JSON body (POST, PUT, PATCH, DELETE)',
      },
    ]);
    expect(readFileSync(join(at, 'contracts/openapi/openapi.json'), 'utf8')).toBe(
      readFileSync(join(at, 'api/openapi.json'), 'utf8'),
    );
    const contract = readFileSync(join(at, 'contracts/receive-event/v1/contract.yaml'), 'utf8');
    expect(contract).toContain(
      "openapi: { $ref: '../../openapi/openapi.json', operation: 'POST /internal/events' }",
    );
    const set = await loadContractSet(new FsSource(at), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    const sync = set.endpoints.get('sync-customers');
    expect(sync?.endpoint).toMatchObject({ route: '/internal/sync/customers/v{major}', method: 'POST' });
    expect(sync?.versions.get(1)?.openapi?.file).toBe('contracts/openapi/openapi.json');
  });

  test('a document already under the root is referred to where it is', async () => {
    const at = repo();
    cpSync(join(at, 'api'), join(at, 'contracts', 'api'), { recursive: true });
    const result = await initFromOpenApi(at, 'contracts/api/openapi.json');
    expect(result.document).toBe('contracts/api/openapi.json');
    expect(result.created).not.toContain('contracts/api/openapi.json');
    const set = await loadContractSet(new FsSource(at), { root: 'contracts' });
    expect(set.problems).toEqual([]);
    expect(set.endpoints.size).toBe(2);
  });

  test('writes nothing when a file it would write exists', async () => {
    const at = repo();
    write(at, { 'contracts/receive-event/endpoint.yaml': 'name: mine\n' });
    await expect(initFromOpenApi(at, 'api/openapi.json')).rejects.toThrow(
      /^refusing to overwrite contracts\/receive-event\/endpoint.yaml; nothing was written/,
    );
    expect(existsSync(join(at, 'contracts/openapi/openapi.json'))).toBe(false);
  });

  test.each([
    ['a file that is not there', 'api/missing.json', /^api\/missing.json: no such file/],
    ['a file outside the repository', '../openapi.json', /is outside the repository/],
    ['a Swagger 2 document', 'api/swagger.json', /not an OpenAPI 3.0 or 3.1 document \(Swagger 2/],
    [
      'a document of GET operations only',
      'api/reads.json',
      /nothing to scaffold, its operations \(GET \/a\)/,
    ],
  ])('%s: one ScaffoldError, nothing written', async (_, file, message) => {
    const at = repo();
    write(at, {
      'api/swagger.json': { swagger: '2.0', paths: {} },
      'api/reads.json': { openapi: '3.1.0', paths: { '/a': { get: { responses: {} } } } },
    });
    const attempt = initFromOpenApi(at, file);
    await expect(attempt).rejects.toBeInstanceOf(ScaffoldError);
    await expect(attempt).rejects.toThrow(message);
    expect(existsSync(join(at, 'contracts'))).toBe(false);
  });

  test('names: the operationId in kebab-case (without the path-and-method suffix FastAPI adds), else the method and path', () => {
    expect(endpointName({ method: 'POST', path: '/x', operationId: 'syncCustomers' })).toBe('sync-customers');
    expect(endpointName({ method: 'POST', path: '/internal/{id}/sync' })).toBe('post-internal-sync');
    expect(
      endpointName({
        method: 'GET',
        path: '/internal/jobs/{job_id}',
        operationId: 'read_job_internal_jobs__job_id__get',
      }),
    ).toBe('read-job');
  });

  test('routes hold {major}: in place of a v1 segment, else appended', () => {
    expect(routeOf('/v1/customers')).toBe('/v{major}/customers');
    expect(routeOf('/internal/sync')).toBe('/internal/sync/v{major}');
  });

  test('the command: the endpoints, what was not scaffolded, and exit 0', async () => {
    const at = repo();
    const out = await cli(['init', '--from-openapi', 'api/openapi.json'], at);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('  receive-event  POST /internal/events');
    expect(out.stdout).toContain(
      'Not scaffolded:\n  GET /internal/jobs/{job_id}: contractguard endpoints take a JSON body',
    );
  });
});
