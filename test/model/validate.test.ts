import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  mentionsField,
  parseConsumerFile,
  parseContractFile,
  parseEndpointFile,
  parsePolicyFile,
  problemMessage,
} from '../../src/model/validate.js';
import { writtenNumber } from '../../src/schema/numbers.js';

const FILE = 'contracts/sync-customers/v3/contract.yaml';
const CONTEXT = { endpoint: 'sync-customers', major: 3 };

/** A valid contract.yaml, one field per line (line numbers below refer to this layout). */
function contract(overrides: Record<string, string | null> = {}): string {
  const fields: Record<string, string | null> = {
    endpoint: 'sync-customers',
    version: '3.2.0',
    owner: '"@acme/crm-team"',
    status: 'active',
    input: '{ $ref: ./input.schema.json }',
    output: '{ $ref: ./output.schema.json }',
    ...overrides,
  };
  return Object.entries(fields)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')
    .concat('\n');
}

describe('parseContractFile', () => {
  it('returns the contract of a valid file, without problems', () => {
    const result = parseContractFile(contract(), FILE, CONTEXT);
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ endpoint: 'sync-customers', version: '3.2.0', status: 'active' });
  });

  it('reports malformed YAML at the line and column of the mistake, not where the parser gave up', () => {
    const result = parseContractFile('endpoint: sync-customers\ninput: [1,\nversion: 3.2.0\n', FILE, CONTEXT);
    expect(result.value).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ file: FILE, line: 2, column: 8 });
    expect(result.problems[0]?.message).toBe(
      'invalid YAML: this `[` is never closed: end it with `]` before the line ends',
    );
  });

  it('refuses a duplicate key, at the second one, naming the first line', () => {
    const result = parseContractFile(contract() + 'version: 3.3.0\n', FILE, CONTEXT);
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 7,
        column: 1,
        message: 'duplicate key `version` (first on line 2): each field may appear once; remove one of them',
      },
    ]);
  });

  it('refuses a YAML alias, at the alias', () => {
    const text = contract({ owner: '&team "@acme/crm-team"' }) + 'auth: { roles: [*team] }\n';
    const result = parseContractFile(text, FILE, CONTEXT);
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 7,
        column: 17,
        message: 'YAML aliases (`*team`) are not allowed in a contractguard file: write the value out',
      },
    ]);
  });

  it('refuses an unknown field, at its key, suggesting the field meant', () => {
    const result = parseContractFile(contract() + 'sideEffects:\n  idempotnt: true\n', FILE, CONTEXT);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 8,
        column: 3,
        field: 'sideEffects.idempotnt',
        message: 'unknown field `idempotnt` in `sideEffects`; did you mean `idempotent`?',
      },
    ]);
  });

  it('lists the allowed fields when an unknown one resembles none', () => {
    const result = parseContractFile(contract() + 'colour: blue\n', FILE, CONTEXT);
    expect(result.problems[0]?.message).toBe(
      'unknown field `colour`; allowed: endpoint, version, owner, status, deprecation, input, output, openapi, sideEffects, operational, errors, errorCodeField, auth, http',
    );
  });

  it('reports a missing owner at the mapping that should hold it', () => {
    const result = parseContractFile(contract({ owner: null }), FILE, CONTEXT);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        field: 'owner',
        message:
          '`owner` is required and must be a GitHub team or user (e.g. "@acme/crm-team" or "@octocat")',
      },
    ]);
  });

  it('reports a version that is not semver at its value, quoting what was found', () => {
    const text =
      '# sync-customers v3\n\nendpoint: sync-customers\nversion: 3.2\nowner: "@acme/crm-team"\nstatus: active\ninput: true\noutput: true\n';
    const [problem] = parseContractFile(text, 'contract.yaml', CONTEXT).problems;
    expect(problem).toEqual({
      file: 'contract.yaml',
      line: 4,
      column: 10,
      field: 'version',
      message: '`version` must be semver (e.g. 3.2.0), found "3.2"',
    });
    expect(formatProblem(problem as never)).toBe(
      '`contract.yaml`:4:10 `version` must be semver (e.g. 3.2.0), found "3.2"',
    );
  });

  it('reports a version whose major is not its folder', () => {
    const result = parseContractFile(contract({ version: '4.0.0' }), FILE, CONTEXT);
    expect(result.value).toBeDefined();
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 2,
        column: 10,
        field: 'version',
        message: '`version` 4.0.0 is in folder v3: a major version lives in its own folder `v4/`',
      },
    ]);
  });

  it('reports an endpoint that is not its folder', () => {
    const result = parseContractFile(contract({ endpoint: 'sync-customer' }), FILE, CONTEXT);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 1,
        column: 11,
        field: 'endpoint',
        message:
          '`endpoint` is "sync-customer" but the folder is `sync-customers/`: they must match (rename one of them)',
      },
    ]);
  });

  it('reports a deprecation date that does not exist', () => {
    const result = parseContractFile(contract({ deprecation: '{ date: 2027-02-29 }' }), FILE, CONTEXT);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 7,
        column: 22,
        field: 'deprecation.date',
        message: '`deprecation.date` 2027-02-29 is not a real date: February 2027 has 28 days',
      },
    ]);
  });

  it('suggests the enum value meant', () => {
    const [problem] = parseContractFile(contract({ status: 'deprecate' }), FILE, CONTEXT).problems;
    expect(problem?.message).toBe(
      '`status` must be one of active, deprecated, retired (did you mean deprecated?), found "deprecate"',
    );
  });

  it('refuses a file of several YAML documents', () => {
    const [problem] = parseContractFile(`${contract()}---\n${contract()}`, FILE, CONTEXT).problems;
    expect(problem).toMatchObject({ line: 7, column: 1 });
    expect(problem?.message).toMatch(/several YAML documents/);
  });

  it('refuses an empty file', () => {
    expect(parseContractFile('', FILE, CONTEXT).problems).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        field: '',
        message: '`contract.yaml` must be a mapping (key: value lines), found an empty file',
      },
    ]);
  });

  it('names list items by index', () => {
    const [problem] = parseContractFile(
      contract() + 'errors:\n  - { code: A, status: 504 }\n  - { code: B, status: 99 }\n',
      FILE,
      CONTEXT,
    ).problems;
    expect(problem).toMatchObject({ line: 9, column: 24, field: 'errors[1].status' });
    expect(problem?.message).toBe('`errors[1].status` must be an HTTP status code (100–599), found "99"');
  });
});

