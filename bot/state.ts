/**
 * What the bot remembers about a PR, kept in GitHub rather than in a database: a hidden marker in its own
 * sticky comment holding JSON (the approvals that counted — who, what, when, how — and whether the last
 * report passed). Only the bot's own comment is read (the sticky store matches its login), so nobody can
 * forge an approval by pasting a marker into another comment.
 */
import type { Approval } from '../src/policy/types.js';

export const STATE_MARKER = 'contractguard:state';

export interface RecordedApproval {
  /** A change fingerprint, or `all`. */
  fingerprint: string;
  /** Login, without `@`. */
  by: string;
  reason?: string;
  /** ISO time the approval was given. */
  at: string;
  /** How it was given (the label is checked afresh on every run, so it is never recorded). */
  via: 'command';
}

export interface BotState {
  approvals: RecordedApproval[];
  /** Outcome of the last posted report: `failed` lets a later passing report say the problems are gone. */
  last?: { sha: string; passed: boolean };
}

const STATE_PATTERN = /<!-- contractguard:state (\{[^\n]*?\}) -->/;

export function emptyState(): BotState {
  return { approvals: [] };
}

function isApproval(v: unknown): v is RecordedApproval {
  const a = v as Partial<RecordedApproval> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.fingerprint === 'string' &&
    typeof a.by === 'string' &&
    typeof a.at === 'string' &&
    a.via === 'command' &&
    (a.reason === undefined || typeof a.reason === 'string')
  );
}

/** The state in a comment body; an empty state when there is none or it does not parse. */
export function parseState(body: string | null | undefined): BotState {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match?.[1]) return emptyState();
  try {
    const raw = JSON.parse(match[1]) as { approvals?: unknown; last?: { sha?: unknown; passed?: unknown } };
    const approvals = Array.isArray(raw.approvals) ? raw.approvals.filter(isApproval) : [];
    const last =
      typeof raw.last?.sha === 'string' && typeof raw.last.passed === 'boolean'
        ? { sha: raw.last.sha, passed: raw.last.passed }
        : undefined;
    return { approvals, ...(last ? { last } : {}) };
  } catch {
    return emptyState();
  }
}

/** The marker line. `<`, `>` and `-` are escaped in the JSON so the text can never close the comment. */
export function renderState(state: BotState): string {
  const json = JSON.stringify(state).replace(
    /[<>-]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- ${STATE_MARKER} ${json} -->`;
}

/** The approvals the core takes (`by` as a mention). */
export function toCoreApprovals(recorded: readonly RecordedApproval[]): Approval[] {
  return recorded.map((a) => ({
    fingerprint: a.fingerprint,
    by: `@${a.by}`,
    ...(a.reason ? { reason: a.reason } : {}),
  }));
}

/** Adds an approval, replacing an earlier one by the same person for the same fingerprint. */
export function withApproval(state: BotState, approval: RecordedApproval): BotState {
  const rest = state.approvals.filter(
    (a) =>
      !(
        a.by.toLowerCase() === approval.by.toLowerCase() &&
        a.fingerprint === approval.fingerprint &&
        a.via === approval.via
      ),
  );
  return { ...state, approvals: [...rest, approval] };
}
