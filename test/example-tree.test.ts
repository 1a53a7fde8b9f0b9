/**
 * contracts-example/ is what users copy: it must be valid in every way contractguard checks, and its
 * fixtures must really match the schemas they claim to.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSchemaFile } from '../src/schema/load.js';
import { loadContractSet } from '../src/load/load.js';
import { FsSource } from '../src/load/source.js';
import type { ConsumerFile, ContractFile, EndpointFile } from '../src/model/types.js';
import { newVersion } from '../src/scaffold/new-version.js';
import {
  languageServerSchema,
  readJson,
  readYaml,
  refPath,
  schemaValidator,
  treeFileProblems,
  walk,
  fileKind,
} from './scaffold/helpers.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ROOT = path.join(REPO, 'contracts-example');
const at = (rel: string): string => path.join(ROOT, rel);

const files = walk(ROOT);
const yamlFiles = files.filter((f) => f.endsWith('.yaml'));
const consumerFiles = files.filter((f) => /^consumers\/[^/]+\.yaml$/.test(f));
const contractFiles = files.filter((f) => /^[^/]+\/v[0-9]+\/contract\.yaml$/.test(f));
const endpointFiles = files.filter((f) => /^[^/]+\/endpoint\.yaml$/.test(f));
const validate = schemaValidator(ROOT);

interface Use {
  consumer: string;
  file: string;
  endpoint: string;
  version: number;
  contract: string;
  expects: string;
  fixtures: { request?: string; response?: string }[];
}

const uses: Use[] = consumerFiles.flatMap((rel) => {
  const file = at(rel);
  const consumer = readYaml(file) as unknown as ConsumerFile;
  return consumer.uses.map((use) => ({
    consumer: consumer.name,
    file,
    endpoint: use.endpoint,
    version: use.version,
    contract: at(`${use.endpoint}/v${use.version}/contract.yaml`),
    expects: refPath(file, use.expects),
    fixtures: (use.fixtures ?? []).map((f) => ({
      request: f.request === undefined ? undefined : path.resolve(path.dirname(file), f.request),
      response: f.response === undefined ? undefined : path.resolve(path.dirname(file), f.response),
    })),
  }));
});

describe('contracts-example layout', () => {
  it('has the endpoints, majors and consumers the docs describe', () => {
    expect(endpointFiles).toEqual([
      'enrich-events/endpoint.yaml',
      'export-orders/endpoint.yaml',
      'sync-customers/endpoint.yaml',
    ]);
    expect(contractFiles).toEqual([
      'enrich-events/v1/contract.yaml',
      'export-orders/v1/contract.yaml',
      'sync-customers/v2/contract.yaml',
      'sync-customers/v3/contract.yaml',
    ]);
    expect(consumerFiles).toEqual([
      'consumers/events-warehouse.yaml',
      'consumers/nightly-reconcile.yaml',
      'consumers/retool-ops-dashboard.yaml',
      'consumers/slack-customer-lookup.yaml',
    ]);
    const kinds = consumerFiles.map((f) => readYaml(at(f)).kind);
    expect(kinds).toEqual(['pipeline', 'job', 'dashboard', 'slack-command']);
  });

  it('every YAML file is valid for contractguard’s validator and for the editor schema', () => {
    expect(treeFileProblems(ROOT)).toEqual([]);
  });

  it('(that check is not vacuous: a broken copy has problems)', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-example-'));
    try {
      fs.cpSync(ROOT, copy, { recursive: true });
      const file = path.join(copy, 'sync-customers/v3/contract.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('version: 3.2.0', 'version: 4.0.0'));
      const consumer = path.join(copy, 'consumers/nightly-reconcile.yaml');
      fs.writeFileSync(consumer, fs.readFileSync(consumer, 'utf8').replace('kind: job', 'kind: cron'));
      const problems = treeFileProblems(copy);
      expect(problems.some((p) => p.includes('sync-customers/v3/contract.yaml'))).toBe(true);
      expect(problems.some((p) => p.includes('consumers/nightly-reconcile.yaml'))).toBe(true);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('every YAML file names its published schema for editors, by a path that reaches schemas/', () => {
    for (const rel of yamlFiles) {
      expect(languageServerSchema(at(rel)), rel).toBe(
        path.join(REPO, 'schemas', `${fileKind(rel)}.schema.json`),
      );
    }
  });

  it('every JSON file parses and every schema resolves inside the root with contractguard’s resolver', () => {
    for (const rel of files.filter((f) => f.endsWith('.json'))) readJson(at(rel));
    for (const rel of files.filter((f) => f.endsWith('.schema.json'))) {
      expect(() => loadSchemaFile(at(rel), { root: ROOT }), rel).not.toThrow();
    }
  });

  it('contracts agree with their folders; v2 is deprecated in favour of v3', () => {
    for (const rel of contractFiles) {
      const [endpoint, folder] = rel.split('/');
      const contract = readYaml(at(rel)) as unknown as ContractFile;
      expect(contract.endpoint, rel).toBe(endpoint);
      expect(`v${contract.version.split('.')[0]}`, rel).toBe(folder);
      expect(contract.owner, rel).toBe(
        (readYaml(at(`${endpoint}/endpoint.yaml`)) as unknown as EndpointFile).owner,
      );
      for (const side of ['input', 'output'] as const) {
        expect(fs.existsSync(refPath(at(rel), contract[side])), `${rel} ${side}`).toBe(true);
      }
    }
    const v2 = readYaml(at('sync-customers/v2/contract.yaml')) as unknown as ContractFile;
    expect(v2.status).toBe('deprecated');
    expect(v2.deprecation).toEqual({ date: '2027-03-31', replacement: 3 });
    const v3 = readYaml(at('sync-customers/v3/contract.yaml')) as unknown as ContractFile;
    expect(v3).toMatchObject({ version: '3.2.0', status: 'active' });
    expect(v3.deprecation).toBeUndefined();
  });

  it('aliases and consumers point at majors that exist', () => {
    for (const rel of endpointFiles) {
      const endpoint = readYaml(at(rel)) as unknown as EndpointFile;
      expect(endpoint.name).toBe(rel.split('/')[0]);
      expect(endpoint.route).toContain('{major}');
      for (const [alias, major] of Object.entries(endpoint.aliases ?? {})) {
        expect(fs.existsSync(at(`${endpoint.name}/v${major}/contract.yaml`)), `${rel} ${alias}`).toBe(true);
      }
    }
    expect(readYaml(at('sync-customers/endpoint.yaml')).aliases).toEqual({ prod: 3, staging: 3, latest: 3 });
    for (const use of uses)
      expect(fs.existsSync(use.contract), `${use.consumer} → ${use.endpoint}`).toBe(true);
  });
});

describe('contracts-example consumers', () => {
  it('register fixtures for every use', () => {
    expect(uses.map((u) => `${u.consumer} → ${u.endpoint} v${u.version}`)).toEqual([
      'events-warehouse → enrich-events v1',
      'nightly-reconcile → sync-customers v2',
      'retool-ops-dashboard → sync-customers v3',
      'slack-customer-lookup → sync-customers v3',
      'slack-customer-lookup → export-orders v1',
    ]);
    for (const use of uses) {
      expect(use.fixtures.length, use.consumer).toBeGreaterThan(0);
      expect(path.relative(ROOT, use.expects).startsWith(`consumers/fixtures/${use.consumer}/`)).toBe(true);
    }
  });

  describe.each(uses)('$consumer → $endpoint v$version', (use) => {
    const contract = readYaml(use.contract) as unknown as ContractFile;
    const input = refPath(use.contract, contract.input);
    const output = refPath(use.contract, contract.output);

    it('requests are valid input; responses are valid output and match expects', () => {
      for (const { request, response } of use.fixtures) {
        if (request !== undefined) expect(validate(input, readJson(request)), request).toEqual([]);
        if (response !== undefined) {
          expect(validate(output, readJson(response)), response).toEqual([]);
          expect(validate(use.expects, readJson(response)), response).toEqual([]);
        }
      }
    });

    it('every field in expects exists in the output schema', () => {
      const expected = fieldPaths(loadSchemaFile(use.expects, { root: ROOT }).root);
      const produced = loadSchemaFile(output, { root: ROOT }).root;
      expect(expected.length).toBeGreaterThan(3);
      expect(expected.filter((p) => !declares(produced, p.split('.')))).toEqual([]);
    });
  });

  it('the field check notices a field the output does not declare', () => {
    const produced = loadSchemaFile(at('sync-customers/v3/output.schema.json'), { root: ROOT }).root;
    expect(declares(produced, ['customers', '[]', 'syncStatus'])).toBe(true);
    expect(declares(produced, ['customers', '[]', 'email'])).toBe(true); // through allOf and a file $ref
    expect(declares(produced, ['customers', '[]', 'fullName'])).toBe(false);
    expect(declares(produced, ['counts', 'skipped'])).toBe(false);
  });

  it('fixtures that do not match are caught (the validator is not vacuous)', () => {
    const response = readJson(at('consumers/fixtures/retool-ops-dashboard/response-page.json')) as {
      customers: Record<string, unknown>[];
    };
    const broken = structuredClone(response);
    (broken.customers[0] as Record<string, unknown>).status = 'vip';
    delete (broken.customers[1] as Record<string, unknown>).syncedAt;
    const errors = validate(at('sync-customers/v3/output.schema.json'), broken);
    expect(errors.join('\n')).toContain('/customers/0/status');
    expect(errors.join('\n')).toContain('syncedAt');
    expect(validate(at('sync-customers/v3/input.schema.json'), { pageSize: 501 })).not.toEqual([]);
    // enrich-events: the anyOf is discriminated by `kind`; each kind brings its own required fields.
    const output = at('enrich-events/v1/output.schema.json');
    const batch = readJson(at('consumers/fixtures/events-warehouse/response-batch.json')) as {
      events: Record<string, unknown>[];
    };
    const withEvent = (patch: (e: Record<string, unknown>) => void, index: number): unknown => {
      const copy = structuredClone(batch);
      patch(copy.events[index] as Record<string, unknown>);
      return copy;
    };
    expect(
      validate(
        output,
        withEvent((e) => (e.kind = 'refund'), 2),
      ),
    ).not.toEqual([]);
    expect(
      validate(
        output,
        withEvent((e) => delete e.orderId, 2),
      ),
    ).not.toEqual([]);
    expect(
      validate(
        output,
        withEvent((e) => (e.kind = 'signup'), 0),
      ),
    ).not.toEqual([]);
    expect(
      validate(
        output,
        withEvent((e) => (e.geo = { country: 'Germany' }), 0),
      ),
    ).not.toEqual([]);
    expect(validate(at('sync-customers/v3/input.schema.json'), { customerIds: ['nope'] })).not.toEqual([]);
  });
});

type Schema = boolean | { [key: string]: unknown };

const BRANCHES = ['allOf', 'anyOf', 'oneOf'] as const;

function asSchema(value: unknown): Schema | undefined {
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value))
    ? (value as Schema)
    : undefined;
}

function* subschemas(schema: Schema): Generator<[segment: string, schema: Schema]> {
  if (typeof schema === 'boolean') return;
  const props = asSchema(schema.properties);
  if (typeof props === 'object') {
    for (const [name, sub] of Object.entries(props)) {
      const s = asSchema(sub);
      if (s !== undefined) yield [name, s];
    }
  }
  const items = asSchema(schema.items);
  if (items !== undefined) yield ['[]', items];
}

/** `customers.[].id`-style paths of every property an (expects) schema declares, through combinators. */
function fieldPaths(schema: Schema, prefix: string[] = [], seen = new Set<object>()): string[] {
  if (typeof schema === 'boolean' || seen.has(schema)) return [];
  seen.add(schema);
  const out: string[] = [];
  for (const [segment, sub] of subschemas(schema)) {
    const p = [...prefix, segment];
    if (segment !== '[]') out.push(p.join('.'));
    out.push(...fieldPaths(sub, p, seen));
  }
  for (const key of BRANCHES) {
    for (const branch of (schema[key] as unknown[] | undefined) ?? []) {
      const s = asSchema(branch);
      if (s !== undefined) out.push(...fieldPaths(s, prefix, seen));
    }
  }
  return [...new Set(out)];
}

