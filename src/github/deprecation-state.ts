/**
 * What a deprecation issue remembers between runs, kept in hidden markers in its body: which migration it
 * tracks (endpoint major × consumer), which reminders were sent, and whether the bot closed it. Markers are
 * trusted only in issues a bot opened (`findByMarker`).
 */
import { REMINDERS, type Reminder } from '../consumers/deprecation-reminders.js';
import type { MigrationKey } from '../consumers/deprecations.js';

export const DEPRECATION_LABEL = 'contractguard:deprecation';
export const DASHBOARD_LABEL = 'contractguard:dashboard';
export const DASHBOARD_MARKER = '<!-- contractguard:dashboard -->';

export function deprecationMarker(endpoint: string, major: number, consumer: string): string {
  return `<!-- contractguard:deprecation endpoint=${endpoint} major=${major} consumer=${consumer} -->`;
}

const MARKER_PATTERN = /<!-- contractguard:deprecation endpoint=(\S+) major=(\d+) consumer=(\S+) -->/;

/** The migration an issue body's marker names, if it has one. */
export function readMarker(body: string): MigrationKey | undefined {
  const m = MARKER_PATTERN.exec(body);
  if (!m) return undefined;
  const [, endpoint, major, consumer] = m as unknown as [string, string, string, string];
  return { endpoint, major: Number(major), consumer };
}

export interface DeprecationState {
  /** Reminders already posted (or due when the issue was opened, so never posted). */
  reminders: Reminder[];
  /** The bot closed the issue because the consumer moved off the major (so it may reopen it). */
  resolved: boolean;
}

const STATE_PATTERN = /<!-- contractguard:deprecation-state (\{[^\n]*?\}) -->/;

export function parseDeprecationState(body: string): DeprecationState {
  const match = STATE_PATTERN.exec(body);
  if (!match?.[1]) return { reminders: [], resolved: false };
  try {
    const raw = JSON.parse(match[1]) as { reminders?: unknown; resolved?: unknown };
    const reminders = Array.isArray(raw.reminders)
      ? REMINDERS.filter((r) => (raw.reminders as unknown[]).includes(r))
      : [];
    return { reminders, resolved: raw.resolved === true };
  } catch {
    return { reminders: [], resolved: false };
  }
}

function renderDeprecationState(state: DeprecationState): string {
  // `<`, `>` and `-` escaped so the JSON can never close the comment.
  const json = JSON.stringify({ reminders: state.reminders, resolved: state.resolved }).replace(
    /[<>-]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- contractguard:deprecation-state ${json} -->`;
}

/** `body` with its state marker replaced by (or appended as) `state`. */
export function withState(body: string, state: DeprecationState): string {
  const line = renderDeprecationState(state);
  return STATE_PATTERN.test(body) ? body.replace(STATE_PATTERN, line) : `${body}\n${line}\n`;
}
