import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeGitHub, breakingTree } from './fake-github.js';
import { breakingPullRequest, delivery, ledgerOf, mountFake, testProbot, unmountFake } from './harness.js';

let fake: FakeGitHub;

beforeEach(() => {
  fake = new FakeGitHub();
  mountFake(fake);
  breakingPullRequest(fake);
});
afterEach(unmountFake);

/** Opens the PR and returns the fingerprint the comment offers to approve. */
async function openAndGetFingerprint(probot: Awaited<ReturnType<typeof testProbot>>): Promise<string> {
  await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
  const match = /\/contractguard approve ([0-9a-f]{6,})/.exec(fake.botComments()[0]?.body ?? '');
  expect(match).not.toBeNull();
  return match?.[1] as string;
}

const replies = () =>
  fake.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path.endsWith('/issues/7/comments') &&
      /^@/.test((r.body as { body: string }).body),
  );

describe('approvals', () => {
  it('a repository admin approves a fingerprint: counted, recorded in the sticky comment, check re-run', async () => {
    fake.permissions.set('alice', 'admin');
    const probot = await testProbot();
    const fp = await openAndGetFingerprint(probot);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');

    await probot.receive(
      delivery('issue_comment', fake.commentPayload('alice', `/contractguard approve ${fp} ops know`)),
    );

    expect(fake.botComments()).toHaveLength(1);
    const body = fake.botComments()[0]?.body ?? '';
    const state = ledgerOf(body);
    expect(state.approvals).toEqual([
      { fingerprint: fp, by: 'alice', reason: 'ops know', at: expect.any(String), via: 'command' },
    ]);
    expect(Date.parse(state.approvals[0]?.at ?? '')).not.toBeNaN();
    expect(body).toContain('@alice');
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    const permission = fake.requests.find((r) => r.path === '/repos/acme/api/collaborators/alice/permission');
    expect(permission).toBeDefined();
    expect(replies()).toEqual([]);
  });

  it('the approval survives a later push with the same change', async () => {
    fake.permissions.set('alice', 'maintain');
    const probot = await testProbot();
    const fp = await openAndGetFingerprint(probot);
    await probot.receive(
      delivery('issue_comment', fake.commentPayload('alice', `/contractguard approve ${fp}`)),
    );
    fake.pull.head.sha = fake.commit({ ...breakingTree(), 'README.md': 'changed\n' });
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('synchronize')));
    const runs = fake.checkRuns.filter((r) => r.head_sha === fake.pull.head.sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.conclusion).toBe('success');
    expect(ledgerOf(fake.botComments()[0]?.body).approvals).toHaveLength(1);
  });

  it('a member of the owning team approves all: recorded as the fingerprints present now', async () => {
    fake.permissions.set('dana', 'read');
    fake.teams.set('acme/crm-team', ['dana']);
    const probot = await testProbot();
    const fp = await openAndGetFingerprint(probot);
    await probot.receive(
      delivery('issue_comment', fake.commentPayload('dana', '/contractguard approve all')),
    );
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(ledgerOf(fake.botComments()[0]?.body).approvals).toMatchObject([{ fingerprint: fp, by: 'dana' }]);
    expect(fake.requests.some((r) => r.path === '/orgs/acme/teams/crm-team/memberships/dana')).toBe(true);
  });

  it('anyone else gets a reply saying who can approve, and nothing is recorded', async () => {
    fake.permissions.set('bob', 'write');
    const probot = await testProbot();
    const fp = await openAndGetFingerprint(probot);
    const before = fake.botComments()[0]?.body;

    await probot.receive(
      delivery('issue_comment', fake.commentPayload('bob', `/contractguard approve ${fp}`)),
    );

    expect(replies()).toHaveLength(1);
    const reply = (replies()[0]?.body as { body: string }).body;
    expect(reply).toMatch(/^@bob your approval does not count/);
    expect(reply).toContain('an admin or maintainer of acme/api');
    expect(reply).toContain('@acme/crm-team for sync-customers');
    expect(fake.botComments().find((c) => c.body.includes('contractguard:report'))?.body).toBe(before);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('an unknown fingerprint or a malformed command gets a reply', async () => {
    fake.permissions.set('alice', 'admin');
    const probot = await testProbot();
    await openAndGetFingerprint(probot);
    await probot.receive(
      delivery('issue_comment', fake.commentPayload('alice', '/contractguard approve 000000000000')),
    );
    await probot.receive(delivery('issue_comment', fake.commentPayload('alice', '/contractguard approve')));
    const texts = replies().map((r) => (r.body as { body: string }).body);
    expect(texts[0]).toContain('is not one of the changes that need approval');
    expect(texts[1]).toContain('say what to approve');
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('approving when nothing needs approval gets a reply and records nothing', async () => {
    fake.permissions.set('alice', 'admin');
    fake.pull.head.sha = fake.pull.base.sha;
    const probot = await testProbot();
    await probot.receive(
      delivery('issue_comment', fake.commentPayload('alice', '/contractguard approve all')),
    );
    expect(replies().map((r) => (r.body as { body: string }).body)).toEqual([
      `@alice there is nothing to approve in this PR at ${fake.pull.head.sha.slice(0, 7)}.`,
    ]);
    expect(fake.checkRuns).toEqual([]);
  });

  it('comments without the command are ignored', async () => {
    const probot = await testProbot();
    await probot.receive(delivery('issue_comment', fake.commentPayload('alice', 'looks good to me')));
    expect(fake.requests).toEqual([]);
  });

  it('the approve label applied by an admin approves; removing it brings the failure back', async () => {
    fake.permissions.set('carol', 'admin');
    const probot = await testProbot();
    await openAndGetFingerprint(probot);
    const label = { name: 'contractguard: breaking-approved' };
    fake.pull.labels = [label];
    fake.labelEvents.push({ event: 'labeled', label, actor: { login: 'carol' } });
    const sender = { login: 'carol', type: 'User' };
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('labeled', { label, sender })));
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(fake.botComments()[0]?.body).toContain('@carol');

    fake.pull.labels = [];
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('unlabeled', { label })));
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('the approve label applied by someone who may not approve is reported as not counted', async () => {
    fake.permissions.set('eve', 'write');
    const probot = await testProbot();
    const label = { name: 'contractguard: breaking-approved' };
    fake.pull.labels = [label];
    fake.labelEvents.push({ event: 'labeled', label, actor: { login: 'eve' } });
    const sender = { login: 'eve', type: 'User' };
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('labeled', { label, sender })));
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    expect(fake.botComments()[0]?.body).toContain('@eve');
  });
});

describe('a bot without a webhook secret of its own (Probot’s public default)', () => {
  it('records no approval by command and says why', async () => {
    fake.permissions.set('alice', 'admin');
    const probot = await testProbot('');
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    await probot.receive(
      delivery('issue_comment', fake.commentPayload('alice', '/contractguard approve all')),
    );
    expect(replies().map((r) => (r.body as { body: string }).body)).toEqual([
      expect.stringMatching(/^@alice approvals by command are off: this bot has no secret to seal them with/),
    ]);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('counts the approve label from whoever applied it last, judged on every check', async () => {
    fake.permissions.set('carol', 'admin');
    const label = { name: 'contractguard: breaking-approved' };
    fake.pull.labels = [label];
    fake.labelEvents.push({ event: 'labeled', label, actor: { login: 'carol' } });
    const probot = await testProbot('');
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('synchronize')));
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(fake.botComments()[0]?.body).not.toContain('"by":"carol"');
  });
});
