import { isMultiple } from '../merge.js';
import type { Rule } from '../rule.js';
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
];
