import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { checkConsumers } from '../../src/consumers/fixtures.js';
import { run } from '../../src/cli.js';
import { baseFiles, CONSUMER, copyExample, EXPECTS, load, OUTPUT, REPO, writeTree } from './helpers.js';

const dirs: string[] = [];
function tree(overrides: Record<string, unknown> = {}): string {
  const dir = writeTree(baseFiles(overrides));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function problems(overrides: Record<string, unknown> = {}) {
  const set = await load(tree(overrides));
  expect(set.problems).toEqual([]);
  return checkConsumers(set);
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('checkConsumers: fixtures', () => {
  it('valid fixtures and a guaranteed expects: no problem', async () => {
    expect(await problems()).toEqual([]);
  });

  it('a request that is no longer valid input names consumer, file, line and the failing path', async () => {
    const found = await problems({
      'consumers/fixtures/retool/request.json': '{\n  "customerIds": ["cus_abc", "CUS-X"]\n}\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'fixture-request',
        consumer: 'retool-ops-dashboard',
        endpoint: 'sync-customers',
        major: 1,
        file: 'contracts/consumers/fixtures/retool/request.json',
        instancePath: '/customerIds/1',
        line: 2,
      }),
    ]);
    expect(found[0]?.message).toBe(
      'retool-ops-dashboard\'s recorded request request.json is not valid sync-customers v1 input: `customerIds[1]` must match pattern "^cus_[a-z0-9]+$"',
    );
  });

  it('a fixture with a key given twice is refused at the second, not read as its last value', async () => {
    const found = await problems({
      'consumers/fixtures/retool/request.json':
        '{\n  "customerIds": ["CUS-X"],\n  "customerIds": ["cus_abc"]\n}\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'fixture-request',
        file: 'contracts/consumers/fixtures/retool/request.json',
        line: 3,
        column: 3,
        message:
          'fixture does not parse: duplicate key `customerIds` (first on line 2): each key may appear once in an object; remove one of them',
      }),
    ]);
  });

  it('a response is checked against the output (formats too) and against expects', async () => {
    const found = await problems({
      'consumers/fixtures/retool/response.json': {
        customers: [
          { id: 'cus_1', email: 'not-an-email', status: 'active' },
          { id: 7, email: 'a@b.example', status: 'active' },
        ],
      },
    });
    expect(found.map((p) => [p.kind, p.instancePath, p.message.split(': ').pop()])).toEqual([
      ['fixture-response', '/customers/0/email', '`customers[0].email` must match format "email"'],
      ['fixture-response', '/customers/1/id', '`customers[1].id` must be string'],
      ['fixture-expects', '/customers/1/id', '`customers[1].id` must be string'],
    ]);
    expect(found[2]?.message).toContain(
      "retool-ops-dashboard's recorded response response.json does not match its own `expects` schema",
    );
  });

  it('a response valid output but missing what expects requires fails expects only', async () => {
    const output = clone(OUTPUT);
    // The output stops requiring `email`, and the recorded response lacks it.
    output.properties.customers.items.required = ['id', 'status'];
    const found = await problems({
      'sync-customers/v1/output.schema.json': output,
      'consumers/fixtures/retool/response.json': { customers: [{ id: 'cus_1', status: 'active' }] },
    });
    expect(
      found.filter((p) => p.kind !== 'expects').map((p) => [p.kind, p.message.split(': ').pop()]),
    ).toEqual([['fixture-expects', '`customers[0]` is missing required property `email`']]);
  });

  it('a draft-07 input schema and an inline expects in the consumer file', async () => {
    const found = await problems({
      'sync-customers/v1/input.schema.json': {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        required: ['customerIds'],
        properties: { customerIds: { type: 'array', items: [{ type: 'string', format: 'email' }] } },
      },
      'consumers/retool-ops-dashboard.yaml': CONSUMER.replace(
        'expects: { $ref: ./fixtures/retool/expects.schema.json }',
        'expects: { type: object, required: [total] }',
      ),
    });
    expect(found.map((p) => [p.kind, p.file, p.message.split(': ').pop()])).toEqual([
      [
        'fixture-request',
        'contracts/consumers/fixtures/retool/request.json',
        '`customerIds[0]` must match format "email"',
      ],
      [
        'fixture-expects',
        'contracts/consumers/fixtures/retool/response.json',
        'the response is missing required property `total`',
      ],
      ['expects', 'contracts/consumers/retool-ops-dashboard.yaml', expect.stringContaining('total')],
    ]);
  });

  it('a set built without the loader (no file access) has no fixture problems', async () => {
    const set = await load(tree());
    delete set.text;
    expect(await checkConsumers(set)).toEqual([]);
  });

  it('a fixture that does not parse is a problem', async () => {
    const found = await problems({ 'consumers/fixtures/retool/response.json': '{ "customers": [' });
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'fixture-response',
        message: expect.stringMatching(/^fixture does not parse/),
      }),
    ]);
  });
});

