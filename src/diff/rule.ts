import type { CObject } from './canonical.js';
import type { JsonType } from './canonical.js';
import type { Direction, Effect, Semantics, Severity } from './types.js';

/**
 * How a rule's severity is decided for one direction and semantics:
 * `by-effect` derives it from what the change does to the instance set (the default);
 * a fixed severity states policy; `atLeast` derives it but never lets it drop below a floor.
 */
export type SeveritySpec = Severity | 'by-effect' | { atLeast: Severity };

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

export interface Rule {
  /** Kebab-case id, stable: policy files and other tools refer to it. */
  id: string;
  /** The rule that recognises the same change read backwards (new → old). */
  inverse: string;
  /** What the change does to the instance set; `computed` when the check or walker decides per hit. */
  effect: Effect | 'computed';
  /** Only run the check when both schemas admit one of these types (keywords apply per type). */
  appliesTo?: readonly JsonType[];
  /** Keyword comparison at one pair of nodes. Rules without a check are emitted by the walker itself. */
  check?: (o: CObject, n: CObject) => Hit[];
  severity?: Partial<Record<Semantics, Partial<Record<Direction, SeveritySpec>>>>;
  /** What changed, as a sentence fragment with the subject in it. */
  what: (args: Record<string, unknown>, ctx: MessageContext) => string;
  /** Who it affects; defaults to the direction/effect wording in describe.ts. */
  impact?: (args: Record<string, unknown>, ctx: MessageContext) => string | undefined;
  /** Why the severity is what it is (for docs and the rule catalogue). */
  why: string;
  /** When the effect is `unknown`, whether the semantic check may settle it. */
  semantic?: boolean;
  /**
   * `old` when the change is best shown in the base schema because the thing is gone from head
   * (a removed property or branch); otherwise the change is shown in head.
   */
  shownIn?: 'old';
}
