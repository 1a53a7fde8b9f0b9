import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  parseConsumerFile,
  parseContractFile,
  parseEndpointFile,
  parsePolicyFile,
} from '../../src/model/validate.js';

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

  it('reports malformed YAML at its line and column', () => {
    const result = parseContractFile('endpoint: sync-customers\ninput: [1,\nversion: 3.2.0\n', FILE, CONTEXT);
    expect(result.value).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ file: FILE, line: 3, column: 1 });
    expect(result.problems[0]?.message).toMatch(/^invalid YAML: /);
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
      'unknown field `colour`; allowed: endpoint, version, owner, status, deprecation, input, output, sideEffects, operational, errors, auth',
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

  it('reports a promotion to an alias the endpoint does not have', () => {
    const text = `${endpoint}aliases: { prod: 3 }\ncanary: { check: c, strategy: header, promote: { alias: production } }\n`;
    const [problem] = parseEndpointFile(text, 'e.yaml').problems;
    expect(problem).toMatchObject({ line: 5, field: 'canary.promote.alias' });
    expect(problem?.message).toBe(
      '`canary.promote.alias` "production" is not an alias of this endpoint; aliases: prod',
    );
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

  it('reports a severity override that is not a severity', () => {
    const [problem] = parsePolicyFile(
      'rules:\n  enum-value-added: { output: dangerus }\n',
      'p.yaml',
    ).problems;
    expect(problem).toMatchObject({ line: 2, column: 31, field: 'rules.enum-value-added.output' });
  });
});
