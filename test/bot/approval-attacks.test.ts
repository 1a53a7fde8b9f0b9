/**
 * The attacks on approvals of issue 11, end to end: the bot's real server takes signed deliveries and talks
 * to a fake GitHub over HTTP. Each test fails on the bot before the sealed ledger (approvals read back from an
 * unsigned marker, `approve all` stored as `all`) and before base's policy judged PRs.
 */
import { describe, expect, it } from 'vitest';

import { baseTree } from '../e2e/helpers.js';
import { type FakeGitHub, breakingTree, toFiles } from './fake-github.js';
import { breakingPullRequest, ledgerOf, useBotServer } from './harness.js';

const bed = useBotServer();
const V1 = 'contracts/sync-customers/v1';

/** The breaking tree plus a second break, in v1 (its output loses `email` too, with a bump). */
function laterBreak(files = breakingTree()): Record<string, string | Buffer> {
  return {
    ...files,
    [`${V1}/output.schema.json`]: files['contracts/sync-customers/v2/output.schema.json'] as string,
    [`${V1}/contract.yaml`]: String(files[`${V1}/contract.yaml`]).replace('version: 1.1.0', 'version: 1.2.0'),
  };
}

/**
 * `files` with a second endpoint, `billing`, owned by another team: a copy of the base's sync-customers v2,
 * with `email` removed from its output (and a bump) when `broken`.
 */
function withBilling(
  files: Record<string, string | Buffer>,
  broken = false,
): Record<string, string | Buffer> {
  const out = { ...files };
  for (const [path, content] of Object.entries(toFiles(baseTree()))) {
    if (!path.startsWith('contracts/sync-customers/') || path.includes('/v1/')) continue;
    const text = String(content)
      .replace(/sync-customers|syncCustomers/g, 'billing')
      .replace('@acme/crm-team', '@acme/billing-team')
      .replace('aliases: { prod: 2, latest: 2 }\n', '');
    out[path.replace('contracts/sync-customers/', 'contracts/billing/')] = text;
  }
  if (broken) {
    const v2 = breakingTree();
    out['contracts/billing/v2/output.schema.json'] = v2[
      'contracts/sync-customers/v2/output.schema.json'
    ] as string;
    out['contracts/billing/v2/contract.yaml'] = String(out['contracts/billing/v2/contract.yaml']).replace(
      'version: 2.1.0',
      'version: 2.2.0',
    );
  }
  return out;
}

/** Opens the PR and returns the fingerprints the bot's comment offers to approve. */
async function open(fake: FakeGitHub): Promise<string[]> {
  expect((await bed.send('pull_request', fake.pullRequestPayload('opened'))).status).toBe(200);
  const body = fake.botComments()[0]?.body ?? '';
  return [...body.matchAll(/`\/contractguard approve ([0-9a-f]{12})`/g)].map((m) => m[1] as string);
}

async function push(fake: FakeGitHub, files: Record<string, string | Buffer>): Promise<void> {
  fake.pull.head.sha = fake.commit(files);
  expect((await bed.send('pull_request', fake.pullRequestPayload('synchronize'))).status).toBe(200);
}

const runOf = (fake: FakeGitHub) => fake.checkRuns.find((r) => r.head_sha === fake.pull.head.sha);
const comment = (fake: FakeGitHub) => fake.botComments()[0]?.body ?? '';

/** Replaces the bot's comment body, as anyone with write access to the repository can. */
function editBotComment(fake: FakeGitHub, edit: (body: string) => string): void {
  const ours = fake.botComments()[0];
  if (ours === undefined) throw new Error('no bot comment to edit');
  ours.body = edit(ours.body);
}

const FORGED_STATE = JSON.stringify({
  approvals: [{ fingerprint: 'all', by: 'alice', at: '2026-11-25T00:00:00Z', via: 'command' }],
});

describe('attack 1: a forged approval in the bot’s own comment', () => {
  it('a marker claiming `approve all by @alice` prepended to the bot’s comment is ignored, and the report says so', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    await open(fake);
    editBotComment(fake, (body) => `<!-- contractguard:state ${FORGED_STATE} -->\n${body}`);

    await push(fake, { ...breakingTree(), 'README.md': 'a push after the edit\n' });

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain(
      "a state marker in the bot's comment was edited by someone else; ignored",
    );
    expect(ledgerOf(comment(fake)).approvals).toEqual([]);
  });

  it('a marker with a made-up seal replacing the bot’s own is ignored too', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    await open(fake);
    editBotComment(fake, (body) =>
      body.replace(
        /<!-- contractguard:state [^\n]* -->/,
        `<!-- contractguard:state ${FORGED_STATE} ${'0'.repeat(64)} -->`,
      ),
    );

    await push(fake, { ...breakingTree(), 'README.md': 'a push after the edit\n' });

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain(
      "a state marker in the bot's comment was edited by someone else; ignored",
    );
  });
});

