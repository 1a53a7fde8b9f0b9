/**
 * Issue 12, the PR comment end to end (items 4, 6 and 7): `contractguard diff --format markdown` — the
 * Markdown the bot posts and the Action writes to its summary — as a process (test/helpers/cli-process.ts) on
 * real git repositories holding the example tree. Each test asserts the exit code and what the reader sees
 * first: the verdict line, then one block per endpoint major, failing ones first.
 */
import { describe, expect, it } from 'vitest';

import type { Outcome } from '../helpers/cli.js';
import { type Json, useExampleRepo } from './example-repo.js';

const V3 = 'contracts/sync-customers/v3';

const ex = useExampleRepo();
const { example, breakingExample, newMajorExample, edit, editJson, requireTenant, cg } = ex;

/** The properties of one synced customer in sync-customers v3's response. */
function syncedCustomer(schema: Json): Json {
  const defs = schema.$defs as Record<string, { allOf: Json[] }>;
  return (defs.SyncedCustomer?.allOf[1] as Json).properties as Json;
}

const comment = (...extra: string[]): Promise<Outcome> =>
  cg('diff', '--base', 'main', '--head', 'pr', '--root', 'contracts', '--format', 'markdown', ...extra);

/** `#### ` headings, in order. */
const headings = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('#### '));

/** One block of the comment: from its `#### ` heading to the next heading. */
function block(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no block ${heading} in:\n${md}`);
  const end = lines.findIndex((l, i) => i > start && /^#{3,4} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The table rows of a piece of Markdown (not the header or its separator). */
const rows = (md: string): string[] =>
  md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));

/** The fingerprint cell of a row (the second). */
const fingerprintCell = (row: string): string => row.slice(2, -2).split(' | ')[1] ?? '';

describe('item 6: the comment leads with what matters', () => {
  it('a breaking PR: the verdict, then the failing block — its table, the one fix, the fixtures folded in', async () => {
    breakingExample();
    const r = await comment();
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md.split('\n')[0]).toMatch(/^### ❌ contractguard: breaking change in sync-customers v3/);
    expect(headings(md)[0]).toBe('#### ❌ sync-customers v3 (3.2.0)');
    const v3 = block(md, '#### ❌ sync-customers v3 (3.2.0)');
    expect(v3.split('\n').find((l) => l.startsWith('| Severity'))).toBe(
      '| Severity | Fingerprint | Where | What changed |',
    );
    const [row, ...more] = rows(v3);
    expect(more).toEqual([]);
    expect(row).toMatch(
      /^\| ❌ \*\*breaking\*\* \| `[0-9a-f]{12}` \| `input\.schema\.json:\d+` \| `tenantId` was added as a required/,
    );
    expect(row).toContain(
      '— breaks: retool-ops-dashboard (@acme/ops), slack-customer-lookup (@acme/support-tools)',
    );
    expect(fingerprintCell(row ?? '')).toMatch(/^`[0-9a-f]{12}`$/);
    // One fix for the block, naming everything an approval alone would leave failing.
    expect(v3.match(/\*\*Fix:\*\*/g)).toHaveLength(1);
    const fix = v3.split('\n').find((l) => l.startsWith('**Fix:**')) ?? '';
    expect(fix).toContain('contractguard new-version sync-customers');
    expect(fix).toMatch(
      /Approval alone won't pass: also bump version to 3\.3\.0 and update the fixtures of /,
    );
    // The fixtures it breaks, folded, after the fix; the table first.
    const fixtures = v3.indexOf('<details><summary>❌ ');
    expect(v3.slice(fixtures)).toMatch(
      /^<details><summary>❌ \d+ consumer fixtures fail against this version: retool-ops-dashboard \(2\) and slack-customer-lookup<\/summary>/,
    );
    expect(v3.indexOf('| Severity')).toBeLessThan(v3.indexOf('**Fix:**'));
    expect(v3.indexOf('**Fix:**')).toBeLessThan(fixtures);
    expect(v3.slice(fixtures)).toMatch(/request-resync\.json:1` — .*`tenantId`/);
    // Nothing about the break comes before its block.
    expect(md.indexOf('#### Errors')).toBe(-1);
  });

  it('failing blocks come first, each version once, whatever the names', async () => {
    example();
    requireTenant(V3);
    editJson('contracts/enrich-events/v1/output.schema.json', (schema) => {
      const defs = schema.$defs as Record<string, Json>;
      (defs.Base?.properties as Json).receivedAt = { type: 'string' };
    });
    edit('contracts/enrich-events/v1/contract.yaml', 'version: 1.3.0', 'version: 1.4.0');
    ex.repo.commit('two endpoints');
    const r = await comment();
    expect(r.code).toBe(1);
    const versions = headings(r.stdout).filter((h) => / v\d+ \(/.test(h));
    expect(versions).toEqual(['#### ❌ sync-customers v3 (3.2.0)', '#### enrich-events v1 (1.3.0 → 1.4.0)']);
  });

  it('a dangerous change names who reads what it changes; "breaks" only for breaking ones', async () => {
    example();
    editJson(`${V3}/output.schema.json`, (schema) => {
      const properties = schema.properties as Record<string, Json>;
      (properties.nextCursor as Json).writeOnly = true;
    });
    edit(`${V3}/contract.yaml`, 'version: 3.2.0', 'version: 3.3.0');
    ex.repo.commit('nextCursor write-only');
    const r = await comment();
    const dangerous = rows(r.stdout).filter((l) => l.startsWith('| ⚠️ dangerous'));
    expect(dangerous).toHaveLength(1);
    expect(dangerous[0]).toContain('— read by: retool-ops-dashboard (@acme/ops)');
    expect(r.stdout).not.toContain('breaks:');
  });

  it('more than ten rows in a version: ten open, the rest folded into <details>', async () => {
    example();
    editJson(`${V3}/output.schema.json`, (schema) => {
      const properties = syncedCustomer(schema);
      for (let i = 1; i <= 12; i++) properties[`extra${i}`] = { type: 'string' };
    });
    edit(`${V3}/contract.yaml`, 'version: 3.2.0', 'version: 3.3.0');
    ex.repo.commit('twelve new response fields');
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('### ✅ contractguard: no breaking changes (12 additive)');
    const v3 = block(r.stdout, '#### sync-customers v3 (3.2.0 → 3.3.0)');
    const open = v3.slice(0, v3.indexOf('<details>'));
    expect(rows(open)).toHaveLength(10);
    const folded = v3.slice(v3.indexOf('<details>'));
    expect(folded).toMatch(/^<details><summary>2 more changes \(2 additive changes\)<\/summary>/);
    expect(rows(folded)).toHaveLength(2);
    for (const row of rows(v3)) expect(fingerprintCell(row)).toMatch(/^`[0-9a-f]{12}`$/);
  });
});

