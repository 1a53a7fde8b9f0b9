/**
 * The result of comparing two contract trees (base and head of a PR): per-version changes, policy findings,
 * alias moves. Plain data: the renderers (Markdown, text, JSON, SARIF) and the front ends consume it.
 */
import type { Counterexample, Severity } from '../diff/types.js';
import type { SourcePosition } from '../model/types.js';

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
  /** For a schema change that breaks set inclusion: an instance proving it, verified (src/evidence). */
  counterexample?: Counterexample;
  /**
   * For a schema change: where it is on each side (`path` is one of them) and the rule's arguments, so that
   * the counterexample search starts where the classifier saw the change. Not part of the JSON report.
   */
  schemaPlace?: { oldPath: string; newPath: string; args: Record<string, unknown> };
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
  /** For an added major: what changes for the callers who move to it from the major below. */
  migration?: Migration;
  /**
   * Set when head's contract has no output schema (`output: true`): output changes are not checked.
   * `windmill` when the input is a Windmill script's (scripts declare no output schema).
   */
  noOutputSchema?: 'windmill' | 'contract';
}

/**
 * A new major against the previous live major (the highest below it in head that is not retired): the diff
 * a caller meets when moving, the deadline, and (set by src/consumers/impact.ts) who has to move. Its
 * changes are not changes of this PR: they count in no verdict, finding or approval.
 */
export interface Migration {
  /** The major callers move from. */
  from: number;
  /** Its deprecation date in head (YYYY-MM-DD), when set: the deadline for moving. */
  deadline?: string;
  /** The changes with an effect, from `from` to the new major, most severe first. */
  changes: TreeChange[];
  /** The registered consumers of `from`, who have to move. Absent when none. */
  consumers?: { name: string; owner: string; kind: string }[];
}

export interface AliasMove {
  endpoint: string;
  alias: string;
  from?: number;
  to?: number;
}
