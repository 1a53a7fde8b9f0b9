/**
 * Attack 7 of issue 11, through the bot's real server with signed deliveries: a malformed payload is
 * answered 400 with a one-line reason (never 500), a body over GitHub's 25 MB cap 413 before it is read
 * whole; and, in a bot process of its own, a 20 MB delivery leaves neither its payload in the logs nor its
 * memory in the process.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { startBotProcess, stopAll } from './bot-processes.js';
import { FakeGitHub, serveFake } from './fake-github.js';
import { breakingPullRequest, TEST_SECRET, useBotServer } from './harness.js';
import { deliveryId, sendDelivery } from './signed-delivery.js';

const bed = useBotServer();

/** The reply, checked to be one line; its text. */
async function oneLine(res: Response): Promise<string> {
  const text = await res.text();
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  return text.trim();
}

describe('malformed deliveries', () => {
  it('a pull_request delivery without pull_request gets 400 naming the missing field', async () => {
    breakingPullRequest(bed.fake);
    const { pull_request: _, ...payload } = bed.fake.pullRequestPayload('opened');
    const res = await bed.send('pull_request', payload);
    expect(res.status).toBe(400);
    expect(await oneLine(res)).toMatch(/pull_request/);
    expect(bed.fake.requests).toEqual([]);
  });

  it('a delivery whose body is null gets 400', async () => {
    const res = await bed.send('pull_request', null);
    expect(res.status).toBe(400);
    expect(await oneLine(res)).toMatch(/object/);
    expect(bed.fake.requests).toEqual([]);
  });

  it('an issue_comment delivery without issue gets 400 naming the missing field', async () => {
    const { issue: _, ...payload } = bed.fake.commentPayload('alice', '/contractguard approve all');
    const res = await bed.send('issue_comment', payload);
    expect(res.status).toBe(400);
    expect(await oneLine(res)).toMatch(/issue/);
    expect(bed.fake.requests).toEqual([]);
  });

  it('a signed body that is not JSON gets 400', async () => {
    const res = await bed.send('pull_request', '{"action": ');
    expect(res.status).toBe(400);
    await oneLine(res);
  });
});

describe('size limit', () => {
  it('a body over 25 MB gets 413 and is not handed to the app', async () => {
    breakingPullRequest(bed.fake);
    const payload = { ...bed.fake.pullRequestPayload('opened'), padding: 'x'.repeat(26 * 1024 * 1024) };
    const res = await bed.send('pull_request', payload);
    expect(res.status).toBe(413);
    expect(await oneLine(res)).toMatch(/25 MB|26214400/);
    expect(bed.fake.requests).toEqual([]);
  });
});

describe('in a bot process of its own', () => {
  afterEach(stopAll);

  it('a handler that fails: 500 with one line, and the logs name the delivery, not its payload', async () => {
    const fake = new FakeGitHub();
    breakingPullRequest(fake);
    fake.failures.set('GET /repos/acme/api/git/trees', [502, 502, 502, 502]);
    const api = await serveFake(fake);
    try {
      const bot = await startBotProcess({ WEBHOOK_SECRET: TEST_SECRET, FAKE_GITHUB_URL: api.url });
      const marker = 'PAYLOAD-PADDING-';
      const id = deliveryId();
      const body = { ...fake.pullRequestPayload('opened'), padding: marker.repeat(65_536) };
      const res = await sendDelivery(bot.url, { event: 'pull_request', body, secret: TEST_SECRET, id });
      expect(res.status).toBe(500);
      expect(await oneLine(res)).toMatch(/502/);
      await bot.waitFor(`${id} pull_request.opened acme/api: failed`);
      expect(bot.output()).not.toContain(marker.repeat(4));
      expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    } finally {
      await api.close();
    }
  }, 60_000);

  it('a 20 MB malformed delivery leaves no payload in the logs and memory back near its baseline', async () => {
    const fake = new FakeGitHub();
    breakingPullRequest(fake);
    const api = await serveFake(fake);
    try {
      const bot = await startBotProcess({ WEBHOOK_SECRET: TEST_SECRET, FAKE_GITHUB_URL: api.url });
      const send = (body: unknown, id = deliveryId()) =>
        sendDelivery(bot.url, { event: 'pull_request', body, secret: TEST_SECRET, id });
      // A first, ordinary delivery brings every code path in before the baseline is taken.
      expect((await send(fake.pullRequestPayload('opened'))).status).toBe(200);
      const baseline = await bot.rss();

      const marker = 'PAYLOAD-PADDING-';
      const { pull_request: _, ...rest } = fake.pullRequestPayload('opened');
      const id = deliveryId();
      const res = await send({ ...rest, padding: marker.repeat((20 * 1024 * 1024) / marker.length) }, id);
      expect(res.status).toBe(400);
      await bot.waitFor(id);

      const after = await bot.rss();
      expect(bot.output()).not.toContain(marker.repeat(4));
      expect(bot.output().length).toBeLessThan(200_000);
      // Generous: a heap that kept the payload (20 MB of text, several times that parsed) is far above it.
      expect(after).toBeLessThan(baseline * 1.5);
    } finally {
      await api.close();
    }
  }, 60_000);
});