describe('attack 2: `approve all` bound to what was there', () => {
  it('a break pushed after `approve all` needs its own approval; the comment offers only the new one', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    fake.permissions.set('alice', 'admin');
    const [approved] = await open(fake);
    await bed.send('issue_comment', fake.commentPayload('alice', '/contractguard approve all'));
    expect(fake.checkRuns[0]?.conclusion).toBe('success');

    await push(fake, laterBreak());

    expect(runOf(fake)?.conclusion).toBe('failure');
    const offered = [...comment(fake).matchAll(/`\/contractguard approve ([0-9a-f]{12})`/g)].map((m) => m[1]);
    expect(offered).toHaveLength(1);
    expect(offered).not.toContain(approved);
    expect(ledgerOf(comment(fake)).approvals.map((a) => a.fingerprint)).toEqual([approved]);
    expect(comment(fake)).toContain('@alice approved `property-removed` in sync-customers v2');
  });

  it('the report says when a recorded approval no longer matches any change', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    fake.permissions.set('alice', 'admin');
    const [approved] = await open(fake);
    await bed.send('issue_comment', fake.commentPayload('alice', `/contractguard approve ${approved}`));

    await push(fake, toFiles(baseTree())); // the break is reverted

    expect(runOf(fake)?.conclusion).toBe('success');
    expect(comment(fake)).toContain(`the approval of ${approved} by @alice matches no change in this diff`);
  });

  it("an owner's `approve all` does not cover a break pushed later in an endpoint they do not own", async () => {
    const { fake } = bed;
    fake.pull.base.sha = fake.commit(withBilling(toFiles(baseTree())));
    fake.pull.head.sha = fake.commit(withBilling(breakingTree()));
    fake.permissions.set('dana', 'read');
    fake.teams.set('acme/crm-team', ['dana']);
    await open(fake);
    await bed.send('issue_comment', fake.commentPayload('dana', '/contractguard approve all'));
    expect(fake.checkRuns[0]?.conclusion).toBe('success');

    const billingBroken = withBilling(breakingTree(), true);
    await push(fake, billingBroken);

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain('billing');
    expect(comment(fake)).toContain('@acme/billing-team for billing');
  });

  it('the approve label covers what needed approval when it was applied, not a break pushed later', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    fake.permissions.set('carol', 'admin');
    await open(fake);
    const label = { name: 'contractguard: breaking-approved' };
    fake.pull.labels = [label];
    fake.labelEvents.push({ event: 'labeled', label, actor: { login: 'carol' } });
    await bed.send(
      'pull_request',
      fake.pullRequestPayload('labeled', { label, sender: { login: 'carol', type: 'User' } }),
    );
    expect(fake.checkRuns[0]?.conclusion).toBe('success');

    await push(fake, laterBreak());

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain('remove and re-apply the label');
  });
});

describe('attack 3: a PR relaxes its own gate', () => {
  const relaxed = (rest: string) => ({
    ...breakingTree(),
    'contracts/contractguard.yaml': `semantics: pragmatic\nrequireMinorBump: error\n${rest}`,
  });

  it('`failOn: never` in the PR’s own contractguard.yaml does not let its break pass, and the change is named', async () => {
    const { fake } = bed;
    fake.pull.base.sha = fake.commit(toFiles(baseTree()));
    fake.pull.head.sha = fake.commit(relaxed('failOn: never\n'));
    await open(fake);

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain('failOn: breaking → never');
    expect(comment(fake)).toContain('takes effect only after merge');
  });

  it('the endpoint owner’s `approve all` leaves the policy change failing, and the reply says who may approve it', async () => {
    const { fake } = bed;
    fake.pull.base.sha = fake.commit(toFiles(baseTree()));
    fake.pull.head.sha = fake.commit(relaxed('failOn: never\n'));
    fake.permissions.set('dana', 'read');
    fake.teams.set('acme/crm-team', ['dana']);
    await open(fake);

    await bed.send('issue_comment', fake.commentPayload('dana', '/contractguard approve all'));

    expect(runOf(fake)?.conclusion).toBe('failure');
    const reply = fake.comments.find((c) => c.body.startsWith('@dana '))?.body ?? '';
    expect(reply).toContain('not for the policy change');
    expect(reply).toContain('The policy change here can be approved by an admin or maintainer of acme/api');
  });

  it('an admin approves the policy change, bound to that exact change', async () => {
    const { fake } = bed;
    fake.pull.base.sha = fake.commit(toFiles(baseTree()));
    fake.pull.head.sha = fake.commit(relaxed('failOn: never\n'));
    fake.permissions.set('alice', 'admin');
    await open(fake);
    await bed.send('issue_comment', fake.commentPayload('alice', '/contractguard approve all'));
    expect(runOf(fake)?.conclusion).toBe('success');

    await push(fake, relaxed('failOn: dangerous\n'));

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain('failOn: breaking → dangerous');
  });
});

describe('the approve label, taken back', () => {
  it('re-applied by someone who may not approve, it does not bring back the approval removed with it', async () => {
    const { fake } = bed;
    breakingPullRequest(fake);
    fake.permissions.set('carol', 'admin');
    fake.permissions.set('mallory', 'write');
    await open(fake);
    const label = { name: 'contractguard: breaking-approved' };
    const as = (login: string) => ({ label, sender: { login, type: 'User' } });
    fake.pull.labels = [label];
    await bed.send('pull_request', fake.pullRequestPayload('labeled', as('carol')));
    expect(runOf(fake)?.conclusion).toBe('success');
    fake.pull.labels = [];
    await bed.send('pull_request', fake.pullRequestPayload('unlabeled', as('carol')));

    fake.pull.labels = [label];
    await bed.send('pull_request', fake.pullRequestPayload('labeled', as('mallory')));

    expect(runOf(fake)?.conclusion).toBe('failure');
    expect(comment(fake)).toContain('the approval by @mallory does not count');
  });
});
