/**
 * Issue 12 items 4 and 6 through the Action (its bundle as a process, real git repositories, a fake GitHub
 * API; test/action/harness.ts): the PR comment and the job summary lead with the verdict, then the failing
 * major's block with a fingerprint on each row and its one fix; an approval by label says what it covers.
 */
import { describe, expect, it } from 'vitest';

import { bumpV2, type PullRequest, requireTenant, useActionTestbed } from '../action/harness.js';

const MARKER = '<!-- contractguard:report -->';
const LABEL = 'contractguard: breaking-approved';
const bed = useActionTestbed();

/** A PR breaking v2 (with or without the minor bump it needs), checked out as `actions/checkout` does. */
const breakingPr = (bump: boolean): PullRequest =>
  bed.pullRequest({ ...requireTenant(), ...(bump ? bumpV2() : {}) }, { message: 'break v2' });

const headings = (md: string): string[] => md.split('\n').filter((l) => /^#{3,4} /.test(l));

describe('the Action’s comment and summary', () => {
  it('lead with the verdict, then the failing major: fingerprinted rows, what blocks it, one fix', async () => {
    const { base, head, workspace } = breakingPr(false);
    const run = await bed.runOnPullRequest({ base, head, workspace });
    expect(run.code).toBe(1);
    const comment = bed.api.comments.find((c) => c.body.includes(MARKER))?.body ?? '';
    for (const md of [run.summary, comment.slice(comment.indexOf('###'))]) {
      expect(headings(md).slice(0, 2)).toEqual([
        '### ❌ contractguard: breaking change in sync-customers v2, 1 more policy error — 1 breaking',
        '#### ❌ sync-customers v2 (2.1.0)',
      ]);
      const block = md.slice(md.indexOf('#### ❌ sync-customers v2'));
      expect(block).toContain('| Severity | Fingerprint | Where | What changed |');
      expect(block).toMatch(/\n\| ❌ \*\*breaking\*\* \| `[0-9a-f]{12}` \| \[?`input\.schema\.json:\d+`/);
      expect(block).toMatch(/\n- ❌ breaking change reuses major v2 of sync-customers — add v3/);
      expect(block.match(/\*\*Fix:\*\*/g)).toHaveLength(1);
      expect(block).toMatch(/\*\*Fix:\*\* .*Approval alone won't pass: also bump version to 2\.2\.0/);
    }
  });

  it('an approval by label says which change it covers, and that nothing else blocks', async () => {
    const { base, head, workspace } = breakingPr(true);
    bed.api.permissions = { alice: 'admin' };
    bed.api.events = [{ event: 'labeled', label: { name: LABEL }, actor: { login: 'alice' } }];
    const run = await bed.runOnPullRequest(
      { base, head, workspace },
      { inputs: { comment: 'false' }, event: { labels: [LABEL], action: 'labeled' } },
    );
    expect(run.code).toBe(0);
    const fingerprint = /\n\| \*\*breaking\*\* \| `([0-9a-f]{12})` \|/.exec(run.summary)?.[1];
    expect(fingerprint).toBeDefined();
    const approvals = run.summary.slice(run.summary.indexOf('#### Approvals'));
    expect(approvals).toContain(
      `\n- @alice approved \`required-added\` in sync-customers v2 (input /required): applied the label as an ` +
        `admin of acme/api — covers \`${fingerprint}\``,
    );
    expect(approvals).toContain('<br>Nothing else blocks sync-customers v2.');
  });
});
