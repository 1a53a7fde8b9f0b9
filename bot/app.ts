/**
 * contractguard as a GitHub App (Probot 14): checks the contract tree of every PR, keeps one sticky report
 * comment and a `contractguard` check run per head commit, and takes approvals of breaking changes by
 * command or label; on pushes to the default branch keeps one deprecation issue per consumer of a deprecated
 * major and a dashboard issue; on a completed canary check opens or updates promotion and rollback PRs. Run it with `probot run ./dist/bot/app.js`, `node dist/bot/server.js`, or inside GitHub
 * Actions with `node dist/bot/actions.js`.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { registerDeprecations } from './deprecations.js';
import { registerPromotion } from './promotion.js';
import { onCheckRunRerequested, onIssueComment, onPullRequest } from './handlers.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.edited',
  'pull_request.labeled',
  'pull_request.unlabeled',
] as const;

const app: ApplicationFunction = (probot: Probot) => {
  probot.on([...PULL_REQUEST_EVENTS], onPullRequest);
  probot.on('issue_comment.created', onIssueComment);
  probot.on('check_run.rerequested', onCheckRunRerequested);
  registerDeprecations(probot);
  registerPromotion(probot);
};

export default app;
