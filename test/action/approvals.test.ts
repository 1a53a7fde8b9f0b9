/**
 * The approve label, end to end: who applied it last (the PR's issue events, every page), and whether they
 * may approve (repository role, or ownership of the endpoint through a team).
 */
import { describe, expect, it } from 'vitest';

import { bumpV2, type LabelEvent, requireTenant, useActionTestbed } from './harness.js';

const LABEL = 'contractguard: breaking-approved';
const bed = useActionTestbed();

const labelled = (login: string): LabelEvent => ({
  event: 'labeled',
  label: { name: LABEL },
  actor: { login },
});
const other = (event: string, login: string): LabelEvent => ({ event, actor: { login } });

/** A PR that breaks v2, with the approve label on it. */
async function run(events: LabelEvent[]) {
  // A break in v2, with the minor bump an approved break still needs.
  const pr = bed.pullRequest({ ...requireTenant(), ...bumpV2() }, { message: 'break v2' });
  bed.api.events = events;
  return bed.runOnPullRequest(pr, {
    inputs: { comment: 'false' },
    event: { labels: ['enhancement', LABEL], action: 'labeled' },
  });
}

describe('the approve label', () => {
  it('from an admin (the last to apply it, on page 2 of the events) approves: the check passes', async () => {
    bed.api.permissions = { alice: 'admin', bob: 'write' };
    const result = await run([
      other('referenced', 'bob'),
      labelled('bob'),
      other('unlabeled', 'bob'),
      other('head_ref_force_pushed', 'bob'),
      labelled('alice'),
    ]);

    expect(result.code).toBe(0);
    const pages = bed.api.requests.filter((r) => r.path === '/repos/acme/api/issues/7/events');
    expect(pages).toHaveLength(2);
    expect(bed.api.requests.map((r) => r.path)).toContain('/repos/acme/api/collaborators/alice/permission');
    expect(result.summary).toMatch(/^### ✅ contractguard: passed: breaking change approved by @alice/);
    expect(result.summary).toContain('approved by @alice ("applied the label as an admin of acme/api")');
    // The change stays listed, marked approved.
    expect(result.summary).toMatch(/tenantId.*✅ approved by @alice/);
    expect(result.stdout).toContain('Approval: @alice applied the label as an admin of acme/api.');
    expect(result.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(result.outputs).toMatchObject({ verdict: 'breaking', breaking: '1' });
  });

  it('from someone who is not a collaborator does not count: the check fails and says who and why', async () => {
    const result = await run([labelled('mallory')]);

    expect(result.code).toBe(1);
    const why =
      'the approval by @mallory does not count: they applied the label "contractguard: breaking-approved" but are ' +
      'not a collaborator of acme/api and not the owner of sync-customers (owner @acme/crm-team)';
    expect(result.summary).toContain(why);
    expect(result.stdout).toContain('::warning::The label "contractguard: breaking-approved" does not count');
    expect(result.summary).toMatch(/^### ❌ contractguard: breaking change in sync-customers v2/);
    const report = JSON.parse(result.outputs['report-json:content'] ?? '') as {
      findings: { rule: string; level: string; message: string }[];
    };
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'approval-not-counted', level: 'warning', message: why }),
    );
  });

  it('from a member of the team that owns the endpoint (in base) approves', async () => {
    bed.api.permissions = { carol: 'write' };
    bed.api.teams = { 'acme/crm-team': ['carol'] };
    const result = await run([labelled('carol')]);

    expect(result.code).toBe(0);
    expect(bed.api.requests.map((r) => r.path)).toContain('/orgs/acme/teams/crm-team/memberships/carol');
    expect(result.summary).toContain(
      'approved by @carol ("applied the label as the owner of sync-customers")',
    );
  });

  it('from a writer outside the owning team does not count', async () => {
    bed.api.permissions = { dave: 'write' };
    bed.api.teams = { 'acme/crm-team': ['carol'] };
    const result = await run([labelled('dave')]);

    expect(result.code).toBe(1);
    expect(result.summary).toContain(
      'but are not an admin or maintainer of acme/api (their role: write) and not the owner of sync-customers (owner @acme/crm-team)',
    );
  });
});
