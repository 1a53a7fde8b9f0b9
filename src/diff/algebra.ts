/**
 * Small algebra on canonical keywords, shared by normalisation and merging: type lists (with
 * integer ⊂ number) and numeric bounds.
 */
import type { JsonType } from './canonical.js';

/** Sorted type list; `integer` is dropped when `number` (its superset) is present. */
export function canonicalTypes(list: readonly JsonType[]): JsonType[] {
  const set = new Set(list);
  if (set.has('number')) set.delete('integer');
  return [...set].sort();
}

/** Intersection of two canonical type lists, honouring integer ⊂ number. */
export function typeIntersection(a: readonly JsonType[], b: readonly JsonType[]): JsonType[] {
  const result: JsonType[] = [];
  for (const t of a) {
    if (b.includes(t)) result.push(t);
    else if (t === 'integer' && b.includes('number')) result.push('integer');
    else if (t === 'number' && b.includes('integer')) result.push('integer');
  }
  return canonicalTypes(result);
}

/** The tighter of two bounds; `sign` 1 for lower bounds, -1 for upper bounds. */
export function tighter(
  a: { value: number; exclusive: boolean },
  b: { value: number; exclusive: boolean },
  sign: 1 | -1,
): { value: number; exclusive: boolean } {
  if (a.value === b.value) return a.exclusive ? a : b;
  return (a.value - b.value) * sign > 0 ? a : b;
}
