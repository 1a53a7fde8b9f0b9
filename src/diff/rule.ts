/** The shape of a schema rule: shared metadata (rule-meta.ts) plus a keyword check on canonical nodes. */
import type { CObject } from './canonical.js';
import type { JsonType } from './canonical.js';
import type { RuleMeta, SeveritySpec } from './rule-meta.js';
import type { Direction, Effect, Semantics, Severity } from './types.js';

export interface Hit {
  args: Record<string, unknown>;
  /** Overrides the rule's declared effect when the check computes it (e.g. multipleOf 10 → 5 widens). */
  effect?: Effect;
  /** Pointer suffix below the node, e.g. `/maxLength`. */
  at?: string;
}

export interface MessageContext {
  /** Human name of the place, e.g. "`customer.status`" or "the response". */
  subject: string;
  direction: Direction;
  severity: Severity;
  effect: Effect;
}

export interface Rule extends RuleMeta {
  /** Schema rules run on both schemas, input and output: the direction comes with each diff. */
  direction?: never;
  /** Only run the check when both schemas admit one of these types (keywords apply per type). */
  appliesTo?: readonly JsonType[];
  /** Keyword comparison at one pair of nodes. Rules without a check are emitted by the walker itself. */
  check?: (o: CObject, n: CObject) => Hit[];
  /** Policy where it differs from the effect, per semantics and direction (default `by-effect`). */
  severity?: Partial<Record<Semantics, Partial<Record<Direction, SeveritySpec>>>>;
  /** What changed, as a sentence fragment with the subject in it. */
  what: (args: Record<string, unknown>, ctx: MessageContext) => string;
  /** Who it affects; defaults to the direction/effect wording in describe.ts. */
  impact?: (args: Record<string, unknown>, ctx: MessageContext) => string | undefined;
  /** When the effect is `unknown`, whether the semantic check may settle it. */
  semantic?: boolean;
  /**
   * `old` when the change is best shown in the base schema because the thing is gone from head
   * (a removed property or branch); otherwise the change is shown in head.
   */
  shownIn?: 'old';
}

/** A schema rule's default severity spec for one semantics and direction. */
export function specOf(rule: Rule, semantics: Semantics, direction: Direction): SeveritySpec {
  return rule.severity?.[semantics]?.[direction] ?? 'by-effect';
}
