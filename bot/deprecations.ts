/**
 * Deprecation tracking on pushes to the default branch: the pushed commit's tree decides which migration
 * issues, reminders and dashboard rows exist (src/github/deprecation-issues.ts).
 */
import type { Context, Probot } from 'probot';

import { runDeprecationSync } from '../src/github/deprecation-issues.js';
import { loadConfig } from './config.js';

export async function onPush(context: Context<'push'>, now: () => Date = () => new Date()): Promise<void> {
  const { payload } = context;
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
  await runDeprecationSync(context.octokit, context.repo(), {
    now: now(),
    sha: payload.after,
    config: await loadConfig(context),
  });
}

/** Subscribes the deprecation tracking to pushes. */
export function registerDeprecations(app: Probot, now: () => Date = () => new Date()): void {
  app.on('push', (context) => onPush(context, now));
}
