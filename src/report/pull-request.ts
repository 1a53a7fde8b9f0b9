/**
 * The PR check's texts on GitHub around the Markdown report: the bot's sticky comment (report, how to
 * approve, a note when earlier problems are gone, a pointer to the check run when the report had to be cut),
 * the check run's title and summary, the replies to approve commands, and who may approve.
 */
import type { CommandVerdict, Declined } from '../check/approval-evidence.js';
import type { PendingApprovals } from '../check/pending-approvals.js';
import type { EndpointOwner } from '../check/ports.js';
import type { TreeReport } from '../check/types.js';
import { renderTreeMarkdown } from './markdown.js';
import { GITHUB_COMMENT_LIMIT } from './markdown-text.js';
import { headline, viewReport } from './view.js';

/** GitHub's limit on a check run's `output.summary` and `output.text`. */
export const CHECK_OUTPUT_LIMIT = 65_535;

type Links = { base: string; head: string };

export function checkRunTitle(report: TreeReport): string {
  return headline(viewReport(report)).text;
}

export function checkRunSummary(report: TreeReport, links: Links | undefined): string {
  return renderTreeMarkdown(report, { maxLength: CHECK_OUTPUT_LIMIT, ...(links ? { links } : {}) });
}

export interface CommentInput {
  report: TreeReport;
  /** The outcome the comment showed before this run. */
  previous: { sha: string; passed: boolean } | undefined;
  pending: PendingApprovals;
  approveLabel: string;
  /** The approve label is on the PR already (it approved what needed approval when it was applied). */
  labelOnPr?: boolean;
  /** `owner/repo`. */
  repoName: string;
  /** `approvers` of base's contractguard.yaml. */
  approvers: readonly string[];
  checkRunUrl: string | undefined;
  /** The ledger's marker line, kept last and never cut. */
  stateMarker: string;
  links?: Links;
}

/** Kept free for the sticky store's marker line (`<!-- contractguard:report -->`) and its own cut note. */
const RESERVED = 230;

/** The sticky comment's body (the store adds the report marker). Always within GitHub's comment limit. */
export function commentText(input: CommentInput): string {
  const { report } = input;
  const head: string[] = [];
  if (report.passed && input.previous && !input.previous.passed) {
    head.push(
      `✅ **The problems reported for ${input.previous.sha.slice(0, 7)} are resolved** as of ${report.head}.`,
    );
  }
  const tail: string[] = [];
  const help = approvalHelp(input);
  if (help) tail.push(help);
  const fixed = [...head, ...tail, input.stateMarker].join('\n\n').length;
  const budget = GITHUB_COMMENT_LIMIT - RESERVED - fixed;
  const links = input.links ? { links: input.links } : {};
  const full = renderTreeMarkdown(report, { maxLength: Number.MAX_SAFE_INTEGER, ...links });
  let body = full;
  if (full.length > budget) {
    const where = input.checkRunUrl
      ? `[the check run](${input.checkRunUrl})`
      : 'the `contractguard` check run';
    const note = `\n\n_This comment is cut to fit GitHub's limit; the full report and every annotation are in ${where}._`;
    body = renderTreeMarkdown(report, { maxLength: budget - note.length, ...links }) + note;
  }
  return [...head, body, ...tail, input.stateMarker].join('\n\n');
}

