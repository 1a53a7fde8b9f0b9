/** The policy's vocabulary: findings (what is wrong, how to fix it) and approvals (who accepted a break). */
import type { SourcePosition } from '../model/types.js';

export type FindingLevel = 'error' | 'warning' | 'notice';

/** A policy outcome (DESIGN §3): what is wrong, why it matters, how to fix it. */
export interface Finding {
  /** Policy rule id, e.g. `breaking-change-in-existing-major`, `minor-bump-missing`. */
  rule: string;
  level: FindingLevel;
  endpoint?: string;
  major?: number;
  message: string;
  /** What to do about it, e.g. "run `contractguard new-version sync-customers` and apply it there". */
  fix?: string;
  position?: SourcePosition;
  /** Fingerprints of the changes this finding is about. */
  fingerprints?: string[];
}

/** An approval as the front end verified it (who may approve is checked there, against GitHub). */
export interface Approval {
  /** A change fingerprint, or `all`. */
  fingerprint: string;
  by: string;
  reason?: string;
}

/**
 * An approval the front end checked and refused (say, a label applied by someone who may not approve):
 * it approves nothing, and the report says who tried and why it does not count.
 */
export interface RefusedApproval {
  /** Who tried; undefined when that cannot be found out. */
  by?: string;
  /** Why it does not count, as a clause: `they applied the label … but are not …`. */
  reason: string;
}
