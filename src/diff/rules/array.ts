import type { Rule } from '../rule.js';
import { boundRules } from './factories.js';

const ARRAYS = ['array'] as const;

export const arrayRules: Rule[] = [
  ...boundRules({
    id: 'min-items',
    keyword: 'minItems',
    kind: 'lower',
    appliesTo: ARRAYS,
    noun: 'number of items',
  }),
  ...boundRules({
    id: 'max-items',
    keyword: 'maxItems',
    kind: 'upper',
    appliesTo: ARRAYS,
    noun: 'number of items',
  }),
  ...boundRules({
    id: 'min-contains',
    keyword: 'minContains',
    kind: 'lower',
    appliesTo: ARRAYS,
    noun: 'number of matching items',
    requires: 'contains',
    implicit: 1,
  }),
  ...boundRules({
    id: 'max-contains',
    keyword: 'maxContains',
    kind: 'upper',
    appliesTo: ARRAYS,
    noun: 'number of matching items',
    requires: 'contains',
  }),
  {
    id: 'unique-items-added',
    inverse: 'unique-items-removed',
    effect: 'narrows',
    appliesTo: ARRAYS,
    check: (o, n) => (!o.uniqueItems && n.uniqueItems ? [{ args: {}, at: '/uniqueItems' }] : []),
    what: (_a, c) => `${c.subject} items must now be unique`,
    why: 'Arrays with duplicates were valid and are now rejected.',
  },
  {
    id: 'unique-items-removed',
    inverse: 'unique-items-added',
    effect: 'widens',
    appliesTo: ARRAYS,
    check: (o, n) => (o.uniqueItems && !n.uniqueItems ? [{ args: {}, at: '/uniqueItems' }] : []),
    what: (_a, c) => `${c.subject} may now contain duplicate items`,
    why: 'Arrays with duplicates are now valid.',
  },
  {
    id: 'contains-added',
    inverse: 'contains-removed',
    effect: 'narrows',
    appliesTo: ARRAYS,
    check: (o, n) =>
      o.contains === undefined && n.contains !== undefined ? [{ args: {}, at: '/contains' }] : [],
    what: (_a, c) => `${c.subject} was added: the array must now contain an item matching it`,
    why: 'Arrays without a matching item are now rejected.',
  },
  {
    id: 'contains-changed',
    inverse: 'contains-changed',
    effect: 'computed',
    what: (a, c) =>
      `${c.subject} matches different items while \`maxContains: ${String(a.maxContains)}\` caps how many may match`,
    impact: (_a, c) =>
      c.severity === 'breaking'
        ? 'arrays that matched enough items may now match too few, and arrays that matched too many may now pass'
        : undefined,
    why:
      'With both a minimum and a maximum number of matching items, a narrower `contains` rejects arrays (fewer items ' +
      'reach the minimum) and admits arrays (fewer items count toward the maximum): it moves both ways.',
  },
  {
    id: 'contains-removed',
    inverse: 'contains-added',
    effect: 'widens',
    appliesTo: ARRAYS,
    check: (o, n) =>
      o.contains !== undefined && n.contains === undefined ? [{ args: {}, at: '/contains' }] : [],
    what: (_a, c) => `${c.subject} was removed: the array no longer needs an item matching it`,
    why: 'Arrays without a matching item are now valid.',
  },
];