/** How to approve, while something needs approval: the commands per fingerprint, the label, who may. */
function approvalHelp(input: CommentInput): string | undefined {
  const { endpoints, fingerprints } = input.pending;
  if (fingerprints.size === 0) return undefined;
  const listed = [...fingerprints.entries()];
  const lines = [
    '<details><summary>How to approve these breaking changes</summary>',
    '',
    'Comment on this PR with one of these lines (a reason after it is recorded with the approval):',
    '',
    ...listed
      .slice(0, 50)
      .map(([fp, endpoint]) => `- \`/contractguard approve ${fp}\` (${endpoint ?? 'policy change'})`),
    '- `/contractguard approve all <reason>` (every change listed here, as it is now)',
    '',
    "An approval lifts only these changes, never a missing version bump or a consumer's failing fixture: " +
      "the **Fix** of each major's block says what else it needs.",
    '',
  ];
  if (listed.length > 50) lines.push(`(${listed.length - 50} more fingerprints are in the check run.)`, '');
  lines.push(
    input.labelOnPr
      ? `or remove and re-apply the label \`${input.approveLabel}\` (it approves what needs approval when it is applied).`
      : `or apply the label \`${input.approveLabel}\`.`,
    '',
  );
  lines.push(
    `Approvals count from ${whoMayApprove({ repoName: input.repoName, endpoints, approvers: input.approvers })}.`,
  );
  if (listed.some(([, endpoint]) => endpoint === undefined)) {
    lines.push(
      '',
      `A change of the policy counts only from ${whoMayApprove({ repoName: input.repoName, endpoints: [], approvers: input.approvers })}.`,
    );
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

/** Who may approve, as a sentence: `an admin or maintainer of acme/api, @acme/crm-team (owner of …)`. */
export function whoMayApprove(scope: {
  repoName: string;
  endpoints: readonly EndpointOwner[];
  approvers: readonly string[];
}): string {
  const who = [`an admin or maintainer of ${scope.repoName}`];
  if (scope.approvers.length > 0)
    who.push(`an approver listed in contractguard.yaml (${scope.approvers.join(', ')})`);
  const owned = scope.endpoints.filter((e) => e.owner !== undefined);
  if (owned.length > 0) {
    who.push(
      `the owner of ${owned.length === 1 ? 'the endpoint' : 'every endpoint concerned'} (${owned
        .map((e) => `${e.owner} for ${e.name}`)
        .join(', ')})`,
    );
  }
  return who.length === 1 ? (who[0] as string) : `${who.slice(0, -1).join(', ')} or ${who.at(-1)}`;
}

/** Who may approve what was declined: `Breaking changes here can be approved by …`. */
function declinedWho(
  declined: Declined,
  context: { repoName: string; approvers: readonly string[] },
): string {
  const what = declined.endpoints.length === 0 ? 'The policy change here' : 'Breaking changes here';
  return `${what} can be approved by ${whoMayApprove({ ...context, endpoints: declined.endpoints })}.`;
}

/** The reply to an approve command that was not recorded (after `@sender `). */
export function commandReply(
  verdict: Exclude<CommandVerdict, { kind: 'recorded' }>,
  context: { headSha: string; repoName: string; approvers: readonly string[] },
): string {
  switch (verdict.kind) {
    case 'nothing-to-approve':
      return `there is nothing to approve in this PR at ${context.headSha.slice(0, 7)}.`;
    case 'unknown-fingerprint':
      return `\`${verdict.fingerprint}\` is not one of the changes that need approval here (${verdict.known.map((k) => `\`${k}\``).join(', ')}).`;
    case 'not-allowed':
      return `your approval does not count: you are ${verdict.why.join('; ')}. ${declinedWho(verdict, context)}`;
  }
}

/** The reply to an `approve all` that covered only part of what needs approval (after `@sender `). */
export function partialApprovalReply(
  approved: number,
  declined: Declined,
  context: { repoName: string; approvers: readonly string[] },
): string {
  const rest = [
    ...declined.endpoints.map((e) => e.name),
    ...(declined.policy ? ['the policy change'] : []),
  ].join(', ');
  return (
    `your approval counts for ${approved} ${approved === 1 ? 'change' : 'changes'}, not for ${rest}: ` +
    `you are ${declined.why.join('; ')}. ${declinedWho(declined, context)}`
  );
}

/** The answer to an approve command when the bot has no key to seal its ledger with. */
export const NO_LEDGER_KEY_REPLY =
  "approvals by command are off: this bot has no secret to seal them with (its WEBHOOK_SECRET is Probot's default). " +
  'An admin can set WEBHOOK_SECRET (see docs/bot.md); until then the approve label works.';

/** The failed check run's title and summary when the check itself could not run. */
export function checkFailureText(why: string, serverError: boolean): { title: string; summary: string } {
  return {
    title: 'contractguard could not check this commit',
    summary:
      `contractguard could not check the contracts of this commit: ${why}\n\n` +
      (serverError
        ? 'GitHub had a server error (the request was retried). Re-run this check or push again to retry.'
        : 'Fix the cause, then re-run this check or push again.'),
  };
}
