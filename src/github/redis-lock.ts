/**
 * One task at a time per key across every replica of the bot that shares a Redis (REDIS_URL): a lock is a
 * Redis key set with `SET NX PX` to a token of its holder, kept alive while the task runs and deleted only by
 * its holder (a Lua compare-and-delete), so a replica that dies mid-task frees it when the time-to-live
 * runs out. A waiting replica tries again every `retryMs` and gives up after `waitMs`.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Redis } from 'ioredis';

import type { Lock } from './keyed-mutex.js';

/** The Redis commands the lock uses (an ioredis client fits). */
export interface LockStore {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RedisLockOptions {
  /** Key prefix; default `contractguard:lock:`. */
  prefix?: string;
  /** How long a lock outlives a holder that stopped renewing it; default 30 s. */
  ttlMs?: number;
  retryMs?: number;
  /** Default 10 minutes: longer than any one check. */
  waitMs?: number;
  /** Told once per task that finds the lock taken (the logs then say why a delivery waits). */
  onWait?: (key: string) => void;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisLock implements Lock {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly waitMs: number;
  private readonly onWait: (key: string) => void;

  constructor(
    private readonly store: LockStore,
    opts: RedisLockOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'contractguard:lock:';
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 100;
    this.waitMs = opts.waitMs ?? 10 * 60_000;
    this.onWait = opts.onWait ?? (() => undefined);
  }

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const name = `${this.prefix}${key}`;
    const token = randomUUID();
    await this.acquire(name, key, token);
    // Renewed well before it runs out, so a long check keeps it; a failed renewal is retried next time.
    const renew = setInterval(() => {
      this.store.eval(RENEW, 1, name, token, this.ttlMs).catch(() => undefined);
    }, this.ttlMs / 3);
    renew.unref();
    try {
      return await task();
    } finally {
      clearInterval(renew);
      await this.store.eval(RELEASE, 1, name, token).catch(() => undefined);
    }
  }

  private async acquire(name: string, key: string, token: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    let waited = false;
    while ((await this.store.set(name, token, 'PX', this.ttlMs, 'NX')) !== 'OK') {
      if (!waited) this.onWait(key);
      waited = true;
      if (Date.now() > deadline) {
        throw new Error(`${key} has been locked by another replica for over ${this.waitMs / 1000} s`);
      }
      await sleep(this.retryMs);
    }
  }
}

/** An ioredis client for `url` whose connection errors go to `warn` (not to stderr as unhandled events). */
export function redisClient(url: string, warn: (msg: string) => void): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
  client.on('error', (error: unknown) => {
    warn(`Redis (${new URL(url).host}): ${error instanceof Error ? error.message : String(error)}`);
  });
  return client;
}
