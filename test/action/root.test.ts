/**
 * The Action agrees with `contractguard diff` about the contract root (issue 12 item 1): a `contracts` input
 * that holds no tree at either commit fails the step naming the root, the commits and the folder that does
 * hold the contracts; a tree only at head is contracts added.
 */
import { describe, expect, it } from 'vitest';

import { baseTree } from '../e2e/helpers.js';
import { requireTenant, useActionTestbed } from './harness.js';

const bed = useActionTestbed();

const pr = (before: Record<string, unknown>, files: Record<string, unknown>) =>
  bed.pullRequest(files, { before });

describe('the Action’s `contracts` input', () => {
  it('a root at neither commit fails the step, naming it and where the contracts are', async () => {
    const { base, head, workspace } = pr(baseTree(), requireTenant());
    const run = await bed.runOnPullRequest(
      { base, head, workspace },
      { inputs: { contracts: 'contract', comment: 'false' } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::contractguard: no contract tree at `contract` in base \([^)]*\) or head \([^)]*\)/,
    );
    expect(run.stdout).toContain(
      "the contracts are in `contracts`: set the Action's `contracts` input to contracts",
    );
    expect(run.stdout).not.toContain('No contract changes');
  });

  it('a tree only at head is contracts added, and passes', async () => {
    const { base, head, workspace } = pr({ 'README.md': '# api\n' }, baseTree());
    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('contractguard: contracts added: 1 endpoint, 2 majors');
  });
});
