/**
 * The scheduled run inside GitHub Actions (`on: schedule:`): a `schedule` event has no webhook payload worth
 * handing to Probot, so it runs the deprecation sync directly against the head of the default branch of
 * GITHUB_REPOSITORY with GITHUB_TOKEN. Wire it in `bot/actions.ts` before the Probot delivery:
 * `if (name === 'schedule') return runScheduledSync({ env, error });`
 */
import { type GitHubClient, createClient } from '../src/github/client.js';
import { readConfig } from '../src/github/config.js';
import { runDeprecationSync } from '../src/github/deprecation-issues.js';

export interface ScheduledRunOptions {
  env?: NodeJS.ProcessEnv;
  error?: (line: string) => void;
  /** Default: the current time. */
  now?: Date;
  /** Default: a client for GITHUB_TOKEN at GITHUB_API_URL. */
  client?: GitHubClient;
}

/** Runs the deprecation sync for GITHUB_REPOSITORY; resolves to the exit code (0, or 1 on failure). */
export async function runScheduledSync(opts: ScheduledRunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const error = opts.error ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const token = env.GITHUB_TOKEN;
  if (!owner || !repo || (!token && !opts.client)) {
    error('::error::contractguard: GITHUB_REPOSITORY and GITHUB_TOKEN must be set for a scheduled run');
    return 1;
  }
  try {
    const client = opts.client ?? createClient(token as string, { env });
    const config = await readConfig(client, owner, repo);
    await runDeprecationSync(client, { owner, repo }, { now: opts.now ?? new Date(), config });
    return 0;
  } catch (cause) {
    error(`::error::contractguard: ${cause instanceof Error ? cause.message : String(cause)}`);
    return 1;
  }
}
