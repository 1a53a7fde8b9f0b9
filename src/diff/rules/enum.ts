import { stableJson } from '../canonical.js';
import { list, show } from '../describe.js';
import type { Json } from '../../schema/types.js';
import type { Hit, Rule } from '../rule.js';

function values(o: Json[] | undefined, n: Json[] | undefined) {
  const before = new Map((o ?? []).map((v) => [stableJson(v), v]));
  const after = new Map((n ?? []).map((v) => [stableJson(v), v]));
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, v]) => v),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, v]) => v),
  };
}

const perValue = (vals: Json[]): Hit[] => vals.map((value) => ({ args: { value }, at: '/enum' }));

export const enumRules: Rule[] = [
  {
    id: 'enum-value-added',
    inverse: 'enum-value-removed',
    effect: 'widens',
    check: (o, n) => (o.enum && n.enum ? perValue(values(o.enum, n.enum).added) : []),
    what: (a, c) =>
      c.direction === 'output'
        ? `${c.subject} may now be ${show(a.value)}`
        : `${c.subject} now also accepts ${show(a.value)}`,
    impact: (_a, c) =>
      c.direction === 'output' ? `consumers that switch on ${c.subject} will not expect it` : undefined,
    why: 'A new enum value is a new possible value: compatible for inputs, breaking for outputs (exhaustive switches).',
  },
  {
    id: 'enum-value-removed',
    inverse: 'enum-value-added',
    effect: 'narrows',
    check: (o, n) => (o.enum && n.enum ? perValue(values(o.enum, n.enum).removed) : []),
    what: (a, c) =>
      c.direction === 'output'
        ? `${c.subject} will no longer be ${show(a.value)}`
        : `${c.subject} no longer accepts ${show(a.value)}`,
    impact: (a, c) =>
      c.direction === 'input' ? `clients that send ${show(a.value)} are now rejected` : undefined,
    why: 'A removed enum value rejects requests that used it: breaking for inputs, compatible for outputs.',
  },
  {
    id: 'enum-added',
    inverse: 'enum-removed',
    effect: 'narrows',
    check: (o, n) => (!o.enum && n.enum ? [{ args: { values: n.enum }, at: '/enum' }] : []),
    what: (a, c) => `${c.subject} is now limited to ${list(a.values as Json[])}`,
    why: 'Restricting to a list of values rejects everything else.',
  },
  {
    id: 'enum-removed',
    inverse: 'enum-added',
    effect: 'widens',
    check: (o, n) => (o.enum && !n.enum ? [{ args: { values: o.enum }, at: '/enum' }] : []),
    what: (a, c) => `${c.subject} is no longer limited to ${list(a.values as Json[])}`,
    why: 'Lifting a list of allowed values admits new values.',
  },
];