describe('checkConsumers: the output guarantees expects', () => {
  it('a field the output may now make null is reported on the expects file', async () => {
    const output = clone(OUTPUT);
    (output.properties.customers.items.properties as Record<string, unknown>).email = {
      type: ['string', 'null'],
    };
    const found = await problems({ 'sync-customers/v1/output.schema.json': output });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'expects',
      consumer: 'retool-ops-dashboard',
      file: 'contracts/consumers/fixtures/retool/expects.schema.json',
      change: { rule: 'type-added' },
    });
    expect(found[0]?.line).toBeGreaterThan(1);
    expect(found[0]?.message).toBe(
      'retool-ops-dashboard expects `customers[].email` never to be `null`, but sync-customers v1 output allows it',
    );
  });

  it('a removed field that expects requires is reported; one it does not mention is not', async () => {
    const output = clone(OUTPUT);
    const props = output.properties.customers.items.properties as Record<string, unknown>;
    delete props.legacyId;
    expect(await problems({ 'sync-customers/v1/output.schema.json': output })).toEqual([]);
    delete props.id;
    output.properties.customers.items.required = ['email', 'status'];
    const found = await problems({ 'sync-customers/v1/output.schema.json': output });
    expect(found.map((p) => [p.kind, p.change?.rule])).toContainEqual(['expects', 'property-removed']);
    // One message for the field: an undeclared field is not also reported as "not required".
    expect(found.map((p) => p.change?.rule)).toEqual(['property-removed']);
    expect(found[0]?.message).toBe(
      'retool-ops-dashboard expects `customers[].id`, which sync-customers v1 output does not declare',
    );
  });

  it('an enum output satisfies an expects of its type', async () => {
    // OUTPUT's `status` is an enum of strings; EXPECTS reads it as `type: string`.
    expect(EXPECTS.properties.customers.items.properties.status).toEqual({ type: 'string' });
    expect(await problems()).toEqual([]);
  });
});

describe('contractguard check with consumers', () => {
  async function check(repo: string) {
    let stdout = '';
    const code = await run(['check', '--root', 'contracts', '--repo', repo], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stdout += s),
      cwd: repo,
    });
    return { code, stdout };
  }

  it('contracts-example stays valid', async () => {
    let stdout = '';
    const code = await run(['check', '--root', 'contracts-example'], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stdout += s),
      cwd: REPO,
    });
    expect(stdout).toMatch(/valid — 3 endpoints, 4 versions, 4 consumers/);
    expect(code).toBe(0);
  });

  it('a broken copy of contracts-example reports the consumer problems, exit 1', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = `${dir}/contracts/consumers/fixtures/retool-ops-dashboard/response-resync.json`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"ops@northwind.example"', '"ops at northwind"'));
    const customer = `${dir}/contracts/sync-customers/v3/customer.schema.json`;
    writeFileSync(
      customer,
      readFileSync(customer, 'utf8').replace(
        '"email": { "type": "string", "format": "email" }',
        '"email": { "type": ["string", "null"], "format": "email" }',
      ),
    );
    const { code, stdout } = await check(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('contracts/consumers/fixtures/retool-ops-dashboard/response-resync.json:7:16:');
    expect(stdout).toContain('`customers[0].email` must match format "email"');
    expect(stdout).toMatch(
      /expects\.schema\.json:\d+:\d+: retool-ops-dashboard expects `customers\[\]\.email` never to be `null`/,
    );
  });
});
