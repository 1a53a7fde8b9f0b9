/**
 * End to end over real HTTP: the bot's server (Probot's node middleware) on localhost receives signed
 * deliveries shaped like GitHub's, and talks to a fake GitHub API served by a second local server that
 * records every request. nock stays out of the way except that connections other than localhost fail.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { breakingPullRequest, ledgerOf, useBotServer } from './harness.js';

const bed = useBotServer();
const send = (event: string, payload: unknown, secret?: string) => bed.send(event, payload, secret);

describe('bot server, end to end', () => {
  let fake: typeof bed.fake;
  beforeEach(() => {
    fake = bed.fake;
  });

  it('signed deliveries: a report comment and check run, then an approval by an admin', async () => {
    breakingPullRequest(fake);
    fake.permissions.set('alice', 'admin');

    const opened = await send('pull_request', fake.pullRequestPayload('opened'));
    expect(opened.status).toBe(200);
    expect(fake.botComments()).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({
      head_sha: fake.pull.head.sha,
      conclusion: 'failure',
      status: 'completed',
    });
    const fp = /\/contractguard approve ([0-9a-f]{6,})/.exec(fake.botComments()[0]?.body ?? '')?.[1];
    expect(fp).toBeDefined();

    const approved = await send(
      'issue_comment',
      fake.commentPayload('alice', `/contractguard approve ${fp} agreed with ops`),
    );
    expect(approved.status).toBe(200);
    expect(fake.botComments()).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(ledgerOf(fake.botComments()[0]?.body).approvals).toMatchObject([{ fingerprint: fp, by: 'alice' }]);

    // Every request reached the fake API over HTTP, authenticated with the token.
    const paths = new Set(
      fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}|\d+$/g, ':id')}`),
    );
    expect([...paths]).toEqual(
      expect.arrayContaining([
        'GET /repos/acme/api/git/trees/:id',
        'GET /repos/acme/api/git/blobs/:id',
        'POST /repos/acme/api/check-runs',
        'PATCH /repos/acme/api/check-runs/:id',
        'POST /repos/acme/api/issues/7/comments',
        'PATCH /repos/acme/api/issues/comments/:id',
        'GET /repos/acme/api/collaborators/alice/permission',
      ]),
    );
  });

  it('a forged signature is refused and nothing is posted', async () => {
    breakingPullRequest(fake);
    const forged = await send('pull_request', fake.pullRequestPayload('opened'), 'not-the-secret');
    expect([400, 401]).toContain(forged.status);
    const unsigned = await fetch(bed.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': 'x',
      },
      body: JSON.stringify(fake.pullRequestPayload('opened')),
    });
    expect([400, 401]).toContain(unsigned.status);
    expect(fake.requests).toEqual([]);
  });

  it('other paths get 404', async () => {
    const res = await fetch(bed.url.replace('/api/github/webhooks', '/nope'));
    expect(res.status).toBe(404);
  });
});
