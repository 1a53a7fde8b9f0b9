/**
 * Attack 6 of issue 11: the same `opened` delivery arriving several times at once — within one process, and
 * at two bot processes sharing a Redis — gives one sticky comment and one check run.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { type BotProcess, startBotProcess, stopAll } from './bot-processes.js';
import { FakeGitHub, serveFake } from './fake-github.js';
import { breakingPullRequest, delivery, mountFake, TEST_SECRET, testProbot, unmountFake } from './harness.js';
import { startRedis, type RedisServer } from './redis-server.js';
import { deliveryId, sendDelivery } from './signed-delivery.js';

describe('in one process', () => {
  afterEach(unmountFake);

  it('five identical opened deliveries at once: one comment, one check run', async () => {
    const fake = new FakeGitHub();
    mountFake(fake);
    breakingPullRequest(fake);
    const probot = await testProbot();
    const payload = fake.pullRequestPayload('opened');
    await Promise.all(
      Array.from({ length: 5 }, () => probot.receive(delivery('pull_request', structuredClone(payload)))),
    );
    expect(fake.botComments()).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({ head_sha: fake.pull.head.sha, conclusion: 'failure' });
  });
});

describe('across bot processes sharing Redis', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await stopAll();
    await redis?.stop();
  });

  it('the same delivery sent to two processes at once: one comment, one check run', async () => {
    redis = await startRedis();
    const fake = new FakeGitHub();
    breakingPullRequest(fake);
    // The race made certain: creating the comment is held until the other process is either creating one
    // too (without a lock both looked for it while none existed) or waiting for the lock.
    const gate = new Gate();
    const api = await serveFake(fake, {
      before: (method, path) =>
        method === 'POST' && path.endsWith('/issues/7/comments') ? gate.pass() : Promise.resolve(),
    });
    try {
      const env = { WEBHOOK_SECRET: TEST_SECRET, FAKE_GITHUB_URL: api.url, REDIS_URL: redis.url };
      const bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
      const id = deliveryId();
      const body = fake.pullRequestPayload('opened');
      const replies = Promise.all(
        bots.map((bot) => sendDelivery(bot.url, { event: 'pull_request', body, secret: TEST_SECRET, id })),
      );
      const finished = (bot: BotProcess) => bot.waitFor(new RegExp(`${id}.*: (done|failed)`));
      await Promise.race([
        gate.waiting(2),
        gate.waiting(1).then(() => Promise.race(bots.map((bot) => bot.waitFor('waiting for another')))),
        ...bots.map(finished), // a process that failed before creating the comment
      ]);
      gate.open();
      expect((await replies).map((r) => r.status).every((s) => s === 200 || s === 202)).toBe(true);
      // A reply may come before the work is done (202 after 9 s): each process logs when it is.
      await Promise.all(bots.map(finished));
      for (const bot of bots) expect(bot.output()).not.toMatch(new RegExp(`${id}.*: failed`));

      expect(fake.botComments()).toHaveLength(1);
      expect(fake.checkRuns).toHaveLength(1);
      expect(fake.checkRuns[0]).toMatchObject({ head_sha: fake.pull.head.sha, conclusion: 'failure' });
    } finally {
      gate.open();
      await api.close();
    }
  }, 60_000);
});

/** Holds requests until opened; says when `n` are held. */
class Gate {
  private held = 0;
  private opened = false;
  private readonly release: (() => void)[] = [];
  private readonly watchers: (() => void)[] = [];

  pass(): Promise<void> {
    if (this.opened) return Promise.resolve();
    this.held++;
    for (const watch of this.watchers) watch();
    return new Promise((resolve) => this.release.push(resolve));
  }

  waiting(n: number): Promise<void> {
    return new Promise((resolve) => {
      const watch = () => {
        if (this.held >= n) resolve();
      };
      this.watchers.push(watch);
      watch();
    });
  }

  open(): void {
    this.opened = true;
    for (const release of this.release.splice(0)) release();
  }
}