describe('item 4: approvals say what they cover and what still blocks', () => {
  it('approve all on a break that also needs a bump and fixtures: covers the change, the rest still blocks', async () => {
    breakingExample();
    const before = await comment();
    const row = rows(block(before.stdout, '#### ❌ sync-customers v3 (3.2.0)'))[0] ?? '';
    const fingerprint = fingerprintCell(row).replace(/`/g, '');
    const r = await comment('--approve', 'all=alice');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^### ❌ contractguard: /);
    const approvals = block(r.stdout, '#### Approvals');
    expect(approvals).toContain(
      `- @alice approved all breaking changes — covers 1 change: \`${fingerprint}\` (sync-customers v3, input /required)`,
    );
    expect(approvals).toMatch(
      /<br>Still blocking after it: the contract of sync-customers v3 changed but .*bump version to 3\.3\.0; \d+ consumer fixtures fail \(retool-ops-dashboard and slack-customer-lookup\): no approval lifts them\./,
    );
    expect(rows(r.stdout)[0]).toContain('✅ approved by @alice');
  });

  it('the terminal report says the same under Approvals', async () => {
    breakingExample();
    const r = await cg(
      'diff',
      '--base',
      'main',
      '--head',
      'pr',
      '--root',
      'contracts',
      '--approve',
      'all=alice',
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Approvals');
    expect(lines[at + 1]).toMatch(
      /^ {2}@alice approved all breaking changes — covers 1 change: `[0-9a-f]{12}` \(sync-customers v3, input \/required\)$/,
    );
    expect(lines[at + 2]).toMatch(
      /^ {4}Still blocking after it: .*bump version to 3\.3\.0; \d+ consumer fixtures fail/,
    );
  });

  it('an approval that leaves nothing else: says so, and the check passes', async () => {
    example();
    // A response field no registered consumer reads: breaking, but no fixture or `expects` fails.
    editJson(`${V3}/output.schema.json`, (schema) => {
      delete (schema.properties as Json).dryRun;
      schema.required = (schema.required as string[]).filter((name) => name !== 'dryRun');
    });
    edit(`${V3}/contract.yaml`, 'version: 3.2.0', 'version: 3.3.0');
    ex.repo.commit('dryRun no longer in the response');
    const before = await comment();
    expect(before.code).toBe(1);
    const fingerprint = fingerprintCell(rows(before.stdout)[0] ?? '').replace(/`/g, '');
    const r = await comment('--approve', `${fingerprint}=bob`);
    expect(r.code).toBe(0);
    const approvals = block(r.stdout, '#### Approvals');
    expect(approvals).toContain(
      `- @bob approved \`property-removed\` in sync-customers v3 (output /properties/dryRun) — covers \`${fingerprint}\``,
    );
    expect(approvals).toContain('<br>Nothing else blocks sync-customers v3.');
  });
});

describe('item 7: a new major says what changes for callers who migrate', () => {
  it('v4 with a new required field: the diff against v3, who must move and by when', async () => {
    const deadline = await newMajorExample();
    expect(deadline).toBeDefined();
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^### ✅ contractguard: /);
    const v4 = block(r.stdout, '#### sync-customers v4 (new, 4.0.0)');
    const lead = '**What changes for callers moving from v3 to v4 (1 breaking):**';
    expect(v4).toContain(lead);
    const migration = v4.slice(v4.indexOf(lead));
    const [row] = rows(migration);
    expect(row).toMatch(
      /^\| \*\*breaking\*\* \| `[0-9a-f]{12}` \| `input\.schema\.json:\d+` \| `tenantId` was added as a required/,
    );
    expect(row).toContain(
      '— breaks: retool-ops-dashboard (@acme/ops), slack-customer-lookup (@acme/support-tools)',
    );
    expect(fingerprintCell(row ?? '')).toMatch(/^`[0-9a-f]{12}`$/);
    expect(migration).toContain(
      `Consumers of v3 that must move to v4 by ${deadline}: retool-ops-dashboard (@acme/ops), slack-customer-lookup (@acme/support-tools).`,
    );
  });
});