/** Whether some branch of `schema` declares the property path (`[]` steps into array items). */
function declares(schema: Schema, segments: string[], depth = 0): boolean {
  if (segments.length === 0) return true;
  if (typeof schema === 'boolean' || depth > 64) return false;
  const [head, ...rest] = segments;
  for (const [segment, sub] of subschemas(schema)) {
    if (segment === head && declares(sub, rest, depth + 1)) return true;
  }
  return BRANCHES.some((key) =>
    ((schema[key] as unknown[] | undefined) ?? []).some((branch) => {
      const s = asSchema(branch);
      return s !== undefined && declares(s, segments, depth + 1);
    }),
  );
}

// ---- the loader -----------------------------------------------------------------------------------------

describe('loadContractSet on contracts-example', () => {
  it('loads every endpoint, major and consumer, with no problems', async () => {
    const set = await loadContractSet(new FsSource(REPO), { root: 'contracts-example' });
    expect(set.problems).toEqual([]);
    expect([...set.endpoints.keys()].sort()).toEqual(['enrich-events', 'export-orders', 'sync-customers']);
    expect([...(set.endpoints.get('sync-customers')?.versions.keys() ?? [])].sort()).toEqual([2, 3]);
    expect(set.consumers.map((c) => c.consumer.name).sort()).toEqual([
      'events-warehouse',
      'nightly-reconcile',
      'retool-ops-dashboard',
      'slack-customer-lookup',
    ]);
    expect(set.policy.rules).toEqual({ 'enum-value-added': { output: 'dangerous' } });
  });

  it('still loads with no problems after new-version sync-customers (v4 added, v3 deprecated)', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-example-load-'));
    try {
      fs.cpSync(ROOT, path.join(repo, 'contracts'), { recursive: true });
      await newVersion(repo, { root: 'contracts', endpoint: 'sync-customers', now: new Date('2026-11-25') });
      const set = await loadContractSet(new FsSource(repo), { root: 'contracts' });
      expect(set.problems).toEqual([]);
      const v3 = set.endpoints.get('sync-customers')?.versions.get(3);
      expect(v3?.contract.deprecation).toEqual({ date: '2027-02-23', replacement: 4 });
      expect(set.endpoints.get('sync-customers')?.versions.get(4)?.contract.version).toBe('4.0.0');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
