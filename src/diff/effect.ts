/**
 * The direction axis in one place: an effect on the instance set becomes a severity once we know whether
 * the schema describes what the endpoint accepts (input) or what it produces (output).
 */
import type { Direction, Effect, Severity } from './types.js';

/** old → new read backwards, or a change under `not`: widening becomes narrowing. */
export function flip(effect: Effect): Effect {
  return effect === 'widens' ? 'narrows' : effect === 'narrows' ? 'widens' : effect;
}

/** Two effects of one change taken together. A definite effect wins over `unknown`. */
export function combine(a: Effect, b: Effect): Effect {
  if (a === b) return a;
  if (a === 'none') return b;
  if (b === 'none') return a;
  if (a === 'unknown') return b;
  if (b === 'unknown') return a;
  return 'both';
}

export function combineAll(effects: Iterable<Effect>): Effect {
  let out: Effect = 'none';
  for (const e of effects) out = combine(out, e);
  return out;
}

/**
 * Strict set semantics: accepting less breaks callers of an input; producing more breaks consumers of an
 * output. What the rules cannot decide is `dangerous`: shown, never silently passed.
 */
export function severityOfEffect(effect: Effect, direction: Direction): Severity {
  switch (effect) {
    case 'none':
      return 'none';
    case 'both':
      return 'breaking';
    case 'unknown':
      return 'dangerous';
    case 'narrows':
      return direction === 'input' ? 'breaking' : 'additive';
    case 'widens':
      return direction === 'input' ? 'additive' : 'breaking';
  }
}
