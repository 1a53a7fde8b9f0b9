/**
 * What the Action says besides the report — in its log, in the job summary above the report and at the top
 * of the PR comment: why nothing was compared, what was compared, the approve label's verdict, and what
 * became of the PR comment.
 */
import type { LabelVerdict } from '../check/approval-evidence.js';

export type NoteLevel = 'info' | 'warning';

/** A line for the log; `note` lines are also shown to the reader (summary, comment). */
export interface Line {
  level: NoteLevel;
  text: string;
  note?: boolean;
}

export function nothingToCompare(reason: string): string {
  return `Nothing to compare: ${reason}.`;
}

/** `contracts/`, or `./` for the repository root. */
export function shownRoot(root: string): string {
  return root === '' ? './' : `${root}/`;
}

export function noBaseCommit(eventName: string): string {
  return `${eventName ? `a ${eventName} event` : 'this event'} names no base commit: set the \`base\` input (a branch, tag or SHA to compare against)`;
}

export function comparing(root: string, base: string, head: string): string {
  return `Comparing ${shownRoot(root)} at base ${base} with head ${head}.`;
}

/** Base and head have the same contract tree (or neither has one). */
export function noContractChanges(root: string, neitherHasIt: boolean): string {
  const why = neitherHasIt
    ? `neither commit has a folder \`${shownRoot(root)}\``
    : `\`${shownRoot(root)}\` is identical in base and head`;
  return `No contract changes: ${why}.`;
}

/** What to log (and perhaps tell the reader) about the approve label on the PR. */
export function labelLines(verdict: LabelVerdict, label: string): Line[] {
  switch (verdict.kind) {
    case 'not-needed':
      return [{ level: 'info', text: `The PR has the label "${label}", but no change needs an approval.` }];
    case 'unchecked':
      return [
        {
          level: 'warning',
          text: `The label "${label}" was not checked: GITHUB_REPOSITORY is not set.`,
          note: true,
        },
      ];
    case 'judged': {
      const lines: Line[] = [];
      const [first] = verdict.approved;
      if (first) lines.push({ level: 'info', text: `Approval: @${first.by} ${first.reason ?? ''}.` });
      if (verdict.refused) {
        lines.push({
          level: 'warning',
          text: `The label "${label}" does not count: ${verdict.refused.reason}.`,
        });
      }
      return lines;
    }
  }
}

export const FORK_NOTE =
  'This PR comes from a fork: the token of a `pull_request` workflow cannot comment on it, so the report is only in this job summary.';

export const NO_REPOSITORY_NOTE =
  'No PR comment: GITHUB_REPOSITORY is not set; the report is in this job summary.';

export function commentDone(action: 'created' | 'updated' | 'unchanged' | 'absent', url?: string): string {
  const what = {
    created: 'Posted the PR comment',
    updated: 'Updated the PR comment',
    unchanged: 'The PR comment is up to date',
    absent: 'No PR comment to update',
  }[action];
  return `${what}${url ? `: ${url}` : ''}.`;
}

/** The PR comment could not be written; `forbidden` for HTTP 403. */
export function commentFailed(forbidden: boolean, why: string): string {
  return forbidden
    ? 'Could not post the PR comment (HTTP 403: the token may not write comments — a PR from a fork, or a workflow without `permissions: pull-requests: write`), so the report is only in this job summary.'
    : `Could not post the PR comment (${why}), so the report is only in this job summary.`;
}

/** Notes as one quote above a report (the PR comment's prefix, the job summary's head); empty without notes. */
export function quotedNotes(notes: readonly string[]): string {
  return notes.length === 0 ? '' : `${notes.map((n) => `> ${n}`).join('\n>\n')}\n\n`;
}
