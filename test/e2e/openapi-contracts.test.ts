/**
 * Contracts backed by an OpenAPI document (`openapi: { $ref, operation }`) through `contractguard diff` (the
 * bundled CLI as a process) and through the check the Action runs (`runCheck`, which action/main.ts calls),
 * on real git repositories, and through the bot (Probot against a fake GitHub API); the document regenerated
 * between base and PR as a FastAPI service would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runCheck } from '../../src/github/check.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { FakeGitHub, toFiles } from '../bot/fake-github.js';
import { delivery, mountFake, testProbot, unmountFake } from '../bot/harness.js';
import { useBundledCli } from '../helpers/cli-process.js';
import { Repo } from './helpers.js';

const cli = useBundledCli();
let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
};
const FASTAPI = JSON.parse(
  readFileSync(fileURLToPath(new URL('../openapi/fixtures/fastapi/old.json', import.meta.url)), 'utf8'),
) as Doc;

const contract = (version: string) =>
  [
    'endpoint: create-customer',
    `version: ${version}`,
    'owner: "@acme/crm-team"',
    'status: active',
    "openapi: { $ref: ../../api/openapi.json, operation: 'POST /customers' }",
    '',
  ].join('\n');

function base(): Record<string, unknown> {
  return {
    'contracts/contractguard.yaml': 'semantics: pragmatic\nfailOn: breaking\nrequireMinorBump: error\n',
    'contracts/create-customer/endpoint.yaml':
      'name: create-customer\nowner: "@acme/crm-team"\nroute: /internal/customers/v{major}\n',
    'contracts/create-customer/v1/contract.yaml': contract('1.0.0'),
    'contracts/api/openapi.json': FASTAPI,
  };
}

/** The base document changed by `edit`. */
function edited(edit: (doc: Doc) => void): Doc {
  const doc = structuredClone(FASTAPI);
  edit(doc);
  return doc;
}

const shorterName = (doc: Doc): void => {
  const name = doc.components.schemas['CustomerIn']?.properties['name'] as { maxLength: number };
  name.maxLength = 50;
};

/** main holds the base tree; pr changes the document with `edit` (and the contract's version to `version`). */
function pr(edit: (doc: Doc) => void, version?: string): Repo {
  repo = new Repo();
  repo.write(base()).commit('base');
  repo.git('checkout', '-qb', 'pr');
  repo.write({
    'contracts/api/openapi.json': edited(edit),
    ...(version === undefined ? {} : { 'contracts/create-customer/v1/contract.yaml': contract(version) }),
  });
  repo.commit('regenerated openapi.json');
  return repo;
}

const diff = (r: Repo, ...extra: string[]) =>
  cli(['diff', '--base', 'main', '--head', 'pr', ...extra], r.dir);

describe('contractguard diff on OpenAPI-backed contracts', () => {
  it('passes an optional request field added with a minor bump, and names it', async () => {
    const r = pr((doc) => {
      (doc.components.schemas['CustomerIn'] as { properties: Record<string, unknown> }).properties['phone'] =
        {
          anyOf: [{ type: 'string' }, { type: 'null' }],
          title: 'Phone',
        };
    }, '1.1.0');
    const out = await diff(r);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/additive/i);
    expect(out.stdout).toContain('phone');
  });

  it('fails a shorter request field in the same major, shown at the line of the document', async () => {
    const r = pr(shorterName);
    const out = await diff(r, '--format', 'json');
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as {
      versions: {
        endpoint: string;
        changes: { rule: string; area: string; position?: { file: string } }[];
      }[];
    };
    const change = report.versions[0]?.changes.find((c) => c.rule === 'max-length-decreased');
    expect(change).toMatchObject({ area: 'input', position: { file: 'contracts/api/openapi.json' } });
  });

  it('fails a response field no longer required (output), as for a JSON Schema contract', async () => {
    const r = pr((doc) => {
      const customer = doc.components.schemas['Customer'] as { required: string[] };
      customer.required = ['id'];
    }, '1.1.0');
    const out = await diff(r);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/breaking/i);
    expect(out.stdout).toContain('name');
  });

  it('fails a required query parameter added (an OpenAPI rule), at `openapi:` of contract.yaml', async () => {
    const r = pr((doc) => {
      const post = doc.paths['/customers']?.['post'] as Record<string, unknown>;
      post['parameters'] = [{ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } }];
    });
    const out = await diff(r, '--format', 'json');
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as {
      versions: { changes: { rule: string; area: string; severity: string; position?: object }[] }[];
    };
    expect(report.versions[0]?.changes).toContainEqual(
      expect.objectContaining({
        rule: 'required-parameter-added',
        area: 'input',
        severity: 'breaking',
        position: expect.objectContaining({ file: 'contracts/create-customer/v1/contract.yaml', line: 5 }),
      }),
    );
  });

  it('reports an error status added as dangerous, and `rules:` in contractguard.yaml overrides it', async () => {
    const r = pr((doc) => {
      const post = doc.paths['/customers']?.['post'] as { responses: Record<string, unknown> };
      post.responses['409'] = { description: 'Conflict' };
    }, '1.1.0');
    const out = await diff(r);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/dangerous/i);
    expect(out.stdout).toContain('409');
    r.write({
      'contracts/contractguard.yaml':
        'semantics: pragmatic\nfailOn: breaking\nrequireMinorBump: error\nrules:\n  response-status-added: { output: breaking }\n',
    });
    r.commit('policy');
    expect((await diff(r)).code).toBe(1);
  });

  it('an operation the regenerated document no longer has: one line naming the field, exit 1', async () => {
    const r = pr((doc) => {
      const item = doc.paths['/customers'] as Record<string, unknown>;
      item['put'] = item['post'];
      delete item['post'];
    });
    const out = await diff(r);
    expect(out.code).not.toBe(0);
    expect(out.stdout + out.stderr).toContain(
      'has no operation `POST /customers` (it has: GET /customers/{customer_id}, PUT /customers)',
    );
  });
});

