/**
 * Deliveries of one pull request, one at a time: within this process always (`KeyedMutex`), and across
 * replicas when REDIS_URL is set (`RedisLock`, taken inside the process's own lock so one process holds at
 * most one Redis lock per PR and does not poll Redis against itself). A duplicate delivery then runs after
 * the first and finds its comment and check run, which it updates instead of creating its own.
 */
import { KeyedMutex, type Lock } from './keyed-mutex.js';
import { RedisLock, redisClient } from './redis-lock.js';

export function pullRequestKey(pr: { owner: string; repo: string; number: number }): string {
  return `${pr.owner}/${pr.repo}#${pr.number}`.toLowerCase();
}

export function pullRequestLock(
  redisUrl: string | undefined,
  log: { info(msg: string): void; warn(msg: string): void },
): Lock {
  const local = new KeyedMutex();
  if (redisUrl === undefined || redisUrl === '') return local;
  const shared = new RedisLock(
    redisClient(redisUrl, (m) => log.warn(m)),
    { onWait: (key) => log.info(`${key}: waiting for another replica's check of it to finish`) },
  );
  return {
    withLock: (key, task) => local.withLock(key, () => shared.withLock(key, task)),
  };
}
