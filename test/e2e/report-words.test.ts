/**
 * Issue 12, the policy's and the diff's words, end to end: the CLI as a process (test/helpers/cli-process.ts)
 * on real git repositories holding the example tree, as a PR author meets them. Each test asserts the exit
 * code and what the reader sees first: the verdict line, then the first error and its fix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { Outcome } from '../helpers/cli.js';
import { type Json, useExampleRepo } from './example-repo.js';

const V2 = 'contracts/sync-customers/v2';
const V3 = 'contracts/sync-customers/v3';
const EXPECTS = 'contracts/consumers/fixtures/slack-customer-lookup/sync-customers.expects.schema.json';

const ex = useExampleRepo();
const { example, breakingExample, newMajorExample, read, editJson, requireTenant, cg } = ex;

const diff = (...extra: string[]): Promise<Outcome> =>
  cg('diff', '--base', 'main', '--head', 'pr', '--root', 'contracts', ...extra);

/** The lines of a section of the text report (`Errors`, `sync-customers v3 (3.2.0)`, …). */
function section(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l === '');
  // An example value under a change (`e.g. this response …`) illustrates it; it is not a row.
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => !/^\s+e\.g\. /.test(l));
}

/** `[rule]` of each error line, in order. */
const errorRules = (out: string): string[] =>
  section(out, 'Errors')
    .filter((l) => / error: /.test(l))
    .map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1] ?? '?');

describe('item 3: every error in the first report, and what each way out needs', () => {
  it('a required field added inside v3: the break, the fixtures and the bump, all in the first report', async () => {
    breakingExample();
    const first = await diff();
    expect(first.code).toBe(1);
    expect(first.stdout.split('\n')[0]).toBe(
      '✖ contractguard: breaking change in sync-customers v3, 4 more policy errors — 1 breaking',
    );
    expect(errorRules(first.stdout)).toEqual([
      'breaking-change-in-existing-major',
      'consumer-contract-broken',
      'consumer-contract-broken',
      'consumer-contract-broken',
      'minor-bump-missing',
    ]);
    const [, fix] = section(first.stdout, 'Errors');
    expect(fix).toContain(
      '`contractguard new-version sync-customers --move --base main` copies v3 with this change to v4 and restores v3',
    );
    expect(fix).toMatch(
      /Approval alone won't pass: also bump version to 3\.3\.0 and update the fixtures of retool-ops-dashboard and slack-customer-lookup$/,
    );
  });

  it('approving the break takes away only the break: nothing new appears', async () => {
    breakingExample();
    const first = await diff();
    const approved = await diff('--approve', 'all=@acme/api-owners');
    expect(approved.code).toBe(1);
    expect(approved.stdout.split('\n')[0]).toBe('✖ contractguard: 4 policy errors — 1 breaking');
    const before = section(first.stdout, 'Errors').filter((l) => / error: /.test(l));
    const after = section(approved.stdout, 'Errors').filter((l) => / error: /.test(l));
    expect(after).toHaveLength(4);
    for (const line of after) expect(before).toContain(line);
  });
});