describe('parseEndpointFile', () => {
  const endpoint = 'name: sync-customers\nowner: "@acme/crm-team"\nroute: /internal/syncCustomers/v{major}\n';

  it('reports a name that is not its folder', () => {
    const [problem] = parseEndpointFile(endpoint, 'contracts/sync-clients/endpoint.yaml', {
      name: 'sync-clients',
    }).problems;
    expect(problem).toMatchObject({ line: 1, column: 7, field: 'name' });
  });

  it('requires endpoint names in kebab-case', () => {
    const [problem] = parseEndpointFile(
      endpoint.replace('sync-customers', 'syncCustomers'),
      'e.yaml',
    ).problems;
    expect(problem?.message).toBe(
      '`name` must be a kebab-case name (e.g. sync-customers), found "syncCustomers"',
    );
  });

  it('reports a route without {major}', () => {
    const [problem] = parseEndpointFile(endpoint.replace('v{major}', 'v3'), 'e.yaml').problems;
    expect(problem).toMatchObject({ line: 3, column: 8, field: 'route' });
  });

  it('reports an alias name that is not one, at the key', () => {
    const [problem] = parseEndpointFile(`${endpoint}aliases: { Prod: 3 }\n`, 'e.yaml').problems;
    expect(problem).toEqual({
      file: 'e.yaml',
      line: 4,
      column: 12,
      field: 'aliases.Prod',
      message: '`aliases` key "Prod" must be an alias name (e.g. prod, staging, latest)',
    });
  });

  it('refuses an alias named __proto__ (which would vanish), at its key', () => {
    const result = parseEndpointFile(`${endpoint}aliases:\n  __proto__: 3\n`, 'contracts/x/endpoint.yaml');
    expect(result.problems).toEqual([
      {
        file: 'contracts/x/endpoint.yaml',
        line: 5,
        column: 3,
        field: 'aliases.__proto__',
        message:
          'alias `__proto__`: this name is reserved (JavaScript objects give it a meaning of their own); pick another',
      },
    ]);
  });

  it.each(['constructor', 'prototype'])('refuses an alias named %s', (name) => {
    const [problem] = parseEndpointFile(`${endpoint}aliases: { prod: 3, ${name}: 3 }\n`, 'e.yaml').problems;
    expect(problem).toMatchObject({ line: 4, column: 21, field: `aliases.${name}` });
    expect(problem?.message).toMatch(
      new RegExp(`^alias \`${name}\`: this name is reserved .*; pick another$`),
    );
  });

  it('reports __proto__ as an unknown field where fields are fixed, once', () => {
    const { problems } = parseEndpointFile(`${endpoint}__proto__: 3\n`, 'e.yaml');
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^unknown field `__proto__`/)]);
  });

  it('reports a promotion to an alias the endpoint does not have', () => {
    const text = `${endpoint}aliases: { prod: 3 }\ncanary: { check: c, strategy: header, promote: { alias: production } }\n`;
    const [problem] = parseEndpointFile(text, 'e.yaml').problems;
    expect(problem).toMatchObject({ line: 5, field: 'canary.promote.alias' });
    expect(problem?.message).toBe(
      '`canary.promote.alias` "production" is not an alias of this endpoint; aliases: prod',
    );
  });
});

describe('__proto__ in an inline schema', () => {
  it('is refused at the top of the schema, where it would be dropped', () => {
    const { problems } = parseContractFile(
      contract({ input: '{ __proto__: 1, type: object }' }),
      FILE,
      CONTEXT,
    );
    expect(problems).toEqual([expect.objectContaining({ line: 5, column: 10, field: 'input.__proto__' })]);
  });

  it('is a property name like any other below the top', () => {
    const input = '{ type: object, properties: { __proto__: { type: string } } }';
    const result = parseContractFile(contract({ input }), FILE, CONTEXT);
    expect(result.problems).toEqual([]);
    const properties = (result.value?.input as { properties: object }).properties;
    expect(Object.keys(properties)).toEqual(['__proto__']);
  });
});

