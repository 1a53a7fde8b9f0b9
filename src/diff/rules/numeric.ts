import { decimalForm } from '../../schema/numbers.js';
import { type CObject, stableJson } from '../canonical.js';
import { isMultiple } from '../merge.js';
import type { Hit, Rule } from '../rule.js';
import { boundRules } from './factories.js';

const NUMBERS = ['integer', 'number'] as const;

export const numericRules: Rule[] = [
  ...boundRules({
    id: 'minimum',
    keyword: 'minimum',
    exclusiveKeyword: 'exclusiveMinimum',
    kind: 'lower',
    appliesTo: NUMBERS,
    noun: 'value',
  }),
  ...boundRules({
    id: 'maximum',
    keyword: 'maximum',
    exclusiveKeyword: 'exclusiveMaximum',
    kind: 'upper',
    appliesTo: NUMBERS,
    noun: 'value',
  }),
  {
    id: 'multiple-of-added',
    inverse: 'multiple-of-removed',
    effect: 'narrows',
    appliesTo: NUMBERS,
    check: (o, n) =>
      o.multipleOf === undefined && n.multipleOf !== undefined
        ? [{ args: { after: n.multipleOf }, at: '/multipleOf' }]
        : [],
    what: (a, c) => `${c.subject} must now be a multiple of ${a.after}`,
    why: 'A new multipleOf rejects numbers that were valid.',
  },
  {
    id: 'multiple-of-removed',
    inverse: 'multiple-of-added',
    effect: 'widens',
    appliesTo: NUMBERS,
    check: (o, n) =>
      o.multipleOf !== undefined && n.multipleOf === undefined
        ? [{ args: { before: o.multipleOf }, at: '/multipleOf' }]
        : [],
    what: (a, c) => `${c.subject} no longer needs to be a multiple of ${a.before}`,
    why: 'Dropping multipleOf admits numbers that were invalid.',
  },
  {
    id: 'multiple-of-changed',
    inverse: 'multiple-of-changed',
    effect: 'computed',
    appliesTo: NUMBERS,
    check: (o, n) => {
      const before = o.multipleOf;
      const after = n.multipleOf;
      if (before === undefined || after === undefined || before === after) return [];
      // multipleOf 10 → 5: every multiple of 10 is a multiple of 5, so the set widens.
      const effect = isMultiple(before, after) ? 'widens' : isMultiple(after, before) ? 'narrows' : 'both';
      return [{ args: { before, after }, effect, at: '/multipleOf' }];
    },
    what: (a, c) => `${c.subject} must now be a multiple of ${a.after} (was ${a.before})`,
    why: 'A divisor of the old step widens the set, a multiple of it narrows it, anything else does both.',
  },
  {
    id: 'imprecise-number-changed',
    inverse: 'imprecise-number-changed',
    effect: 'unknown',
    check: impreciseChanges,
    what: (a, c) =>
      `${c.subject}: \`${a.keyword}\` ${a.before} became ${a.after}, and these numbers are ${
        /[.e]/.test(`${a.before}${a.after}`) ? 'too precise' : 'too large'
      } to compare exactly (both read as ${a.read})`,
    impact: () => 'check by hand whether the change widens or narrows what is valid',
    why: 'Beyond 2^53 (or past 15–17 significant digits) different numbers read as the same double, so which way the change goes cannot be told; it is never passed as no change.',
  },
];

/**
 * Numbers that read as the same value on both sides but were written differently (see `CObject.written`):
 * each such keyword, or each such `enum` value, once. Where the values read differ, the keyword's own rule
 * reports the change (rounding keeps order), so only equal values are looked at here.
 */
function impreciseChanges(o: CObject, n: CObject): Hit[] {
  if (o.written === undefined && n.written === undefined) return [];
  const hits: Hit[] = [];
  const slots = new Set([...Object.keys(o.written ?? {}), ...Object.keys(n.written ?? {})]);
  for (const slot of [...slots].sort()) {
    const before = o.written?.[slot];
    const after = n.written?.[slot];
    if (before === after) continue;
    if (slot.startsWith('enum/')) {
      const value = slot.slice('enum/'.length);
      const has = (s: CObject): boolean => s.enum?.some((v) => stableJson(v) === value) ?? false;
      if (!has(o) || !has(n)) continue;
      hits.push({
        args: { keyword: 'enum', before: before ?? value, after: after ?? value, read: value },
        at: '/enum',
      });
      continue;
    }
    const read = o[slot as keyof CObject];
    if (typeof read !== 'number' || read !== n[slot as keyof CObject]) continue;
    // A written form that no longer reads as the node's number was merged away (an `allOf` bound won).
    if (
      (before !== undefined && Number(before) !== read) ||
      (after !== undefined && Number(after) !== read)
    ) {
      continue;
    }
    const exact = decimalForm(String(read)) ?? String(read);
    hits.push({
      args: { keyword: slot, before: before ?? exact, after: after ?? exact, read: exact },
      at: `/${slot}`,
    });
  }
  return hits;
}
