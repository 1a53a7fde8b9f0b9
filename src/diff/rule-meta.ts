/**
 * What every rule shares, schema rules (src/diff/rules) and contract rules (src/tree/rules) alike, and the
 * one place their severity is decided: effect × direction by default, the rule's own policy where it
 * differs, the user's `rules:` in contractguard.yaml last. It lives here, in the lowest layer that has
 * rules, so both engines import it without an upward import.
 */
import { severityOfEffect } from './effect.js';
import { type Direction, type Effect, type Severity, type SeverityOverrides, maxSeverity } from './types.js';

/** What a change does to the set of things a side admits; `computed` when the check decides per hit. */
export type RuleEffect = Effect | 'computed';

/**
 * How a rule's severity is decided on one side:
 * `by-effect` derives it from what the change does (the default); a fixed severity states policy;
 * `atLeast` derives it but never lets it drop below a floor.
 */
export type SeveritySpec = Severity | 'by-effect' | { atLeast: Severity };

export interface RuleMeta {
  /** Kebab-case id, stable: contractguard.yaml `rules:`, approvals and other tools refer to it. */
  id: string;
  /** The rule that recognises the same change read backwards (new → old). */
  inverse: string;
  effect: RuleEffect;
  /**
   * The one side the rule is judged on: a contract rule reads either what the endpoint accepts (`input`)
   * or what its callers observe (`output`). Absent for schema rules, which run on both schemas.
   */
  direction?: Direction;
  /** Why the severity is what it is (for docs and the rule catalogue). */
  why: string;
}

/** The default severity of a change with this effect on this side. */
export function deriveSeverity(spec: SeveritySpec, effect: Effect, direction: Direction): Severity {
  const derived = severityOfEffect(effect, direction);
  if (spec === 'by-effect') return derived;
  return typeof spec === 'string' ? spec : maxSeverity([derived, spec.atLeast]);
}

/** The severity reported: the default, unless contractguard.yaml overrides this rule on this side. */
export function severityOf(
  rule: Pick<RuleMeta, 'id'>,
  spec: SeveritySpec,
  effect: Effect,
  direction: Direction,
  overrides?: SeverityOverrides,
): Severity {
  return overrides?.[rule.id]?.[direction] ?? deriveSeverity(spec, effect, direction);
}

/** The sides an override in `rules:` can apply to. */
export function sidesOf(rule: Pick<RuleMeta, 'direction'>): readonly Direction[] {
  return rule.direction ? [rule.direction] : ['input', 'output'];
}

/** A default severity as the catalogue states it. */
export function describeSeverity(spec: SeveritySpec, effect: RuleEffect, direction: Direction): string {
  if (spec === 'by-effect') return effect === 'computed' ? 'by effect' : severityOfEffect(effect, direction);
  return typeof spec === 'string' ? spec : `by effect, at least ${spec.atLeast}`;
}
