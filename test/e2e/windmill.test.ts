/**
 * Issue 15 "Done when", through the bundled CLI on real git repositories: a `wmill sync` workspace (the one
 * in examples/windmill/) with no hand-written input schema, `init --from-windmill`, `check`, then PRs that
 * edit the script, its HTTP trigger and its schedule, judged by `diff`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

import { runWindmillDemo, WINDMILL_EXPECTED_CODE } from '../../scripts/demo-runs.js';
import { useBundledCli } from '../helpers/cli-process.js';
import { Repo } from './helpers.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/windmill/', import.meta.url));
const SCRIPT = 'f/crm/sync_customers.script.yaml';
const TRIGGER = 'f/crm/sync_customers.http_trigger.yaml';
const SCHEDULE = 'f/ops/hourly_sync.schedule.yaml';
const CONTRACT = 'contracts/sync-customers/v1/contract.yaml';

const cli = useBundledCli();
let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

/** The example workspace's Windmill files (not its contracts), as `wmill sync pull` writes them. */
function workspaceFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const rel = relative(EXAMPLE, abs).split('\\').join('/');
      if (rel === 'contracts') continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else out[rel] = readFileSync(abs, 'utf8');
    }
  };
  walk(EXAMPLE);
  return out;
}

const original = (file: string): string => workspaceFiles()[file] as string;

/** A repository with the workspace and the contracts `init --from-windmill` wrote, committed on main; on a PR branch. */
async function initialised(): Promise<Repo> {
  repo = new Repo();
  repo.write(workspaceFiles());
  const init = await cli(['init', '--from-windmill', '.', '--owner', '@acme/crm-team'], repo.dir);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  repo.commit('workspace and contracts');
  repo.git('checkout', '-qb', 'pr');
  return repo;
}

const diff = (r: Repo) => cli(['diff', '--base', 'main'], r.dir);

/** On an initialised repository, commits `file` of the workspace with `from` replaced by `to`, then diffs. */
async function diffEditing(file: string, from: string, to: string, message: string) {
  const r = await initialised();
  const text = original(file).replace(from, to);
  r.write({ [file]: text }).commit(message);
  return { text, result: await diff(r) };
}

