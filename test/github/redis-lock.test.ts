/** src/github/redis-lock.ts against a real redis-server: one holder per key across clients. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RedisLock } from '../../src/github/redis-lock.js';
import { startRedis, type RedisServer } from '../bot/redis-server.js';

let redis: RedisServer | undefined;
const clients: Redis[] = [];

function client(): Redis {
  if (redis === undefined) throw new Error('redis-server starts in beforeAll');
  const c = new Redis(redis.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

describe('RedisLock', () => {
  it('two replicas: the second runs once the first is done, and was told it waited', async () => {
    const waited: string[] = [];
    const a = new RedisLock(client(), { retryMs: 10 });
    const b = new RedisLock(client(), { retryMs: 10, onWait: (key) => waited.push(key) });
    const log: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = a.withLock('acme/api#7', async () => {
      log.push('a start');
      await held;
      log.push('a end');
    });
    await new Promise<void>((resolve) => {
      const poll = () => (log.length > 0 ? resolve() : setImmediate(poll));
      poll();
    });
    const second = b.withLock('acme/api#7', async () => {
      log.push('b');
    });
    // b finds the lock taken before a lets go.
    await new Promise<void>((resolve) => {
      const poll = () => (waited.length > 0 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a start', 'a end', 'b']);
    expect(waited).toEqual(['acme/api#7']);
    expect(await client().exists('contractguard:lock:acme/api#7')).toBe(0);
  });

  it('a lock left by a replica that died is taken once its time to live has run out', async () => {
    await client().set('contractguard:lock:acme/api#9', 'dead-replica', 'PX', 200);
    const lock = new RedisLock(client(), { retryMs: 20 });
    expect(await lock.withLock('acme/api#9', async () => 'ran')).toBe('ran');
  });

  it('releases only its own lock: a key taken over by another holder is left alone', async () => {
    const store = client();
    const lock = new RedisLock(store, { retryMs: 10 });
    await lock.withLock('acme/api#10', async () => {
      // Another holder took the key (the first one's time to live ran out while it was stalled).
      await store.set('contractguard:lock:acme/api#10', 'other-holder');
    });
    expect(await store.get('contractguard:lock:acme/api#10')).toBe('other-holder');
  });
});