describe('item 5: one row per change', () => {
  it('a property removed from every anyOf branch is one row, and no two rows read the same at one line', async () => {
    example();
    const contact = (note: boolean) => ({
      anyOf: ['email', 'phone', 'slack'].map((kind) => ({
        type: 'object',
        required: note ? ['kind', 'note'] : ['kind'],
        properties: { kind: { const: kind }, ...(note ? { note: { type: 'string' } } : {}) },
      })),
    });
    const withContact = (note: boolean) =>
      editJson(`${V3}/output.schema.json`, (schema) => {
        schema.properties = { ...(schema.properties as Json), contact: contact(note) };
      });
    withContact(true);
    ex.repo.commit('contact on main');
    ex.repo.git('branch', '-f', 'main', 'HEAD');
    withContact(false);
    ex.repo.commit('note removed from every contact kind');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '✖ contractguard: breaking change in sync-customers v3, 1 more policy error — 1 breaking',
    );
    // One edit, one row: not one per branch, and not again as "no longer required".
    expect(section(r.stdout, 'sync-customers v3 (3.2.0)')).toEqual([
      expect.stringMatching(
        /output\.schema\.json \(base line \d+\): breaking \(blocking\): `contact\.note` \(all anyOf branches\) was removed; consumers that read it will get undefined\. \[property-removed\]$/,
      ),
    ]);
    const json = JSON.parse((await diff('--format', 'json')).stdout) as {
      versions: { changes: { message: string; fingerprint: string; position?: { line: number } }[] }[];
    };
    const changes = json.versions.flatMap((v) => v.changes);
    const seen = changes.map((c) => `${c.message}@${c.position?.line}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(changes.map((c) => c.fingerprint)).size).toBe(changes.length);
  });
});

describe('item 7: a new major says what changes for callers who move to it', () => {
  it('the same change as v4: the diff of v4 against v3, who must move and by when', async () => {
    const deadline = await newMajorExample();
    const r = await diff();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('✔ contractguard: no breaking changes (1 additive)');
    expect(section(r.stdout, 'sync-customers v4 (new, 4.0.0)')).toEqual([
      expect.stringMatching(/contract\.yaml:\d+:\d+: additive: New major v4; .*\[major-added\]$/),
      '  What changes for callers moving from v3 to v4 (1 breaking):',
      expect.stringMatching(
        /^ {4}contracts\/sync-customers\/v4\/input\.schema\.json:\d+:\d+: breaking: `tenantId` was added as a required property of the request; .*\[required-added\]$/,
      ),
      `  Consumers of v3 that must move to v4 by ${deadline}: retool-ops-dashboard (@acme/ops), slack-customer-lookup (@acme/support-tools).`,
    ]);
    const markdown = (await diff('--format', 'markdown')).stdout;
    expect(markdown).toContain('**What changes for callers moving from v3 to v4 (1 breaking):**');
  });
});

describe('item 8: the right fix for the situation', () => {
  it('a break in the deprecated v2 says to revert it, with the git command, not new-version', async () => {
    example();
    requireTenant(V2);
    ex.repo.commit('require tenantId in v2');
    const r = await diff();
    expect(r.code).toBe(1);
    const [error, fix] = section(r.stdout, 'Errors');
    expect(error).toMatch(/error: breaking change in deprecated major v2 of sync-customers — revert it/);
    expect(fix).toContain(
      'v2 is deprecated (replaced by v3): revert this change (`git checkout main -- contracts/sync-customers/v2/input.schema.json`)',
    );
    expect(fix).not.toContain('new-version');
  });

  it('new-version after an uncommitted edit of v3 writes nothing and offers --move, with the git command', async () => {
    example();
    requireTenant(V3);
    const r = await cg('new-version', 'sync-customers', '--root', 'contracts');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'v3 of sync-customers has changes against HEAD: input.schema.json. Nothing was written; say where they belong:',
    );
    expect(r.stderr).toContain(`  git checkout HEAD -- ${V3}/input.schema.json`);
    expect(existsSync(join(ex.repo.dir, 'contracts/sync-customers/v4'))).toBe(false);
  });

  it('new-version --move --base main moves the branch change of v3 into v4 and restores v3; the PR then passes', async () => {
    example();
    const original = read(`${V3}/input.schema.json`);
    requireTenant(V3);
    ex.repo.commit('require tenantId in v3');
    const moved = await cg(
      'new-version',
      'sync-customers',
      '--root',
      'contracts',
      '--base',
      'main',
      '--move',
    );
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`  git checkout main -- ${V3}/input.schema.json`);
    expect(read(`${V3}/input.schema.json`)).toBe(original);
    expect(read('contracts/sync-customers/v4/input.schema.json')).toContain('tenantId');
    ex.repo.commit('moved to v4');
    const r = await diff();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('✔ contractguard: no breaking changes (1 additive)');
  });
});

describe('item 10: consumer problems in consumer words', () => {
  it('an expects naming a field the output never declared says so, and where to fix it', async () => {
    example();
    editJson(EXPECTS, (schema) => {
      const items = (schema.properties as Record<string, Json>).customers?.items as Json;
      items.properties = { ...(items.properties as Json), language: { type: 'string' } };
      items.required = [...(items.required as string[]), 'language'];
    });
    ex.repo.commit('slack-customer-lookup expects language');
    const r = await diff();
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('✖ contractguard: 2 policy errors — no contract changes');
    const [error, fix, second, secondFix] = section(r.stdout, 'Errors');
    expect(error).toMatch(
      /^ {2}contracts\/consumers\/fixtures\/slack-customer-lookup\/sync-customers\.expects\.schema\.json:(\d+):\d+: error: slack-customer-lookup expects `customers\[\]\.language`, which sync-customers v3 output does not declare \[consumer-contract-broken\]$/,
    );
    const line = /expects\.schema\.json:(\d+):/.exec(error ?? '')?.[1];
    expect(fix).toBe(
      `    fix: fix sync-customers.expects.schema.json:${line}: drop the field from slack-customer-lookup's \`expects\` if it does not read it; if it does, sync-customers v3 has to declare it in its output first (ask @acme/crm-team)`,
    );
    // Its own recorded response lacks the field too: the consumer's two files disagree.
    expect(second).toMatch(
      /sync-customers\.response\.json:\d+:\d+: error: slack-customer-lookup's recorded response sync-customers\.response\.json does not match its own `expects` schema: `customers\[0\]` is missing required property `language`/,
    );
    expect(secondFix).toMatch(
      /recorded response and its `expects` disagree: fix sync-customers\.response\.json:\d+ or/,
    );
    expect(r.stdout).not.toMatch(/was removed|relies on/);
  });
});

describe('item 12: every change reported', () => {
  it('an owner change in endpoint.yaml and description edits: reported as `none`, folded in the comment', async () => {
    example();
    ex.repo.write({
      'contracts/sync-customers/endpoint.yaml': read('contracts/sync-customers/endpoint.yaml').replace(
        "owner: '@acme/crm-team'",
        "owner: '@acme/crm-platform'",
      ),
    });
    editJson(`${V3}/input.schema.json`, (schema) => {
      (schema.properties as Record<string, Json>).dryRun = {
        ...(schema.properties as Record<string, Json>).dryRun,
        description: 'Only compute what would change; nothing is written.',
      };
    });
    ex.repo.commit('new owner, clearer dryRun');
    const r = await diff();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '✔ contractguard: no changes in meaning (2 with no effect on meaning)',
    );
    expect(section(r.stdout, 'sync-customers v3 (3.2.0)')).toEqual([
      expect.stringMatching(
        /^ {2}contracts\/sync-customers\/endpoint\.yaml:7:8: none: The owner of sync-customers in endpoint\.yaml changed from @acme\/crm-team to @acme\/crm-platform; .*\[endpoint-owner-changed\]$/,
      ),
      expect.stringMatching(
        /^ {2}contracts\/sync-customers\/v3\/input\.schema\.json:\d+:\d+: none: The description of `dryRun` changed\. \[description-changed\]$/,
      ),
    ]);
    const markdown = (await diff('--format', 'markdown')).stdout;
    expect(markdown).toContain('<details><summary>2 changes with no effect on meaning</summary>');
    expect(markdown).toContain('The description of `dryRun` changed.');
  });
});
