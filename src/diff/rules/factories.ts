/**
 * Most keyword rules come in mirrored families (added/removed, increased/decreased). Factories build each
 * family from one description, so the mirror (inverse ids, opposite effects) is correct by construction.
 */
import type { CObject, JsonType } from '../canonical.js';
import { show } from '../describe.js';
import type { Hit, Rule } from '../rule.js';

type Bound = { value: number; exclusive: boolean };

interface BoundSpec {
  /** Rule id prefix, e.g. `max-length`. */
  id: string;
  /** The inclusive keyword; for minimum/maximum the exclusive twin is folded in. */
  keyword: keyof CObject;
  exclusiveKeyword?: keyof CObject;
  kind: 'lower' | 'upper';
  appliesTo: readonly JsonType[];
  /** How the bound reads in a sentence: "length", "value", "number of items". */
  noun: string;
  /** Only compare when both nodes have this keyword (minContains/maxContains need `contains`). */
  requires?: keyof CObject;
  /**
   * The bound the keyword has when absent (`minContains` is 1 beside `contains`). An explicit value below it
   * is a looser bound, not an added one: `minContains: 0` appearing lowers the bound from 1.
   */
  implicit?: number;
}

function readBound(s: CObject, spec: BoundSpec): Bound | undefined {
  const exc = spec.exclusiveKeyword ? (s[spec.exclusiveKeyword] as number | undefined) : undefined;
  if (exc !== undefined) return { value: exc, exclusive: true };
  const inc = s[spec.keyword] as number | undefined;
  return inc === undefined ? undefined : { value: inc, exclusive: false };
}

function showBound(b: Bound, kind: 'lower' | 'upper'): string {
  const op = kind === 'lower' ? (b.exclusive ? '>' : '≥') : b.exclusive ? '<' : '≤';
  return `${op} ${b.value}`;
}

/** added / removed / increased / decreased rules for one bound keyword. */
export function boundRules(spec: BoundSpec): Rule[] {
  const { id, kind, appliesTo, noun } = spec;
  const tightens = kind === 'lower' ? 'increased' : 'decreased';
  const loosens = kind === 'lower' ? 'decreased' : 'increased';
  const compare = (o: CObject, n: CObject): { change: string; before?: Bound; after?: Bound } | undefined => {
    if (spec.requires && (o[spec.requires] === undefined || n[spec.requires] === undefined)) return undefined;
    let before = readBound(o, spec);
    let after = readBound(n, spec);
    const implicit = spec.implicit;
    if (implicit !== undefined) {
      if (!before && after && after.value < implicit) before = { value: implicit, exclusive: false };
      if (!after && before && before.value < implicit) after = { value: implicit, exclusive: false };
    }
    if (!before && !after) return undefined;
    if (!before) return { change: 'added', after };
    if (!after) return { change: 'removed', before };
    if (before.value === after.value && before.exclusive === after.exclusive) return undefined;
    const sign = kind === 'lower' ? 1 : -1;
    const tighter =
      (after.value - before.value) * sign > 0 ||
      (after.value === before.value && after.exclusive && !before.exclusive);
    return { change: tighter ? tightens : loosens, before, after };
  };
  const make = (change: string, inverse: string, effect: 'narrows' | 'widens', what: Rule['what']): Rule => ({
    id: `${id}-${change}`,
    inverse: `${id}-${inverse}`,
    effect,
    appliesTo,
    check: (o, n) => {
      const c = compare(o, n);
      if (!c || c.change !== change) return [];
      const hit: Hit = {
        args: {
          before: c.before && showBound(c.before, kind),
          after: c.after && showBound(c.after, kind),
        },
        at: `/${String((c.after?.exclusive || c.before?.exclusive) && spec.exclusiveKeyword ? spec.exclusiveKeyword : spec.keyword)}`,
      };
      return [hit];
    },
    what,
    why:
      effect === 'narrows'
        ? `A tighter ${kind} bound on the ${noun} rejects values that were valid: breaking for inputs, compatible for outputs.`
        : `A looser ${kind} bound on the ${noun} admits new values: compatible for inputs, breaking for outputs.`,
  });
  return [
    make('added', 'removed', 'narrows', (a, c) => `${c.subject} now requires its ${noun} to be ${a.after}`),
    make(
      'removed',
      'added',
      'widens',
      (a, c) => `${c.subject} no longer limits its ${noun} (was ${a.before})`,
    ),
    make(
      tightens,
      loosens,
      'narrows',
      (a, c) => `${c.subject} ${noun} must now be ${a.after} (was ${a.before})`,
    ),
    make(
      loosens,
      tightens,
      'widens',
      (a, c) => `${c.subject} ${noun} may now be ${a.after} (was ${a.before})`,
    ),
  ];
}

interface ExactSpec {
  id: string;
  keyword: 'pattern' | 'format' | 'contentEncoding' | 'contentMediaType';
  appliesTo: readonly JsonType[];
}

/**
 * added / removed / changed for a keyword whose values cannot be compared for inclusion
 * (two regular expressions, two formats): a different value both admits and rejects values.
 */
export function exactRules({ id, keyword, appliesTo }: ExactSpec): Rule[] {
  const pick = (o: CObject, n: CObject) => ({ before: o[keyword], after: n[keyword] });
  return [
    {
      id: `${id}-added`,
      inverse: `${id}-removed`,
      effect: 'narrows',
      appliesTo,
      check: (o, n) => {
        const { before, after } = pick(o, n);
        return before === undefined && after !== undefined ? [{ args: { after }, at: `/${keyword}` }] : [];
      },
      what: (a, c) => `${c.subject} now has \`${keyword}\` ${show(a.after)}`,
      why: `A new \`${keyword}\` rejects strings that were valid.`,
    },
    {
      id: `${id}-removed`,
      inverse: `${id}-added`,
      effect: 'widens',
      appliesTo,
      check: (o, n) => {
        const { before, after } = pick(o, n);
        return before !== undefined && after === undefined ? [{ args: { before }, at: `/${keyword}` }] : [];
      },
      what: (a, c) => `${c.subject} no longer has \`${keyword}\` ${show(a.before)}`,
      why: `Dropping \`${keyword}\` admits strings that were invalid.`,
    },
    {
      id: `${id}-changed`,
      inverse: `${id}-changed`,
      effect: 'both',
      appliesTo,
      check: (o, n) => {
        const { before, after } = pick(o, n);
        return before !== undefined && after !== undefined && before !== after
          ? [{ args: { before, after }, at: `/${keyword}` }]
          : [];
      },
      what: (a, c) => `${c.subject} \`${keyword}\` changed from ${show(a.before)} to ${show(a.after)}`,
      why: `Two different \`${keyword}\` values each admit strings the other rejects, so the change breaks both ways.`,
    },
  ];
}
