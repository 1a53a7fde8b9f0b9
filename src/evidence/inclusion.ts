/**
 * Which changes get a counterexample: those that break set inclusion for their direction. Kept apart from
 * the search (src/evidence/counterexample.ts, which loads ajv and the instance generator) so that a command
 * can ask first and load the search only when some change needs it.
 */
import type { Change, Direction, Effect } from '../diff/types.js';

/** Whether a change with this effect breaks set inclusion for `direction` (or may: `unknown`). */
export function breaksInclusion(effect: Effect, direction: Direction): boolean {
  if (effect === 'both' || effect === 'unknown') return true;
  return direction === 'input' ? effect === 'narrows' : effect === 'widens';
}

/** The side a counterexample is valid against: inputs accepted before, outputs possible now. */
export function witnessSide(direction: Direction): 'old' | 'new' {
  return direction === 'input' ? 'old' : 'new';
}

/** Whether a schema diff's change is searched for a counterexample. */
export function wantsCounterexample(change: Change, direction: Direction): boolean {
  return change.severity !== 'none' && breaksInclusion(change.effect, direction);
}