describe('init --from-openapi, then check and diff', () => {
  it('scaffolds contracts that check clean and catch the next regeneration', async () => {
    repo = new Repo();
    repo.write({ 'api/openapi.json': FASTAPI });
    const init = await cli(
      ['init', '--from-openapi', 'api/openapi.json', '--owner', '@acme/crm-team'],
      repo.dir,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('contracts/openapi/openapi.json');
    const check = await cli(['check'], repo.dir);
    expect(check.stdout + check.stderr).not.toMatch(/error/i);
    expect(check.code).toBe(0);
    repo.commit('contracts from openapi.json');
    repo.git('checkout', '-qb', 'pr');
    repo.write({ 'contracts/openapi/openapi.json': edited(shorterName) }).commit('regenerated');
    const out = await diff(repo);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('contracts/openapi/openapi.json');
  });
});

describe("the Action's check on OpenAPI-backed contracts (runCheck, as action/main.ts calls it)", () => {
  it('fails a breaking change on a pull request and annotates the line of the document', async () => {
    const r = pr(shorterName);
    const base = r.git('rev-parse', 'main');
    const head = r.git('rev-parse', 'pr');
    const infos: string[] = [];
    const result = await runCheck({
      workspace: r.dir,
      root: 'contracts',
      eventName: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          labels: [],
          base: { sha: base, ref: 'main', repo: { full_name: 'acme/api' } },
          head: { sha: head, ref: 'pr', repo: { full_name: 'acme/api' } },
        },
        repository: { full_name: 'acme/api', default_branch: 'main' },
      },
      comment: false,
      approveLabel: 'contractguard: breaking-approved',
      repository: 'acme/api',
      github: () => {
        throw new Error('this test posts nothing to GitHub');
      },
      log: { info: (m) => infos.push(m), warning: (m) => infos.push(m) },
    });
    expect(result.report.problems).toEqual([]);
    expect(result.report.verdict).toBe('breaking');
    expect(result.report.passed).toBe(false);
    const failures = toAnnotations(result.report).filter((a) => a.level === 'failure');
    expect(failures).toContainEqual(
      expect.objectContaining({ file: 'contracts/api/openapi.json', line: expect.any(Number) }),
    );
    expect(result.summary).toContain('create-customer');
  });
});

describe('the bot on OpenAPI-backed contracts', () => {
  let fake: FakeGitHub;
  beforeEach(() => {
    fake = new FakeGitHub();
    mountFake(fake);
  });
  afterEach(unmountFake);

  it('reads the document through the API at both commits and fails the check run at its line', async () => {
    fake.pull.base.sha = fake.commit(toFiles(base()));
    fake.pull.head.sha = fake.commit(
      toFiles({ ...base(), 'contracts/api/openapi.json': edited(shorterName) }),
    );
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));

    expect(fake.checkRuns).toHaveLength(1);
    const run = fake.checkRuns[0];
    expect(run).toMatchObject({ head_sha: fake.pull.head.sha, conclusion: 'failure' });
    expect(run?.output.summary).toContain('create-customer');
    expect(run?.annotations).toContainEqual(
      expect.objectContaining({ path: 'contracts/api/openapi.json', annotation_level: 'failure' }),
    );
  });
});
