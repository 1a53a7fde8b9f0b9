/**
 * The vocabulary of the classifier. Three stages, plain data between them:
 * the walker compares two schemas and emits neutral `Fact`s; the rule table turns facts into
 * `Change`s using direction and semantics; renderers turn changes into words for people.
 */
import type { Origin } from '../schema/types.js';

/** An input schema is the set of requests an endpoint accepts; an output schema the set of responses it may produce. */
export type Direction = 'input' | 'output';

/**
 * `pragmatic`: undeclared properties are outside the contract (what API teams expect).
 * `strict`: pure set inclusion of the two schemas' instance sets (a schema registry's BACKWARD/FORWARD check).
 */
export type Semantics = 'pragmatic' | 'strict';

/** Ordered from most to least severe; see `SEVERITY_ORDER`. */
export type Severity = 'breaking' | 'dangerous' | 'additive' | 'none';

export const SEVERITY_ORDER: readonly Severity[] = ['none', 'additive', 'dangerous', 'breaking'];

/**
 * What a difference does to the set of instances a schema admits, reading old → new.
 * `widens`: new admits values old did not. `narrows`: new rejects values old admitted.
 * `both`: both at once (e.g. a type swapped). `none`: same set (annotations, refactors).
 * `unknown`: the rules cannot decide; the semantic check may settle it, otherwise it is `dangerous`.
 */
export type Effect = 'widens' | 'narrows' | 'both' | 'none' | 'unknown';

/**
 * Per-rule severity overrides (contractguard.yaml `rules:`), by rule id (schema or contract rule) and
 * direction. Severity is policy: rules carry defaults, configuration overrides them.
 */
export type SeverityOverrides = Record<string, Partial<Record<Direction, Severity>>>;

/** A neutral observation made by the walker: something differs at a pair of positions. */
export interface Fact {
  /** The rule id that recognises this difference. */
  rule: string;
  /** JSON pointer into the (resolved) old schema. */
  oldPath: string;
  /** JSON pointer into the (resolved) new schema. */
  newPath: string;
  effect: Effect;
  /** Structured arguments for the message; never prose. */
  args: Record<string, unknown>;
  oldOrigin?: Origin;
  newOrigin?: Origin;
}

/** A classified difference, ready for a PR author. */
export interface Change {
  rule: string;
  severity: Severity;
  effect: Effect;
  /** JSON pointer where the change is best shown: the new side, or the old side for removals. */
  path: string;
  oldPath: string;
  newPath: string;
  /** One sentence: what changed and whom it breaks. */
  message: string;
  args: Record<string, unknown>;
  /** Source location in head (or base, for removals) when known. */
  origin?: Origin;
  /**
   * For a change that breaks set inclusion: an instance proving it, verified with ajv against both schemas
   * (src/evidence). Attached after classification; absent when none was found within the bounds.
   */
  counterexample?: Counterexample;
}

/**
 * A concrete instance valid against `validAgainst` and invalid against the other side: an input break is
 * valid against old (accepted before, rejected now), an output break valid against new (possible now, not
 * before).
 */
export interface Counterexample {
  value: unknown;
  validAgainst: 'old' | 'new';
  /** When the instance is a consumer's recorded fixture: whose, and which file. */
  fixture?: { consumer: string; file: string };
  /**
   * Where in `value` the change is: the property names and array indexes leading there. Text and Markdown
   * show that part of a long instance and elide the rest; not part of the JSON report.
   */
  at?: readonly (string | number)[];
}

export interface DiffOptions {
  direction: Direction;
  semantics?: Semantics;
  /** Per-rule severity overrides (from contractguard.yaml `rules:`). */
  overrides?: SeverityOverrides;
  /** Time limit for each semantic (json-schema-diff) check, in milliseconds. */
  semanticTimeoutMs?: number;
}

export interface DiffResult {
  verdict: Severity;
  changes: Change[];
}

/** Highest severity of a list; `none` for an empty list. */
export function maxSeverity(severities: Iterable<Severity>): Severity {
  let best = 0;
  for (const s of severities) best = Math.max(best, SEVERITY_ORDER.indexOf(s));
  return SEVERITY_ORDER[best] ?? 'none';
}
