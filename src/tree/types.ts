/**
 * The result of comparing two contract trees (base and head of a PR): per-version changes, policy findings,
 * alias moves. Plain data: the renderers (Markdown, text, JSON, SARIF) and the front ends consume it.
 */
import type { Severity } from '../diff/types.js';
import type { SourcePosition, TreeProblem } from '../model/types.js';

/** Which part of a version's contract a change is in. */
export type Area = 'input' | 'output' | 'sideEffects' | 'operational' | 'errors' | 'auth' | 'meta';

export interface TreeChange {
  endpoint: string;
  major: number;
  area: Area;
  /** Rule id (schema rules from src/diff/rules, contract rules from src/tree/rules). */
  rule: string;
  severity: Severity;
  /** JSON pointer inside the area: a schema pointer for input/output, a field pointer otherwise. */
  path: string;
  /** One sentence for a PR author: what changed, whom it breaks. */
  message: string;
  /**
   * Stable identity of the change: a hash of endpoint, major, area, rule and path (never line numbers),
   * so an approval survives rebases and unrelated edits.
   */
  fingerprint: string;
  /** Where to show it: in head, or in base for removals. */
  position?: SourcePosition & { side: 'head' | 'base' };
  /** Set by the policy when an approval covers this change. */
  approvedBy?: string;
  /**
   * The registered consumers this change breaks (see src/consumers/impact.ts): for an output change, those
   * whose `expects` reads the changed field (or that have no `expects`); for a breaking change elsewhere,
   * every consumer of the major. Absent when none.
   */
  consumers?: { name: string; owner: string; kind: string }[];
}

export type VersionChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface VersionReport {
  endpoint: string;
  major: number;
  kind: VersionChangeKind;
  /** `version:` in base and head contract.yaml. */
  baseVersion?: string;
  headVersion?: string;
  /** Highest severity among this version's changes. */
  verdict: Severity;
  changes: TreeChange[];
}

export interface AliasMove {
  endpoint: string;
  alias: string;
  from?: number;
  to?: number;
}

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

export interface TreeReport {
  base: string;
  head: string;
  /** Contract root relative to the repository root. */
  root: string;
  /** Highest severity of any change. */
  verdict: Severity;
  /** False when any finding is an error: the PR check fails. */
  passed: boolean;
  versions: VersionReport[];
  aliasMoves: AliasMove[];
  findings: Finding[];
  /** Problems in the head tree (files that do not parse or validate); each is also an error finding. */
  problems: TreeProblem[];
  approvals: Approval[];
}
