/**
 * The approve command in a PR comment: `/contractguard approve <fingerprint>|all [reason]`, on its own line.
 * Parsed in the core so every front end that takes comments reads it the same way.
 */

export interface ApproveCommand {
  /** A change fingerprint, or `all`. */
  fingerprint: string;
  reason?: string;
}

const COMMAND = /^\s*\/contractguard\s+approve(?:\s+(\S+))?(?:[ \t]+(.*?))?\s*$/im;
const FINGERPRINT = /^[A-Za-z0-9_-]{1,100}$/;

export type ParsedCommand =
  { kind: 'approve'; command: ApproveCommand } | { kind: 'invalid'; message: string };

/** The first approve command in `body`, or undefined when there is none. */
export function parseApproveCommand(body: string): ParsedCommand | undefined {
  const match = COMMAND.exec(body);
  if (!match) return undefined;
  const target = match[1];
  if (target === undefined) {
    return {
      kind: 'invalid',
      message: 'say what to approve: `/contractguard approve <fingerprint>` or `/contractguard approve all`',
    };
  }
  if (!FINGERPRINT.test(target)) {
    return {
      kind: 'invalid',
      message: `\`${target.slice(0, 40)}\` is not a change fingerprint (they are shown in the report)`,
    };
  }
  const reason = match[2]?.trim().slice(0, 500);
  return {
    kind: 'approve',
    command: { fingerprint: target === 'ALL' ? 'all' : target, ...(reason ? { reason } : {}) },
  };
}
