/**
 * The bot inside a GitHub Actions job, without hosting: `node dist/bot/actions.js` in a workflow that runs
 * on `pull_request`, `issue_comment`, `push` and `schedule`, with `GITHUB_TOKEN` in the environment. It hands the job's event
 * (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) to the same app and — unlike `@probot/adapter-github-actions`,
 * which only logs handler errors — fails the step (exit code 1) when a handler fails.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type ApplicationFunction, type Probot, type ProbotOctokit, createProbot } from 'probot';

import app from './app.js';
import { runScheduledSync } from './schedule.js';

export interface ActionsRunOptions {
  env?: NodeJS.ProcessEnv;
  appFn?: ApplicationFunction;
  /** An Octokit class for Probot (tests: retries off). */
  Octokit?: typeof ProbotOctokit;
  /** Where errors are written; default stderr. */
  error?: (line: string) => void;
}

type Delivery = Parameters<Probot['receive']>[0];

/** Runs the app on the job's event; resolves to the process exit code (0, or 1 on any failure). */
export async function runInActions(opts: ActionsRunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const error = opts.error ?? ((line: string) => process.stderr.write(`${line}\n`));
  const name = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  const token = env.GITHUB_TOKEN;
  const missing = [
    ['GITHUB_EVENT_NAME', name],
    ['GITHUB_EVENT_PATH', eventPath],
    ['GITHUB_TOKEN', token],
  ].filter(([, value]) => !value);
  if (missing.length > 0) {
    error(
      `::error::contractguard: ${missing.map(([key]) => key).join(', ')} not set (pass GITHUB_TOKEN in env:)`,
    );
    return 1;
  }
  // A scheduled run has no delivery to hand to the app: it syncs deprecation issues and reminders.
  if (name === 'schedule') return runScheduledSync({ env, error });
  try {
    const payload = JSON.parse(readFileSync(eventPath as string, 'utf8')) as Record<string, unknown>;
    const probot = createProbot({
      env: { LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
      overrides: {
        githubToken: token,
        // The approval ledger's seal is derived from it; without it the bot records no approvals.
        ...(env.WEBHOOK_SECRET ? { secret: env.WEBHOOK_SECRET } : {}),
        baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
        ...(opts.Octokit ? { Octokit: opts.Octokit } : {}),
      },
    });
    await probot.load(opts.appFn ?? app);
    await probot.receive({ id: env.GITHUB_RUN_ID ?? 'actions', name, payload } as unknown as Delivery);
    return 0;
  } catch (cause) {
    const errors = cause instanceof AggregateError ? cause.errors : [cause];
    for (const e of errors) error(`::error::contractguard: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runInActions();
}
