/** Canary promotions and rollbacks on completed canary check runs (src/github/canary-promotion.ts). */
import type { Context, Probot } from 'probot';

import { type CanaryCheckPayload, onCanaryCheck } from '../src/github/canary-promotion.js';
import type { GitHubClient } from '../src/github/client.js';
import { loadConfig } from './config.js';

export function registerPromotion(app: Probot): void {
  app.on('check_run.completed', async (context: Context<'check_run.completed'>) => {
    const client = context.octokit as unknown as GitHubClient;
    await onCanaryCheck(client, context.payload as unknown as CanaryCheckPayload, await loadConfig(context), {
      info: (m) => context.log.info(m),
      warn: (m) => context.log.warn(m),
    });
  });
}
