/**
 * One bot process for the multi-process tests: the bot's server entry (`createBotServer`, as
 * `node dist/bot/server.js` runs it, with Probot's own logger at LOG_LEVEL) authenticated with a token
 * against the fake GitHub at FAKE_GITHUB_URL — an app's key would be exchanged for installation tokens, which
 * the fake does not do. REDIS_URL and WEBHOOK_SECRET come from the environment as in production.
 *
 * Over the IPC channel it reports the port it listens on, and answers `memory` with its RSS after a full
 * garbage collection (run it with --expose-gc).
 */
import type { AddressInfo } from 'node:net';
import { Probot } from 'probot';

import { createBotServer } from '../../bot/server.js';
import { TestOctokit } from './test-octokit.js';

const env = process.env;
const probot = new Probot({
  githubToken: 'test',
  secret: env.WEBHOOK_SECRET,
  baseUrl: env.FAKE_GITHUB_URL,
  logLevel: (env.LOG_LEVEL ?? 'info') as 'info',
  Octokit: TestOctokit,
});
const server = await createBotServer({ probot });
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message) => {
  if (message !== 'memory') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the bot process with --expose-gc');
  // Twice: the first pass may only queue finalizers (external buffers) that the second frees.
  gc();
  setImmediate(() => {
    gc();
    process.send?.({ rss: process.memoryUsage().rss });
  });
});
process.on('disconnect', () => process.exit(0));
