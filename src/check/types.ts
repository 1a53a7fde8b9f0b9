/** The result of a PR check: what changed between base and head, and what the policy says about it. */
import type { Severity } from '../diff/types.js';
import type { TreeProblem, UnreadablePart } from '../model/types.js';
import type { Approval, Finding } from '../policy/types.js';
import type { AliasMove, VersionReport } from '../tree/types.js';

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
  /** Endpoints and majors of the head tree that cannot be read (their problems are in `problems`). */
  unreadable?: UnreadablePart[];
  /** The contract root exists in head only: the PR adds the contract tree. */
  rootAdded?: boolean;
  approvals: Approval[];
}
