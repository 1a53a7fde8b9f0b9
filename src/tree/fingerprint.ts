/**
 * Stable identity of a change, used by approvals ("approve abc123def456") and by renderers to match a
 * change across runs.
 *
 * The fingerprint is the first 12 hex digits of the SHA-256 of a canonical string: a format tag, then the
 * endpoint, the major, the area, the rule id, the path and (when a rule reports several changes at one
 * path, one per enum value or required name) the identity of the item, separated by NUL characters. It
 * never includes a line number, a message or a before/after value, so it survives rebases, reformatting,
 * unrelated edits and rewording; it changes when the change moves to another place, rule or major.
 * Paths of contract rules name list items by key (`/errors/CRM_TIMEOUT`), so reordering a list keeps them.
 */
import { createHash } from 'node:crypto';
import type { Area } from './types.js';

export interface FingerprintInput {
  endpoint: string;
  major: number;
  area: Area;
  rule: string;
  path: string;
  /** Which item at `path`, when a rule reports several there (canonical JSON, e.g. `"frozen"`). */
  item?: string;
}

const FORMAT = 'contractguard-change-v1';

export function fingerprint(input: FingerprintInput): string {
  const parts = [input.endpoint, String(input.major), input.area, input.rule, input.path];
  if (input.item !== undefined) parts.push(input.item);
  return stableId(FORMAT, parts);
}

/**
 * The one hashing scheme behind every identity the reports show (changes, findings, problems): a format tag
 * and the parts, NUL-separated, SHA-256, the first 12 hex digits. Callers pass what the thing is about, never
 * a line number or a message, so the identity survives rewording and unrelated edits.
 */
export function stableId(tag: string, parts: readonly string[]): string {
  return createHash('sha256')
    .update([tag, ...parts].join('\u0000'))
    .digest('hex')
    .slice(0, 12);
}
