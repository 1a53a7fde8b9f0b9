/**
 * Issue 12 item 9, through the CLI as a process on real repositories: `contractguard check` catches a
 * misspelt schema keyword the way it catches a misspelt YAML field ("did you mean minLength?"), at its file
 * and line, and names a field once.
 */

import { afterEach, describe, expect, it } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import { baseTree, Repo } from './helpers.js';

let repo: Repo | undefined;

const cli = useBundledCli();
afterEach(() => repo?.cleanup());

const V2 = 'contracts/sync-customers/v2';

function tree(files: Record<string, unknown>): string {
  repo = new Repo();
  repo.write({ ...baseTree(), ...files }).commit('tree');
  return repo.dir;
}

describe('contractguard check: misspellings', () => {
  it('a misspelt schema keyword: exit 1, at its line, with the keyword it meant', async () => {
    const input = {
      type: 'object',
      required: ['customerId'],
      properties: { customerId: { type: 'string', minLenght: 1 } },
    };
    const dir = tree({ [`${V2}/input.schema.json`]: input });
    const r = await cli(['check'], dir);
    expect(r.code).toBe(1);
    const text = JSON.stringify(input, null, 2).split('\n');
    const line = text.findIndex((l) => l.includes('"minLenght"')) + 1;
    expect(r.stdout.split('\n')[0]).toMatch(
      new RegExp(
        `^${V2}/input\\.schema\\.json:${line}:\\d+: \`minLenght\` is not a JSON Schema keyword; did you mean \`minLength\`\\?`,
      ),
    );
    expect(r.stdout).toContain('contracts: 1 problem');
  });

  it('keys of `properties` are names, not keywords, and `x-` keys are meant: no problem', async () => {
    const input = {
      type: 'object',
      properties: { minLenght: { type: 'integer' }, note: { type: 'string', 'x-minLenght': 3 } },
    };
    const r = await cli(['check'], tree({ [`${V2}/input.schema.json`]: input }));
    expect(r.stdout).toBe('contracts: valid — 1 endpoint, 2 versions, 1 consumer\n');
    expect(r.code).toBe(0);
  });

  it('a misspelt YAML field names the field once', async () => {
    const endpoint = (baseTree()['contracts/sync-customers/endpoint.yaml'] as string).replace(
      /owner: .*\n/,
      '',
    );
    const r = await cli(['check'], tree({ 'contracts/sync-customers/endpoint.yaml': endpoint }));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      'contracts/sync-customers/endpoint.yaml:1:1: `owner` is required and must be a GitHub team or user (e.g. "@acme/crm-team" or "@octocat")',
    );
  });
});
