import { ALL_TYPES, type CObject, type JsonType } from '../canonical.js';
import type { Rule } from '../rule.js';

/** `number` is integer ∪ non-integer numbers; comparing those atoms makes integer ⊂ number exact. */
type Atom = Exclude<JsonType, 'number'> | 'fraction';

function atoms(types: readonly JsonType[] | undefined): Set<Atom> {
  const out = new Set<Atom>();
  for (const t of types ?? ALL_TYPES) {
    if (t === 'number') {
      out.add('integer');
      out.add('fraction');
    } else out.add(t);
  }
  return out;
}

function named(list: Atom[]): string[] {
  const set = new Set(list);
  const names: string[] = [];
  if (set.has('integer') && set.has('fraction')) names.push('number');
  else if (set.has('integer')) names.push('integer');
  else if (set.has('fraction')) names.push('non-integer number');
  for (const a of list) if (a !== 'integer' && a !== 'fraction') names.push(a);
  return names.sort();
}

function typeDiff(
  o: CObject,
  n: CObject,
): { added: string[]; removed: string[]; before: string; after: string } {
  const before = atoms(o.type);
  const after = atoms(n.type);
  const describe = (t: readonly JsonType[] | undefined) => (t ? t.join(' | ') : 'any type');
  return {
    added: named([...after].filter((a) => !before.has(a))),
    removed: named([...before].filter((a) => !after.has(a))),
    before: describe(o.type),
    after: describe(n.type),
  };
}

const code = (names: unknown): string => (names as string[]).map((t) => `\`${t}\``).join(', ');

export const typeRules: Rule[] = [
  {
    id: 'type-added',
    inverse: 'type-removed',
    effect: 'widens',
    check: (o, n) => {
      const d = typeDiff(o, n);
      return d.added.length
        ? [{ args: { types: d.added, before: d.before, after: d.after }, at: '/type' }]
        : [];
    },
    what: (a, c) =>
      (a.types as string[]).length === 1 && (a.types as string[])[0] === 'null'
        ? `${c.subject} may now be \`null\``
        : `${c.subject} now also admits ${code(a.types)} (type was ${a.before})`,
    impact: (a, c) =>
      c.direction !== 'output'
        ? undefined
        : (a.types as string[]).includes('null')
          ? 'consumers that do not handle `null` will fail'
          : 'consumers that read it as the old type will fail on the new one',
    why: 'A wider type admits new values: compatible for inputs, breaking for outputs (integer → number included).',
  },
  {
    id: 'type-removed',
    inverse: 'type-added',
    effect: 'narrows',
    check: (o, n) => {
      const d = typeDiff(o, n);
      return d.removed.length
        ? [{ args: { types: d.removed, before: d.before, after: d.after }, at: '/type' }]
        : [];
    },
    what: (a, c) =>
      `${c.subject} no longer admits ${code(a.types)} (type is now ${a.after}, was ${a.before})`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that send the old type are now rejected' : undefined,
    why: 'A narrower type rejects values that were valid: breaking for inputs, compatible for outputs.',
  },
];
