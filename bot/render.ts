/**
 * The bot's texts around the core's Markdown report: the sticky comment (report, how to approve, the state
 * marker, a note when earlier problems are gone, a pointer to the check run when the report had to be cut)
 * and the check run's title and summary.
 */
import { whoMayApprove } from '../src/github/approver.js';
import { CHECK_OUTPUT_LIMIT } from '../src/github/check-run.js';
import { REPORT_MARKER } from '../src/github/sticky-comment.js';
import { GITHUB_COMMENT_LIMIT } from '../src/report/markdown-text.js';
import { headline, viewReport } from '../src/report/view.js';
import { renderTreeMarkdown } from '../src/report/markdown.js';
import type { TreeReport } from '../src/check/types.js';
import { type BotState, renderState } from './state.js';

type Links = { base: string; head: string };

export function checkRunTitle(report: TreeReport): string {
  return headline(viewReport(report)).text;
}

export function checkRunSummary(report: TreeReport, links: Links | undefined): string {
  return renderTreeMarkdown(report, { maxLength: CHECK_OUTPUT_LIMIT, ...(links ? { links } : {}) });
}

export interface CommentInput {
  report: TreeReport;
  state: BotState;
  /** The outcome the comment showed before this run. */
  previous: BotState['last'];
  needsApproval: { name: string; owner?: string }[];
  /** Fingerprint → endpoint, of the changes an approval could lift. */
  fingerprints: Map<string, string>;
  approveLabel: string;
  /** `owner/repo`. */
  repoName: string;
  /** `approvers` of base's contractguard.yaml. */
  approvers: readonly string[];
  checkRunUrl: string | undefined;
  links?: Links;
}

/** Kept free for the sticky store's marker line and its own cut note. */
const MARGIN = 200;

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
  const state = renderState(input.state);
  const fixed = [...head, ...tail, state].join('\n\n').length;
  const budget = GITHUB_COMMENT_LIMIT - REPORT_MARKER.length - MARGIN - fixed;
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
  return [...head, body, ...tail, state].join('\n\n');
}

/** How to approve, while something needs approval: the commands per fingerprint, the label, who may. */
function approvalHelp(input: CommentInput): string | undefined {
  if (input.needsApproval.length === 0) return undefined;
  const lines = ['<details><summary>How to approve these breaking changes</summary>', ''];
  const fingerprints = [...input.fingerprints.entries()];
  lines.push(
    'Comment on this PR with one of these lines (a reason after it is recorded with the approval):',
    '',
  );
  for (const [fp, endpoint] of fingerprints.slice(0, 50))
    lines.push(`- \`/contractguard approve ${fp}\` (${endpoint})`);
  lines.push('- `/contractguard approve all <reason>` (every breaking change in this PR)', '');
  if (fingerprints.length > 50)
    lines.push(`(${fingerprints.length - 50} more fingerprints are in the check run.)`, '');
  lines.push(`or apply the label \`${input.approveLabel}\`.`, '');
  lines.push(
    `Approvals count from ${whoMayApprove({ repoName: input.repoName, endpoints: input.needsApproval, approvers: input.approvers })}.`,
  );
  lines.push('', '</details>');
  return lines.join('\n');
}
