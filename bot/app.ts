/**
 * contractguard as a GitHub App (Probot 14): checks the contract tree of every PR, keeps one sticky report
 * comment and a `contractguard` check run per head commit, and takes approvals of breaking changes by
 * command or label; on pushes to the default branch keeps one deprecation issue per consumer of a deprecated
 * major and a dashboard issue; on a completed canary check opens or updates promotion and rollback PRs.
 * Run it with `npm start` (`node dist/bot/server.js`, see there), or inside GitHub Actions with
 * `node dist/bot/actions.js`; `probot run ./dist/bot/app.js` works too, without the server's intake.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { ledgerKey } from '../src/github/ledger-key.js';
import { pullRequestLock } from '../src/github/pull-request-lock.js';
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

const app: ApplicationFunction = async (probot: Probot) => {
  // Seals the approval ledger in the bot's comment (docs/bot.md, "Approvals").
  const key = await ledgerKey((text) => probot.webhooks.sign(text));
  // Checks of one PR run one at a time: in this process, and across replicas sharing REDIS_URL.
  const lock = pullRequestLock(process.env.REDIS_URL, probot.log);
  const deps = { ...(key === undefined ? {} : { key }), lock };
  probot.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest(context, deps));
  probot.on('issue_comment.created', (context) => onIssueComment(context, deps));
  probot.on('check_run.rerequested', (context) => onCheckRunRerequested(context, deps));
  registerDeprecations(probot);
  registerPromotion(probot);
};

export default app;
