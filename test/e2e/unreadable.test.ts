/**
 * Issue 12 item 2, through the CLI as a process on real repositories: a version (or endpoint) whose files
 * cannot be read is told first, at the file and line of the mistake, in plain words — and nothing is
 * concluded from its absence: no dangling alias, no consumer on a missing major, no removal. The rest of the
 * tree is still compared.
 */

import { afterEach, describe, expect, it } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import { baseTree, Repo } from './helpers.js';

let repo: Repo | undefined;

const cli = useBundledCli();
afterEach(() => repo?.cleanup());

const V1 = 'contracts/sync-customers/v1';
const V2 = 'contracts/sync-customers/v2';
const contractV2 = baseTree()[`${V2}/contract.yaml`] as string;

/**
 * main: the base tree; pr: `v2/contract.yaml` replaced by `broken`, and an additive change with its minor
 * bump in v1 — a change elsewhere in the same endpoint, which must still be reported.
 */
function prWith(files: Record<string, unknown>): string {
  repo = new Repo();
  repo.write(baseTree()).commit('base');
  repo.git('checkout', '-qb', 'pr');
  const output = structuredClone(baseTree()[`${V1}/output.schema.json`]) as {
    properties: Record<string, unknown>;
  };
  output.properties.segment = { type: 'string' };
  repo
    .write({
      [`${V1}/output.schema.json`]: output,
      [`${V1}/contract.yaml`]: (baseTree()[`${V1}/contract.yaml`] as string).replace(
        'version: 1.1.0',
        'version: 1.2.0',
      ),
      ...files,
    })
    .commit('the change');
  return repo.dir;
}

const diff = (dir: string, ...extra: string[]) =>
  cli(['diff', '--base', 'main', '--head', 'pr', ...extra], dir);

/** The report's lines after the headline and the `compared …` line, blank lines dropped. */
const body = (stdout: string): string[] =>
  stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '');

/** Nothing in the report is derived from the unreadable v2 being absent. */
function nothingFromAbsence(stdout: string): void {
  expect(stdout).not.toMatch(/alias/i);
  expect(stdout).not.toMatch(/does not exist/);
  expect(stdout).not.toMatch(/removed/);
  expect(stdout).not.toMatch(/ops-dashboard/);
  expect(stdout).not.toMatch(/no contract changes/);
}

describe('an unreadable version is told first, and nothing is concluded from its absence', () => {
  it('a misspelt field: the field at its line, with the right spelling', async () => {
    const r = await diff(
      prWith({ [`${V2}/contract.yaml`]: contractV2.replace('sideEffects:', 'sideEffect:') }),
    );
    expect(r.code).toBe(1);
    const line = contractV2.split('\n').indexOf('sideEffects:') + 1;
    expect(r.stdout.split('\n')[0]).toBe('✖ contractguard: sync-customers v2 cannot be read — 1 additive');
    expect(body(r.stdout).slice(0, 2)).toEqual([
      'sync-customers v2 cannot be read — fix this first; until then its changes are not compared',
      `  ${V2}/contract.yaml:${line}:1: error: unknown field \`sideEffect\`; did you mean \`sideEffects\`?`,
    ]);
    nothingFromAbsence(r.stdout);
  });

  it('the rest of the tree is still compared: the change in v1 is reported', async () => {
    const r = await diff(
      prWith({ [`${V2}/contract.yaml`]: contractV2.replace('sideEffects:', 'sideEffect:') }),
    );
    expect(r.stdout).toContain('sync-customers v1 (1.1.0 → 1.2.0)');
    expect(r.stdout).toMatch(/additive: `segment` was added/);
  });

  it('malformed YAML: the line of the mis-indented key, and what its siblings use', async () => {
    const broken = contractV2.replace('  idempotent: true', '   idempotent: true');
    const r = await diff(prWith({ [`${V2}/contract.yaml`]: broken }));
    expect(r.code).toBe(1);
    const line = broken.split('\n').indexOf('   idempotent: true') + 1;
    expect(body(r.stdout)[1]).toBe(
      `  ${V2}/contract.yaml:${line}:4: error: invalid YAML: \`idempotent\` is indented 3 spaces, but its siblings use 2 (line ${line - 1}): keys of one mapping start at the same column`,
    );
    nothingFromAbsence(r.stdout);
  });

  it('a $ref to a file that is not there: the ref at its line, and the file it probably meant', async () => {
    const broken = contractV2.replace('./input.schema.json', './inptu.schema.json');
    const r = await diff(prWith({ [`${V2}/contract.yaml`]: broken }));
    expect(r.code).toBe(1);
    const line = broken.split('\n').findIndex((l) => l.startsWith('input:')) + 1;
    expect(body(r.stdout)[1]).toMatch(
      new RegExp(
        `^  ${V2}/contract\\.yaml:${line}:\\d+: error: \`input\`: cannot read \\$ref '\\./inptu\\.schema\\.json'.*did you mean \`input\\.schema\\.json\`\\?`,
      ),
    );
    nothingFromAbsence(r.stdout);
  });

  it('a date that is not written YYYY-MM-DD', async () => {
    const broken = contractV2.replace(
      'status: active',
      'status: deprecated\ndeprecation: { date: 31.12.2099 }',
    );
    const r = await diff(prWith({ [`${V2}/contract.yaml`]: broken }));
    expect(r.code).toBe(1);
    expect(body(r.stdout)[0]).toBe(
      'sync-customers v2 cannot be read — fix this first; until then its changes are not compared',
    );
    expect(body(r.stdout)[1]).toMatch(/`deprecation\.date` must be a date/);
    nothingFromAbsence(r.stdout);
  });

  it('an unreadable endpoint.yaml: no alias moves and no removals of its majors', async () => {
    const endpoint = baseTree()['contracts/sync-customers/endpoint.yaml'] as string;
    const r = await diff(
      prWith({ 'contracts/sync-customers/endpoint.yaml': endpoint.replace(/owner: .*\n/, '') }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ contractguard: sync-customers cannot be read — /);
    expect(body(r.stdout)[0]).toBe(
      'sync-customers cannot be read — fix this first; until then none of its majors is compared',
    );
    expect(body(r.stdout)[1]).toMatch(/endpoint\.yaml:1:1: error: `owner` is required/);
    expect(r.stdout).not.toMatch(/`owner` `owner`/);
    nothingFromAbsence(r.stdout);
  });

  it('the PR comment (markdown) leads with it too', async () => {
    const r = await diff(
      prWith({ [`${V2}/contract.yaml`]: contractV2.replace('sideEffects:', 'sideEffect:') }),
      '--format',
      'markdown',
    );
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('###'));
    expect(headings[0]).toBe('### ❌ contractguard: sync-customers v2 cannot be read — 1 additive');
    expect(headings[1]).toBe(
      '#### sync-customers v2 cannot be read — fix this first; until then its changes are not compared',
    );
  });
});
