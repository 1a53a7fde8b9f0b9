/**
 * Probot's Octokit for tests, with retries and throttling off; no vitest import, so the bot processes the
 * multi-process tests start can use it too.
 *
 * `ProbotOctokit.defaults({ throttle: { enabled: false } })` is not enough: Probot passes its own `throttle`
 * options when it creates a client, which replace the defaults' (a shallow merge), so writes stay throttled
 * to one a second. A function sees Probot's options and can switch it off.
 */
import { ProbotOctokit } from 'probot';

export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));