function lineOf(file: string, text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

describe('init --from-windmill', () => {
  it('writes one endpoint per script, named after the script file, that check accepts', async () => {
    repo = new Repo();
    repo.write(workspaceFiles());
    const init = await cli(['init', '--from-windmill', '.', '--owner', '@acme/crm-team'], repo.dir);
    expect(init.code).toBe(0);
    expect(init.stdout.split('\n')[0]).toBe(
      'Created 2 files under contracts/ (each contract reads its Windmill script):',
    );
    expect(init.stdout).toContain('  sync-customers  f/crm/sync_customers');
    expect(init.stdout).toContain('Next steps:');
    const contract = readFileSync(join(repo.dir, CONTRACT), 'utf8');
    expect(contract).toContain('input: { windmill: f/crm/sync_customers }');
    expect(contract).toContain("owner: '@acme/crm-team'");
    const check = await cli(['check'], repo.dir);
    expect(check.stdout).toBe('contracts: valid — 1 endpoint, 1 version, 3 consumers\n');
    expect(check.code).toBe(0);
  });

  it('writes the same contracts as the example tree', async () => {
    repo = new Repo();
    repo.write(workspaceFiles());
    await cli(['init', '--from-windmill', '.', '--owner', '@acme/crm-team'], repo.dir);
    for (const file of ['contracts/sync-customers/endpoint.yaml', CONTRACT]) {
      expect(readFileSync(join(repo.dir, file), 'utf8'), file).toBe(
        readFileSync(join(EXAMPLE, file), 'utf8'),
      );
    }
  });

  it('without --owner, check asks for the owner', async () => {
    repo = new Repo();
    repo.write(workspaceFiles());
    const init = await cli(['init', '--from-windmill'], repo.dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('set `owner` in each endpoint.yaml and contract.yaml');
    const check = await cli(['check'], repo.dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${CONTRACT}:`);
    expect(check.stdout).toContain('set `owner` to the GitHub team or user that owns f/crm/sync_customers');
  });
});

describe('diff of a Windmill-backed contract', () => {
  it('a new required argument fails as breaking and names the flow and the schedule that call without it', async () => {
    const r = await initialised();
    const script = original(SCRIPT)
      .replace('    - dry_run\n  properties:', '    - dry_run\n    - region\n  properties:')
      .replace(
        '  required:\n    - customer_ids',
        '    region:\n      type: string\n  required:\n    - customer_ids\n    - region',
      );
    r.write({ [SCRIPT]: script }).commit('region is required');
    const result = await diff(r);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^✖ contractguard: breaking change in sync-customers v1/);
    expect(result.stdout).toContain('flow f/ops/nightly_sync');
    expect(result.stdout).toContain('schedule f/ops/hourly_sync');
    expect(result.stdout).toContain(`${SCRIPT}:${lineOf(SCRIPT, script, '  required:')}`);
    expect(result.stdout).toContain(
      `${SCHEDULE}:6:1: error: schedule f/ops/hourly_sync passes arguments that are not valid sync-customers v1 input: \`region\` is required and not passed`,
    );
    expect(result.stdout).toContain(
      'error: step sync of flow f/ops/nightly_sync passes arguments that are not valid sync-customers v1 input: `region` is required and not passed (`customer_ids` is given by an expression: not checked)',
    );
  });

  it("proves a new required argument with the schedule's own args, which the old script accepted", async () => {
    const r = await initialised();
    const script = original(SCRIPT).replace(
      '  required:\n    - customer_ids',
      '    region:\n      type: string\n  required:\n    - customer_ids\n    - region',
    );
    r.write({ [SCRIPT]: script }).commit('region is required');
    const result = await diff(r);
    expect(result.stdout).toContain(
      "e.g. schedule f/ops/hourly_sync's recorded request hourly_sync.schedule.yaml was accepted before and is " +
        'rejected now: `{"customer_ids":[],"dry_run":false}`',
    );
  });

  it('an optional argument with a default and a minor bump passes', async () => {
    const r = await initialised();
    const script = original(SCRIPT).replace(
      '  required:',
      '    batch_size:\n      type: integer\n      default: 100\n  required:',
    );
    r.write({
      [SCRIPT]: script,
      [CONTRACT]: readFileSync(join(r.dir, CONTRACT), 'utf8').replace('version: 1.0.0', 'version: 1.1.0'),
    }).commit('batch_size');
    const result = await diff(r);
    expect(result.stdout).toMatch(/^✔ contractguard/);
    expect(result.code).toBe(0);
  });

  it('says once per version, in text and markdown, that output is not checked (no output schema)', async () => {
    const r = await initialised();
    r.write({
      [SCRIPT]: original(SCRIPT).replace('timeout: 300', 'timeout: 600'),
      [CONTRACT]: readFileSync(join(r.dir, CONTRACT), 'utf8').replace('version: 1.0.0', 'version: 1.1.0'),
    }).commit('longer timeout');
    const note = 'Output not checked: no output schema (Windmill scripts declare none).';
    const text = await diff(r);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter((l) => l.includes('Output not checked'))).toEqual([`  ${note}`]);
    const markdown = await cli(['diff', '--base', 'main', '--format', 'markdown'], r.dir);
    expect(markdown.stdout.match(/Output not checked/g)).toHaveLength(1);
    expect(markdown.stdout).toContain(`_${note}_`);
  });

  it("Windmill's argument order is presentation: reordering it changes nothing", async () => {
    const { result } = await diffEditing(
      SCRIPT,
      '    - customer_ids\n    - dry_run',
      '    - dry_run\n    - customer_ids',
      'order',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('order');
  });

  it('a shorter timeout fails at the timeout line of the script metadata', async () => {
    const { text: script, result } = await diffEditing(SCRIPT, 'timeout: 300', 'timeout: 60', 'timeout 60 s');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('timeout-decreased');
    expect(result.stdout).toContain('from 300000 ms to 60000 ms');
    expect(result.stdout).toContain(`${SCRIPT}:${lineOf(SCRIPT, script, 'timeout:')}`);
  });

  it("an HTTP trigger's authentication change fails at the trigger", async () => {
    const { text: trigger, result } = await diffEditing(
      TRIGGER,
      'authentication_method: api_key',
      'authentication_method: basic_http',
      'basic auth',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('auth-scheme-changed');
    // Schedules and flows run the script directly: an authentication change does not reach them.
    expect(result.stdout).toContain(
      '(breaks: HTTP trigger f/crm/sync_customers (@acme/crm-team)) [auth-scheme-changed]',
    );
    expect(result.stdout).toContain(`${TRIGGER}:${lineOf(TRIGGER, trigger, 'authentication_method')}`);
  });

  it('a schedule whose args the script rejects fails at that schedule', async () => {
    const { text: schedule, result } = await diffEditing(
      SCHEDULE,
      '  customer_ids: []',
      "  customer_ids: 'c-1'",
      'a string where a list goes',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${SCHEDULE}:${lineOf(SCHEDULE, schedule, 'customer_ids')}`);
    expect(result.stdout).toContain('schedule f/ops/hourly_sync passes arguments that are not valid');
  });
});

describe('new-version of a Windmill-backed endpoint', () => {
  it('copies the script to a new path, writes the contract reading it, and deprecates the old major', async () => {
    const r = await initialised();
    const result = await cli(['new-version', 'sync-customers'], r.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  + f/crm/sync_customers_v2.script.yaml');
    expect(result.stdout).toContain('  + f/crm/sync_customers_v2.py');
    expect(result.stdout).toContain('reads the Windmill script f/crm/sync_customers_v2');
    expect(readFileSync(join(r.dir, 'f/crm/sync_customers_v2.py'), 'utf8')).toBe(
      original('f/crm/sync_customers.py'),
    );
    const v2 = readFileSync(join(r.dir, 'contracts/sync-customers/v2/contract.yaml'), 'utf8');
    expect(v2).toContain('input: { windmill: f/crm/sync_customers_v2 }');
    expect(v2).toContain('version: 2.0.0');
    expect(readFileSync(join(r.dir, CONTRACT), 'utf8')).toMatch(
      /deprecation: \{ date: .*, replacement: 2 \}/,
    );
    const check = await cli(['check'], r.dir);
    expect(check.stdout).toBe('contracts: valid — 1 endpoint, 2 versions, 3 consumers\n');
    expect(check.code).toBe(0);
  });
});

describe('a breaking change made in the script, moved to a new major', () => {
  it('new-version --move copies the changed script to v2, restores v1 from base, and diff passes', async () => {
    const r = await initialised();
    const required = original(SCRIPT).replace(
      '  required:\n    - customer_ids',
      '    region:\n      type: string\n  required:\n    - customer_ids\n    - region',
    );
    r.write({ [SCRIPT]: required });
    const asked = await cli(['new-version', 'sync-customers', '--base', 'main'], r.dir);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(`v1 of sync-customers has changes against main: ${SCRIPT}.`);
    const moved = await cli(['new-version', 'sync-customers', '--move', '--base', 'main'], r.dir);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(readFileSync(join(r.dir, 'f/crm/sync_customers_v2.script.yaml'), 'utf8')).toBe(required);
    expect(readFileSync(join(r.dir, SCRIPT), 'utf8')).toBe(original(SCRIPT));
    r.commit('v2 requires region');
    const result = await diff(r);
    expect(result.stdout).toMatch(/^✔ contractguard/);
    expect(result.code).toBe(0);
  });
});

describe('npm run demo, Windmill run', () => {
  it('fails the PR adding a required argument and names the flow and the schedule by name', async () => {
    const run = await runWindmillDemo();
    expect(run.code).toBe(WINDMILL_EXPECTED_CODE);
    expect(run.output.split('\n')[0]).toMatch(/^✖ contractguard: breaking change in sync-customers v1/);
    expect(run.output).toContain(
      '(breaks: HTTP trigger f/crm/sync_customers (@acme/crm-team), schedule f/ops/hourly_sync',
    );
    expect(run.output).toContain('flow f/ops/nightly_sync (@acme/crm-team))');
  });
});
