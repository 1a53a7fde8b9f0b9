/**
 * End to end over real HTTP: the bot's server (Probot's node middleware) on localhost receives signed
 * deliveries shaped like GitHub's, and talks to a fake GitHub API served by a second local server that
 * records every request. nock stays out of the way except that connections other than localhost fail.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { blobCache } from '../../bot/pipeline.js';
import { createBotServer } from '../../bot/server.js';
import { parseState } from '../../bot/state.js';
import { FakeGitHub, serveFake } from './fake-github.js';
import { TestOctokit, breakingPullRequest } from './harness.js';

const SECRET = 'e2e-webhook-secret';

let fake: FakeGitHub;
let api: { url: string; close(): Promise<void> };
let server: Server;
let botUrl: string;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  fake = new FakeGitHub();
  blobCache.clear();
  api = await serveFake(fake);
  const probot = new Probot({
    githubToken: 'test',
    secret: SECRET,
    baseUrl: api.url,
    logLevel: 'fatal',
    Octokit: TestOctokit,
  });
  server = await createBotServer({ probot });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await api.close();
  nock.enableNetConnect();
});

let n = 0;
async function send(event: string, payload: unknown, secret = SECRET): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return fetch(botUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/e2e',
      'x-github-event': event,
      'x-github-delivery': `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}`,
      'x-github-hook-id': '1',
      'x-hub-signature-256': signature,
    },
    body,
  });
}

describe('bot server, end to end', () => {
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
    expect(parseState(fake.botComments()[0]?.body).approvals).toMatchObject([
      { fingerprint: fp, by: 'alice' },
    ]);

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
    const unsigned = await fetch(botUrl, {
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
    const res = await fetch(botUrl.replace('/api/github/webhooks', '/nope'));
    expect(res.status).toBe(404);
  });
});
