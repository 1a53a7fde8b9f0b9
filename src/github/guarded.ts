/**
 * A check that fails still says so on the commit: `guarded` runs a task and, when it throws, marks the head
 * commit with a failed `contractguard` check run that says why (best effort), then rethrows so the delivery
 * (or the Actions step) fails too.
 */
import { checkFailureText } from '../report/pull-request.js';
import { publishCheckRun } from './check-run.js';
import { type GitHubClient, errorText, httpStatus } from './client.js';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export async function guarded<T>(
  client: GitHubClient,
  commit: { owner: string; repo: string; headSha: string },
  log: Logger,
  task: () => Promise<T>,
): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const status = httpStatus(error);
    const why =
      status === undefined ? errorText(error) : `GitHub answered HTTP ${status}: ${errorText(error)}`;
    try {
      await publishCheckRun(client, {
        ...commit,
        conclusion: 'failure',
        ...checkFailureText(why, status !== undefined && status >= 500),
      });
    } catch (reportError) {
      log.warn(`could not publish the failed check run either: ${errorText(reportError)}`);
    }
    throw error;
  }
}
