import { ALL_TYPES, type CObject, type JsonType, jsonTypeOf } from '../canonical.js';
import { canonicalTypes } from '../algebra.js';
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

/**
 * The types a node can actually produce: an `enum` bounds them to its values' types, whatever `type` says
 * (or does not say). `{type: string}` → `{enum: ["a", "b"]}` is a narrowing to two strings, not "any type".
 */
function effectiveAtoms(s: CObject): Set<Atom> {
  const declared = atoms(s.type);
  if (!s.enum) return declared;
  const fromValues = atoms(canonicalTypes(s.enum.map(jsonTypeOf)));
  return new Set([...fromValues].filter((a) => declared.has(a)));
}

function typeDiff(
  o: CObject,
  n: CObject,
): { added: string[]; removed: string[]; before: string; after: string } {
  // With an enum on both sides, the enum rules already name every value (and so every type) that changed.
  if (o.enum && n.enum) return { added: [], removed: [], before: '', after: '' };
  const before = effectiveAtoms(o);
  const after = effectiveAtoms(n);
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