describe('large integers in an inline schema', () => {
  it('are recorded as written, past the copy zod makes, for the diff to compare', () => {
    const input = '{ type: integer, maximum: 9007199254740993, enum: [12345678901234567891, 1] }';
    const result = parseContractFile(contract({ input }), FILE, CONTEXT);
    expect(result.problems).toEqual([]);
    const schema = result.value?.input as { maximum: number; enum: number[] };
    expect(schema.maximum).toBe(9007199254740992);
    expect(writtenNumber(schema, 'maximum')).toBe('9007199254740993');
    expect(writtenNumber(schema.enum, 0)).toBe('12345678901234567891');
    expect(writtenNumber(schema.enum, 1)).toBeUndefined();
  });
});

describe('parseConsumerFile', () => {
  it('reports a name that is not its file name', () => {
    const text = 'name: retool\nowner: "@acme/ops"\nkind: dashboard\nuses: []\n';
    const [problem] = parseConsumerFile(text, 'contracts/consumers/retool-ops.yaml', {
      name: 'retool-ops',
    }).problems;
    expect(problem?.message).toBe(
      '`name` is "retool" but the file is `retool-ops.yaml`: they must match (rename one of them)',
    );
  });

  it('requires a major version number in uses', () => {
    const text =
      'name: r\nowner: "@acme/ops"\nkind: job\nuses:\n  - { endpoint: sync-customers, version: v3 }\n';
    const [problem] = parseConsumerFile(text, 'r.yaml').problems;
    expect(problem).toMatchObject({ line: 5, column: 42, field: 'uses[0].version' });
    expect(problem?.message).toBe('`uses[0].version` must be a major version number (e.g. 3), found "v3"');
  });
});

describe('parsePolicyFile', () => {
  it('accepts an empty mapping', () => {
    expect(parsePolicyFile('{}\n', 'contractguard.yaml')).toEqual({ value: {}, problems: [] });
  });

  it('refuses a rule override keyed __proto__ instead of dropping it', () => {
    const [problem] = parsePolicyFile('rules:\n  __proto__: { input: none }\n', 'p.yaml').problems;
    expect(problem).toMatchObject({ line: 2, column: 3, field: 'rules.__proto__' });
    expect(problem?.message).toMatch(/^key `__proto__` in `rules`: this name is reserved/);
  });

  it('reports a severity override that is not a severity', () => {
    const [problem] = parsePolicyFile(
      'rules:\n  enum-value-added: { output: dangerus }\n',
      'p.yaml',
    ).problems;
    expect(problem).toMatchObject({ line: 2, column: 31, field: 'rules.enum-value-added.output' });
  });
});

describe('problemMessage: a field named once', () => {
  it('leaves a message that names its field as it is', () => {
    expect(problemMessage({ field: 'owner', message: '`owner` is required' })).toBe('`owner` is required');
  });

  it('leaves a message that names the field the problem is in', () => {
    expect(problemMessage({ field: 'input.$ref', message: '`input`: cannot read $ref' })).toBe(
      '`input`: cannot read $ref',
    );
  });

  it('leaves a message that names the last part of the field', () => {
    expect(problemMessage({ field: 'aliases.prod', message: 'alias `prod` points at v9' })).toBe(
      'alias `prod` points at v9',
    );
  });

  it('puts the field in front of a message that does not name it', () => {
    expect(problemMessage({ field: 'deprecation.date', message: 'is not a real date' })).toBe(
      '`deprecation.date`: is not a real date',
    );
    expect(problemMessage({ message: 'the file is empty' })).toBe('the file is empty');
  });

  it('mentionsField reads `a.b`, `a` and `b` in backticks, not bare words', () => {
    expect(mentionsField('`a` is wrong', 'a.b')).toBe(true);
    expect(mentionsField('b is wrong', 'a.b')).toBe(false);
    expect(mentionsField('`uses` is wrong', 'uses[0].version')).toBe(true);
  });
});

describe('YAML mistakes in contract.yaml', () => {
  it('reports the first syntax error only, at the mistake, not the parser’s follow-up errors', () => {
    const result = parseContractFile('endpoint: sync-customers\nversion: 3.2.0\n  owner: x\n', FILE, CONTEXT);
    expect(result.problems).toEqual([
      {
        file: FILE,
        line: 3,
        column: 3,
        message:
          'invalid YAML: `owner` is indented 2 spaces, under `version` (line 2), which already has its value on its line: indent it like `version` (at the first column)',
      },
    ]);
  });

  it('still reports every duplicate key: each is a mistake of its own', () => {
    const result = parseContractFile('endpoint: a\nendpoint: b\nstatus: x\nstatus: y\n', FILE, CONTEXT);
    expect(result.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(result.problems.every((p) => p.message.startsWith('duplicate key'))).toBe(true);
  });
});
