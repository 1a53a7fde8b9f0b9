/**
 * The walker: compares two canonical schemas position by position and emits neutral facts. Keyword
 * comparisons live in the rule table; the walker owns pairing (properties, tuple slots, union branches),
 * recursion, cycles, and the places where one schema's meaning depends on its siblings.
 */
import { RE2JS } from 're2js';
import {
  ALL_TYPES,
  type CObject,
  type CSchema,
  type JsonType,
  canonicalKey,
  dict,
  escapePointer,
  sameSchema,
  stableJson,
} from './canonical.js';
import { combine, combineAll, flip } from './effect.js';
import {
  closeUnevaluated,
  conjunction,
  hasInPlaceApplicators,
  mergeInto,
  writtenAsUnevaluated,
} from './merge.js';
import { isTrivial } from './normalize.js';
import { CHECKED_RULES } from './rules/index.js';
import type { Effect, Fact } from './types.js';
import type { Origin } from '../schema/types.js';

/** A sub-pair the semantic check should settle, attached to an `unknown` fact. */
export interface SemanticQuestion {
  old: CSchema;
  new: CSchema;
  /** Only one side of the answer matters (coverage of one union branch). */
  only?: 'widens' | 'narrows';
  /** -1 under `not`: the answer must be flipped. */
  polarity: 1 | -1;
}

export interface WalkShared {
  oldOrigins: WeakMap<object, Origin>;
  newOrigins: WeakMap<object, Origin>;
  questions: WeakMap<Fact, SemanticQuestion>;
  effectMemo: Map<CSchema, Map<CSchema, Effect>>;
  effectInProgress: Set<string>;
}

export function newShared(
  oldOrigins?: WeakMap<object, Origin>,
  newOrigins?: WeakMap<object, Origin>,
): WalkShared {
  return {
    oldOrigins: oldOrigins ?? new WeakMap(),
    newOrigins: newOrigins ?? new WeakMap(),
    questions: new WeakMap(),
    effectMemo: new Map(),
    effectInProgress: new Set(),
  };
}

type Polarity = 1 | -1;
const TRUE: CObject = {};
/** An empty name → schema map without a prototype (see `dict`). */
const NONE: Readonly<Record<string, CSchema>> = Object.freeze(dict<CSchema>());

interface Done {
  oPath: string;
  nPath: string;
  facts: Fact[];
}

export class Walker {
  readonly facts: Fact[] = [];
  private readonly done = new Map<CSchema, Map<CSchema, Done>>();
  private readonly active = new Map<CSchema, Set<CSchema>>();

  constructor(private readonly shared: WalkShared) {}

  compare(o: CSchema, n: CSchema, oPath: string, nPath: string, pol: Polarity): void {
    if (o === n) return;
    if (o === false && n === false) return;
    if (o === false) return this.emit('schema-permitted', 'widens', {}, o, n, oPath, nPath, pol);
    if (n === false) return this.emit('schema-forbidden', 'narrows', {}, o, n, oPath, nPath, pol);
    if (this.active.get(o)?.has(n)) return; // a cycle: assume equal (co-inductively) on the way back in
    const seen = this.done.get(o)?.get(n);
    if (seen) return this.replay(seen, oPath, nPath);
    if (sameSchema(o, n)) return;

    getSet(this.active, o).add(n);
    const start = this.facts.length;
    this.compareNodes(o, n, oPath, nPath, pol);
    this.active.get(o)?.delete(n);
    const facts = this.facts.slice(start);
    getMap(this.done, o).set(n, { oPath, nPath, facts });
  }

  /** The same pair reached again by another path (a shared `$ref`): report its facts here too. */
  private replay(seen: Done, oPath: string, nPath: string): void {
    for (const f of seen.facts) {
      const copy: Fact = {
        ...f,
        oldPath: oPath + f.oldPath.slice(seen.oPath.length),
        newPath: nPath + f.newPath.slice(seen.nPath.length),
      };
      const q = this.shared.questions.get(f);
      if (q) this.shared.questions.set(copy, q);
      this.facts.push(copy);
    }
  }

  private compareNodes(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    if (hasUnevaluated(o) || hasUnevaluated(n)) {
      // unevaluated* that normalisation could not rewrite depend on what the in-place sub-schemas evaluated,
      // which the keyword-by-keyword comparison cannot see. A union of disjoint alternatives is exact once
      // distributed (only one branch evaluates); anything else is undecided.
      const o2 = hasUnevaluated(o) ? distributeUnevaluated(o) : o;
      const n2 = hasUnevaluated(n) ? distributeUnevaluated(n) : n;
      if ((o2 === undefined || n2 === undefined) && sameEvaluation(o, n)) {
        // Both evaluate the same names and items for every instance: unevaluated* apply to the same places
        // before and after, so the rest compares on its own and the unevaluated* schemas against each other.
        const { unevaluatedProperties: oProps, unevaluatedItems: oItems, ...oRest } = o;
        const { unevaluatedProperties: nProps, unevaluatedItems: nItems, ...nRest } = n;
        this.compare(oRest, nRest, oPath, nPath, pol);
        for (const [kw, before, after] of [
          ['unevaluatedProperties', oProps, nProps],
          ['unevaluatedItems', oItems, nItems],
        ] as const) {
          if (before === undefined && after === undefined) continue;
          this.compare(before ?? TRUE, after ?? TRUE, `${oPath}/${kw}`, `${nPath}/${kw}`, pol);
        }
        return;
      }
      if (o2 === undefined || n2 === undefined) {
        const keyword = [o, n].some((s) => s.unevaluatedProperties !== undefined)
          ? 'unevaluatedProperties'
          : 'unevaluatedItems';
        return this.emit('unevaluated-changed', 'unknown', { keyword }, o, n, oPath, nPath, pol);
      }
      return this.compare(o2, n2, oPath, nPath, pol);
    }
    if (this.compareExclusivity(o, n, oPath, nPath, pol)) return;
    // A union on one side only: distribute the other keywords into its branches and compare as unions,
    // so constraints that moved into branches (or a union cut down to one branch, which canonical form
    // merges into its parent) are not reported as removed-and-added.
    for (const kw of ['anyOf', 'oneOf'] as const) {
      const union = o[kw] ?? n[kw];
      if (!union || (o[kw] && n[kw])) continue;
      if (kw === 'oneOf' && !pairwiseDisjoint(union)) {
        return this.ask('combinator-changed', { keyword: kw }, o, n, oPath, nPath, pol, {
          old: o,
          new: n,
          polarity: pol,
        });
      }
      return this.compareBranchLists(
        distribute(o, kw),
        distribute(n, kw),
        kw,
        oPath,
        nPath,
        pol,
        !!o[kw],
        !!n[kw],
      );
    }
    const shared = sharedAtoms(o.type, n.type);
    for (const rule of CHECKED_RULES) {
      if (rule.appliesTo && !rule.appliesTo.some((t) => shared.has(t))) continue;
      for (const hit of (rule.check as NonNullable<typeof rule.check>)(o, n)) {
        const effect = hit.effect ?? (rule.effect === 'computed' ? 'unknown' : rule.effect);
        this.emit(rule.id, effect, hit.args, o, n, oPath + (hit.at ?? ''), nPath + (hit.at ?? ''), pol);
      }
    }
    if (shared.has('object')) this.compareObjects(o, n, oPath, nPath, pol);
    if (shared.has('array')) this.compareArrays(o, n, oPath, nPath, pol);
    this.compareNot(o, n, oPath, nPath, pol);
    this.compareConditional(o, n, oPath, nPath, pol);
    this.compareAllOf(o, n, oPath, nPath, pol);
    if (o.anyOf && n.anyOf) this.compareBranchLists(o.anyOf, n.anyOf, 'anyOf', oPath, nPath, pol, true, true);
    this.compareOneOf(o, n, oPath, nPath, pol);
  }

  // ---- objects -------------------------------------------------------------------------------------

  private compareObjects(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    const oProps = o.properties ?? NONE;
    const nProps = n.properties ?? NONE;
    for (const name of union(Object.keys(oProps), Object.keys(nProps))) {
      const at = `/properties/${escapePointer(name)}`;
      const before = oProps[name];
      const after = nProps[name];
      if (before !== undefined && after !== undefined) {
        this.compare(before, after, oPath + at, nPath + at, pol);
      } else if (after !== undefined) {
        const was = schemaForName(o, name);
        const effect = was === undefined ? 'unknown' : this.effectOf(was, schemaForName(n, name) ?? after);
        const args = { name, required: n.required?.includes(name) ?? false, closed: was === false };
        this.emit('property-added', effect, args, o, after, oPath, nPath + at, pol);
      } else if (before !== undefined) {
        const now = schemaForName(n, name);
        const effect = now === undefined ? 'unknown' : this.effectOf(schemaForName(o, name) ?? before, now);
        this.emit(
          'property-removed',
          effect,
          { name, closed: now === false },
          before,
          n,
          oPath + at,
          nPath,
          pol,
        );
      }
    }
    this.compareOpenness(o, n, 'additionalProperties', oPath, nPath, pol);
    this.compareOpenness(o, n, 'unevaluatedProperties', oPath, nPath, pol);
    const oPat = o.patternProperties ?? NONE;
    const nPat = n.patternProperties ?? NONE;
    for (const pattern of union(Object.keys(oPat), Object.keys(nPat))) {
      const at = `/patternProperties/${escapePointer(pattern)}`;
      const before = oPat[pattern];
      const after = nPat[pattern];
      if (before !== undefined && after !== undefined)
        this.compare(before, after, oPath + at, nPath + at, pol);
      else if (after !== undefined) {
        // Undeclared names it matches leave additionalProperties for it; declared names it matches get it too.
        const effect = combine(
          this.effectOf(o.additionalProperties ?? TRUE, after),
          this.declaredNamesEffect(o, n, pattern),
        );
        this.emit('pattern-property-added', effect, { pattern }, o, after, oPath, nPath + at, pol);
      } else if (before !== undefined) {
        const effect = combine(
          this.effectOf(before, n.additionalProperties ?? TRUE),
          this.declaredNamesEffect(o, n, pattern),
        );
        this.emit('pattern-property-removed', effect, { pattern }, before, n, oPath + at, nPath, pol);
      }
    }
    if (o.propertyNames !== undefined && n.propertyNames !== undefined) {
      this.compare(o.propertyNames, n.propertyNames, `${oPath}/propertyNames`, `${nPath}/propertyNames`, pol);
    }
    const oDep = o.dependentSchemas ?? NONE;
    const nDep = n.dependentSchemas ?? NONE;
    for (const name of Object.keys(oDep)) {
      const after = nDep[name];
      if (after === undefined) continue;
      const at = `/dependentSchemas/${escapePointer(name)}`;
      this.compare(oDep[name] as CSchema, after, oPath + at, nPath + at, pol);
    }
  }

  /**
   * What a pattern added or removed does to the properties declared (on either side) whose names it matches:
   * a declared property must satisfy every matching pattern too. `unknown` when a pattern cannot be matched.
   */
  private declaredNamesEffect(o: CObject, n: CObject, pattern: string): Effect {
    const re = compilePattern(pattern);
    const names = union(Object.keys(o.properties ?? NONE), Object.keys(n.properties ?? NONE));
    if (re === undefined) return names.length ? 'unknown' : 'none';
    let effect: Effect = 'none';
    for (const name of names) {
      if (!re.test(name)) continue;
      const before = schemaForName(o, name);
      const after = schemaForName(n, name);
      effect = combine(
        effect,
        before === undefined || after === undefined ? 'unknown' : this.effectOf(before, after),
      );
    }
    return effect;
  }

  /** additionalProperties / unevaluatedProperties: open ↔ closed are their own rules (policy differs). */
  private compareOpenness(
    o: CObject,
    n: CObject,
    kw: 'additionalProperties' | 'unevaluatedProperties',
    oPath: string,
    nPath: string,
    pol: Polarity,
  ): void {
    const before = o[kw];
    const after = n[kw];
    if (before === undefined && after === undefined) return;
    // The keyword as the file wrote it (normalisation turns a plain unevaluatedProperties into this one).
    const spelled = (s: CObject, present: boolean) =>
      present && writtenAsUnevaluated.has(s) ? 'unevaluatedProperties' : kw;
    const oAt = `/${spelled(o, before !== undefined)}`;
    const nAt = `/${spelled(n, after !== undefined)}`;
    // Reported at the object (the subject of the sentence), not at the keyword.
    if (after === false && before !== false) {
      const args = { keyword: spelled(n, true) };
      this.emit('additional-properties-closed', 'narrows', args, o, n, oPath, nPath, pol);
    } else if (before === false && after !== false) {
      const args = { keyword: spelled(o, true), schema: after !== undefined };
      this.emit('additional-properties-opened', 'widens', args, o, n, oPath, nPath, pol);
    } else {
      this.compare(before ?? TRUE, after ?? TRUE, oPath + oAt, nPath + nAt, pol);
    }
  }

  // ---- arrays --------------------------------------------------------------------------------------

  private compareArrays(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    const oLen = o.prefixItems?.length ?? 0;
    const nLen = n.prefixItems?.length ?? 0;
    for (let i = 0; i < Math.max(oLen, nLen) + 1; i++) {
      const beyond = i === Math.max(oLen, nLen);
      const before = itemAt(o, i);
      const after = itemAt(n, i);
      // A slot beyond maxItems is `false`; the max-items rule already reports that bound moving.
      if (before === false && o.maxItems !== undefined && i >= o.maxItems && after !== false) continue;
      if (after === false && n.maxItems !== undefined && i >= n.maxItems && before !== false) continue;
      const oAt = beyond || i >= oLen ? '/items' : `/prefixItems/${i}`;
      const nAt = beyond || i >= nLen ? '/items' : `/prefixItems/${i}`;
      this.compare(before, after, oPath + oAt, nPath + nAt, pol);
    }
    if (o.contains !== undefined && n.contains !== undefined) {
      const at = '/contains';
      if (o.maxContains === undefined && n.maxContains === undefined) {
        // At least k matching items: a wider `contains` lets more arrays through.
        this.compare(o.contains, n.contains, oPath + at, nPath + at, pol);
      } else if (o.minContains === 0 && n.minContains === 0) {
        // At most k matching items: a wider `contains` counts more items against the cap.
        this.compare(o.contains, n.contains, oPath + at, nPath + at, -pol as Polarity);
      } else {
        // Both a floor and a cap on the matching items: any change to what matches moves both ways.
        const effect = this.definiteEffectOf(o.contains, n.contains);
        if (effect !== 'none') {
          const args = { maxContains: n.maxContains ?? o.maxContains };
          this.emit(
            'contains-changed',
            effect === 'unknown' ? 'unknown' : 'both',
            args,
            o,
            n,
            oPath + at,
            nPath + at,
            pol,
          );
        }
      }
    }
    if (o.unevaluatedItems !== undefined || n.unevaluatedItems !== undefined) {
      const at = '/unevaluatedItems';
      this.compare(o.unevaluatedItems ?? TRUE, n.unevaluatedItems ?? TRUE, oPath + at, nPath + at, pol);
    }
  }

  // ---- combinators ---------------------------------------------------------------------------------

  private compareNot(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    if (o.not !== undefined && n.not !== undefined) {
      // not A → not B narrows exactly when A → B widens.
      this.compare(o.not, n.not, `${oPath}/not`, `${nPath}/not`, -pol as Polarity);
    } else if (n.not !== undefined) this.emit('not-added', 'narrows', {}, o, n, oPath, `${nPath}/not`, pol);
    else if (o.not !== undefined) this.emit('not-removed', 'widens', {}, o, n, `${oPath}/not`, nPath, pol);
  }

  private compareConditional(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    if (o.if === undefined && n.if === undefined) return;
    if (o.if === undefined) {
      if (this.constrainsBase(n))
        this.emit('conditional-added', 'narrows', {}, o, n, oPath, `${nPath}/if`, pol);
      return;
    }
    if (n.if === undefined) {
      if (this.constrainsBase(o))
        this.emit('conditional-removed', 'widens', {}, o, n, `${oPath}/if`, nPath, pol);
      return;
    }
    // then/else (and the condition) only ever apply together with the rest of the node; compare them in
    // that context, so a constraint the node already enforces is not reported as added or removed, and a
    // condition that changed only where the node already rejects values counts as unchanged.
    const oBase = baseOf(o);
    const nBase = baseOf(n);
    if (
      canonicalKey(o.if) !== canonicalKey(n.if) &&
      canonicalKey(conjunction(oBase, o.if)) !== canonicalKey(conjunction(nBase, n.if))
    ) {
      const effect = this.conditionEffect(o, n, nBase);
      if (effect === 'unknown') {
        return this.ask('condition-changed', {}, o, n, `${oPath}/if`, `${nPath}/if`, pol, {
          old: o,
          new: n,
          polarity: pol,
        });
      }
      if (effect !== 'none') {
        this.emit('condition-changed', effect, {}, o, n, `${oPath}/if`, `${nPath}/if`, pol);
      }
    }
    for (const kw of ['then', 'else'] as const) {
      if (o[kw] === undefined && n[kw] === undefined) continue;
      const before = conjunction(oBase, o[kw] ?? TRUE);
      const after = conjunction(nBase, n[kw] ?? TRUE);
      this.compare(before, after, `${oPath}/${kw}`, `${nPath}/${kw}`, pol);
    }
  }

  /** Whether a node's `then` or `else` adds anything to what the rest of the node already requires. */
  private constrainsBase(s: CObject): boolean {
    const base = baseOf(s);
    return (['then', 'else'] as const).some(
      (kw) => s[kw] !== undefined && this.definiteEffectOf(base, conjunction(base, s[kw] ?? TRUE)) !== 'none',
    );
  }

  /**
   * The effect of moving the condition from `o.if` to `n.if` with the old `then`/`else` kept (the branches'
   * own changes are compared after it). `if I then T else E` is `(I ∧ T) ∨ (¬I ∧ E)`. When T ⊆ E it is
   * `E ∧ (T ∨ ¬I)`: a condition that selects more values applies T to more of them, which narrows. When
   * E ⊆ T it is `T ∧ (I ∨ E)`: selecting more widens. Otherwise (or when the conditions themselves cannot be
   * compared) it is undecided.
   */
  private conditionEffect(o: CObject, n: CObject, base: CObject): Effect {
    const cond = this.definiteEffectOf(conjunction(base, o.if ?? TRUE), conjunction(base, n.if ?? TRUE));
    if (cond === 'none') return 'none';
    const branches = this.definiteEffectOf(
      conjunction(base, o.else ?? TRUE),
      conjunction(base, o.then ?? TRUE),
    );
    if (branches === 'none') return 'none';
    if (cond === 'unknown' || (branches !== 'narrows' && branches !== 'widens')) return 'unknown';
    if (cond === 'both') return 'both';
    return branches === 'narrows' ? flip(cond) : cond;
  }

  private compareAllOf(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    const before = o.allOf ?? [];
    const after = n.allOf ?? [];
    if (!before.length && !after.length) return;
    const { unmatchedOld, unmatchedNew } = matchByKey(before, after);
    if (unmatchedOld.length === 1 && unmatchedNew.length === 1) {
      const [i] = unmatchedOld as [number];
      const [j] = unmatchedNew as [number];
      this.compare(
        before[i] as CSchema,
        after[j] as CSchema,
        `${oPath}/allOf/${i}`,
        `${nPath}/allOf/${j}`,
        pol,
      );
      return;
    }
    for (const j of unmatchedNew) {
      this.emit(
        'all-of-part-added',
        this.effectOf(TRUE, after[j] as CSchema),
        {},
        o,
        n,
        oPath,
        `${nPath}/allOf/${j}`,
        pol,
      );
    }
    for (const i of unmatchedOld) {
      this.emit(
        'all-of-part-removed',
        this.effectOf(before[i] as CSchema, TRUE),
        {},
        o,
        n,
        `${oPath}/allOf/${i}`,
        nPath,
        pol,
      );
    }
  }

  private compareOneOf(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): void {
    if (!o.oneOf || !n.oneOf) return;
    // Only reached with a oneOf on both sides (one-sided unions are handled in compareNodes).
    const olds = o.oneOf ?? [];
    const news = n.oneOf ?? [];
    // With pairwise-disjoint alternatives, oneOf means anyOf; with overlap, "exactly one" makes the
    // overlap itself part of the meaning, which branch matching cannot see.
    if (pairwiseDisjoint(olds) && pairwiseDisjoint(news)) {
      return this.compareBranchLists(olds, news, 'oneOf', oPath, nPath, pol, true, true);
    }
    if (sameKeys(olds, news)) return;
    this.ask('combinator-changed', { keyword: 'oneOf' }, o, n, oPath, nPath, pol, {
      old: o,
      new: n,
      polarity: pol,
    });
  }

  /**
   * oneOf with overlapping alternatives = their anyOf minus the overlap. If the old oneOf, read as anyOf,
   * is contained in the new schema, the new one admits the overlap the old one rejected: it widens
   * (apicurio's oneOf → anyOf cases). Mirrored for a new oneOf. Returns whether it decided the pair.
   */
  private compareExclusivity(o: CObject, n: CObject, oPath: string, nPath: string, pol: Polarity): boolean {
    const oRelaxed = o.oneOf && !n.oneOf && !pairwiseDisjoint(o.oneOf) ? relaxOneOf(o) : undefined;
    const nRelaxed = n.oneOf && !o.oneOf && !pairwiseDisjoint(n.oneOf) ? relaxOneOf(n) : undefined;
    if (oRelaxed && !this.mayMove(oRelaxed, n, 'narrows')) {
      this.emit('one-of-exclusivity-removed', 'widens', {}, o, n, oPath, nPath, pol);
      this.compareKeeping('widens', oRelaxed, n, oPath, nPath, pol, true);
      return true;
    }
    if (nRelaxed && !this.mayMove(o, nRelaxed, 'widens')) {
      this.emit('one-of-exclusivity-added', 'narrows', {}, o, n, oPath, nPath, pol);
      this.compareKeeping('narrows', o, nRelaxed, oPath, nPath, pol, true);
      return true;
    }
    return false;
  }

  /** Whether going from `a` to `b` may move the instance set in direction `way` (unknowns count as may). */
  private mayMove(a: CSchema, b: CSchema, way: 'widens' | 'narrows'): boolean {
    const sub = new Walker(this.shared);
    sub.compare(a, b, '', '', 1);
    return sub.facts.some(
      (f) =>
        f.effect === way ||
        f.effect === 'both' ||
        (f.effect === 'unknown' &&
          this.shared.questions.get(f)?.only !== (way === 'widens' ? 'narrows' : 'widens')),
    );
  }

  /**
   * Union against union. A branch that some branch on the other side contains is covered. A branch that
   * can only overlap one branch on the other side is decided by comparing the two (and explained by that
   * comparison's facts). A branch that overlaps several may be covered by their union: the semantic
   * check decides, otherwise it is reported as unknown.
   */
  private compareBranchLists(
    olds: CSchema[],
    news: CSchema[],
    kw: 'anyOf' | 'oneOf',
    oPath: string,
    nPath: string,
    pol: Polarity,
    oldIsUnion: boolean,
    newIsUnion: boolean,
  ): void {
    const id = kw === 'anyOf' ? 'any-of' : 'one-of';
    const oAt = (i: number) => (oldIsUnion ? `${oPath}/${kw}/${i}` : oPath);
    const nAt = (j: number) => (newIsUnion ? `${nPath}/${kw}/${j}` : nPath);
    const { unmatchedOld, unmatchedNew } = matchByKey(olds, news);
    const start = this.facts.length;
    // Which branch pair each fact came from, to fold the same change made in several branches.
    const pairs: { end: number; i: number; j: number }[] = [];
    // Old branches not contained in any new branch: values they admitted may now be rejected.
    for (const i of unmatchedOld) {
      const a = olds[i] as CSchema;
      if (news.some((b) => this.isSubset(a, b))) continue;
      const candidates = news.map((b, j) => [b, j] as const).filter(([b]) => mayOverlap(a, b));
      if (candidates.length === 1) {
        const [b, j] = candidates[0] as readonly [CSchema, number];
        this.compareKeeping('narrows', a, b, oAt(i), nAt(j), pol);
        pairs.push({ end: this.facts.length, i, j });
      } else if (candidates.length === 0) {
        this.emit(`${id}-branch-removed`, 'narrows', { summary: summarize(a) }, a, false, oAt(i), nPath, pol);
      } else {
        const q = { old: a, new: { [kw]: news } as CObject, only: 'narrows' as const, polarity: pol };
        this.ask(`${id}-branch-removed`, { summary: summarize(a) }, a, false, oAt(i), nPath, pol, q);
      }
      pairs.push({ end: this.facts.length, i: -1, j: -1 });
    }
    for (const j of unmatchedNew) {
      const b = news[j] as CSchema;
      if (olds.some((a) => this.isSubset(b, a))) continue;
      const candidates = olds.map((a, i) => [a, i] as const).filter(([a]) => mayOverlap(a, b));
      if (candidates.length === 1) {
        const [a, i] = candidates[0] as readonly [CSchema, number];
        this.compareKeeping('widens', a, b, oAt(i), nAt(j), pol);
        pairs.push({ end: this.facts.length, i, j });
      } else if (candidates.length === 0) {
        this.emit(`${id}-branch-added`, 'widens', { summary: summarize(b) }, false, b, oPath, nAt(j), pol);
      } else {
        const q = { old: { [kw]: olds } as CObject, new: b, only: 'widens' as const, polarity: pol };
        this.ask(`${id}-branch-added`, { summary: summarize(b) }, false, b, oPath, nAt(j), pol, q);
      }
      pairs.push({ end: this.facts.length, i: -1, j: -1 });
    }
    const sides = {
      old: { prefix: oldIsUnion ? `${oPath}/${kw}/` : undefined, count: olds.length },
      new: { prefix: newIsUnion ? `${nPath}/${kw}/` : undefined, count: news.length },
    };
    this.foldBranches(start, pairs, sides);
  }

  /**
   * The same change made in several branches of a union (a property removed from every `anyOf` branch) is
   * one change to a reader: one fact, its branch index written `*` (every branch) or `0,2` (those
   * branches), which the sentence reads as "all anyOf branches" / "anyOf branches 1 and 3". Facts the
   * semantic check still has to settle stay apart: each branch has its own question.
   */
  private foldBranches(
    start: number,
    pairs: readonly { end: number; i: number; j: number }[],
    sides: Record<'old' | 'new', { prefix: string | undefined; count: number }>,
  ): void {
    if (pairs.length < 2) return;
    const groups = new Map<string, { at: number; facts: Fact[]; old: Set<number>; new: Set<number> }>();
    const rest = (path: string, prefix: string | undefined, index: number): string | undefined => {
      if (prefix === undefined) return path;
      const head = `${prefix}${index}`;
      return path === head || path.startsWith(`${head}/`) ? path.slice(head.length) : undefined;
    };
    let from = start;
    for (const { end, i, j } of pairs) {
      for (let k = from; k < end; k++) {
        const fact = this.facts[k] as Fact;
        if (i < 0 || this.shared.questions.has(fact)) continue;
        const oRest = rest(fact.oldPath, sides.old.prefix, i);
        const nRest = rest(fact.newPath, sides.new.prefix, j);
        if (oRest === undefined || nRest === undefined) continue;
        const key = [fact.rule, fact.effect, stableJson(fact.args), oRest, nRest].join('\u0000');
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { at: k, facts: [], old: new Set(), new: new Set() }));
        group.facts.push(fact);
        group.old.add(i);
        group.new.add(j);
      }
      from = end;
    }
    const dropped = new Set<Fact>();
    for (const group of groups.values()) {
      if (group.facts.length < 2 || (group.old.size < 2 && group.new.size < 2)) continue;
      const first = group.facts[0] as Fact;
      const token = (side: 'old' | 'new', used: Set<number>): string =>
        used.size === sides[side].count ? '*' : [...used].sort((a, b) => a - b).join(',');
      const repath = (path: string, side: 'old' | 'new', index: number, used: Set<number>): string => {
        const prefix = sides[side].prefix;
        return prefix === undefined
          ? path
          : `${prefix}${token(side, used)}${path.slice(`${prefix}${index}`.length)}`;
      };
      const [i] = [...group.old];
      const [j] = [...group.new];
      this.facts[group.at] = {
        ...first,
        oldPath: repath(first.oldPath, 'old', i as number, group.old),
        newPath: repath(first.newPath, 'new', j as number, group.new),
      };
      for (const fact of group.facts.slice(1)) dropped.add(fact);
    }
    if (dropped.size === 0) return;
    const kept = this.facts.slice(start).filter((f) => !dropped.has(f));
    this.facts.splice(start, this.facts.length - start, ...kept);
  }

  /** Compare two branches but keep only the facts that point one way (the other way is covered elsewhere). */
  private compareKeeping(
    keep: 'widens' | 'narrows',
    a: CSchema,
    b: CSchema,
    oPath: string,
    nPath: string,
    pol: Polarity,
    definiteOnly = false,
  ): void {
    const sub = new Walker(this.shared);
    sub.compare(a, b, oPath, nPath, 1);
    for (const f of sub.facts) {
      if (f.effect !== keep && f.effect !== 'both' && (f.effect !== 'unknown' || definiteOnly)) continue;
      const effect = f.effect === 'both' ? keep : f.effect;
      const copy: Fact = { ...f, effect: pol === 1 ? effect : flip(effect) };
      const q = this.shared.questions.get(f);
      if (q) this.shared.questions.set(copy, { ...q, polarity: (q.polarity * pol) as Polarity });
      this.facts.push(copy);
    }
  }

  // ---- effects of whole sub-schemas ----------------------------------------------------------------

  /** The combined effect of going from `a` to `b` (memoised; cycles assumed equal). */
  effectOf(a: CSchema, b: CSchema): Effect {
    if (a === b) return 'none';
    const memo = this.shared.effectMemo.get(a)?.get(b);
    if (memo !== undefined) return memo;
    const key = `${canonicalKey(a)}\u0000${canonicalKey(b)}`;
    if (this.shared.effectInProgress.has(key)) return 'none';
    this.shared.effectInProgress.add(key);
    const sub = new Walker(this.shared);
    sub.compare(a, b, '', '', 1);
    this.shared.effectInProgress.delete(key);
    const effects = sub.facts.map((f) => f.effect);
    const effect = effects.includes('unknown') ? 'unknown' : combineAll(effects);
    getMap(this.shared.effectMemo, a).set(b, effect);
    return effect;
  }

  /** Like `effectOf`, but `unknown` as soon as one fact is undecided (a definite fact does not outvote it). */
  definiteEffectOf(a: CSchema, b: CSchema): Effect {
    if (a === b) return 'none';
    // A recursive schema may ask the same question inside its own answer: undecided, never a loop.
    const key = `definite\u0000${canonicalKey(a)}\u0000${canonicalKey(b)}`;
    if (this.shared.effectInProgress.has(key)) return 'unknown';
    this.shared.effectInProgress.add(key);
    const sub = new Walker(this.shared);
    sub.compare(a, b, '', '', 1);
    this.shared.effectInProgress.delete(key);
    const effects = sub.facts.map((f) => f.effect);
    return effects.includes('unknown') ? 'unknown' : combineAll(effects);
  }

  /** True when every value `a` admits, `b` admits too (as far as the rules can prove). */
  isSubset(a: CSchema, b: CSchema): boolean {
    // An undecided fact may hide a narrowing that a definite widening would outvote in `effectOf`.
    const e = this.definiteEffectOf(a, b);
    return e === 'none' || e === 'widens';
  }

  // ---- emitting ------------------------------------------------------------------------------------

  private emit(
    rule: string,
    effect: Effect,
    args: Record<string, unknown>,
    o: CSchema,
    n: CSchema,
    oldPath: string,
    newPath: string,
    pol: Polarity,
  ): void {
    const fact: Fact = { rule, oldPath, newPath, effect: pol === 1 ? effect : flip(effect), args };
    const oldOrigin = o === false ? undefined : this.shared.oldOrigins.get(o);
    const newOrigin = n === false ? undefined : this.shared.newOrigins.get(n);
    if (oldOrigin) fact.oldOrigin = oldOrigin;
    if (newOrigin) fact.newOrigin = newOrigin;
    this.facts.push(fact);
  }

  /** An undecided fact with the question the semantic check should answer. */
  private ask(
    rule: string,
    args: Record<string, unknown>,
    o: CSchema,
    n: CSchema,
    oldPath: string,
    newPath: string,
    pol: Polarity,
    question: SemanticQuestion,
  ): void {
    this.emit(rule, 'unknown', args, o, n, oldPath, newPath, pol);
    this.shared.questions.set(this.facts[this.facts.length - 1] as Fact, question);
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

function getMap<K, V>(m: Map<K, Map<CSchema, V>>, k: K): Map<CSchema, V> {
  let v = m.get(k);
  if (!v) m.set(k, (v = new Map()));
  return v;
}

function getSet<K>(m: Map<K, Set<CSchema>>, k: K): Set<CSchema> {
  let v = m.get(k);
  if (!v) m.set(k, (v = new Set()));
  return v;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Types both schemas admit, as atoms where `number` includes `integer`. */
function sharedAtoms(a: readonly JsonType[] | undefined, b: readonly JsonType[] | undefined): Set<JsonType> {
  const expand = (t: readonly JsonType[] | undefined) => {
    const s = new Set<JsonType>(t ?? ALL_TYPES);
    if (s.has('number')) s.add('integer');
    return s;
  };
  const ea = expand(a);
  const eb = expand(b);
  return new Set([...ea].filter((t) => eb.has(t)));
}

/** The schema a property name falls under when the object does not declare it by name. */
function schemaForName(s: CObject, name: string): CSchema | undefined {
  // A name `propertyNames` rejects cannot appear, whatever its value schema says.
  if (s.propertyNames !== undefined && nameAllowed(s.propertyNames, name) === false) return false;
  // A declared property must satisfy its own schema and every matching pattern; additionalProperties only
  // judges names that neither declares nor matches.
  const own = s.properties?.[name];
  const matching: CSchema[] = own === undefined ? [] : [own];
  for (const [pattern, sub] of Object.entries(s.patternProperties ?? {})) {
    const re = compilePattern(pattern);
    if (re === undefined) return undefined; // cannot tell whether the name matches
    if (re.test(name)) matching.push(sub);
  }
  if (matching.length) return matching.reduce((a, b) => conjunction(a, b));
  return s.additionalProperties ?? TRUE;
}

/** Keywords a property name (always a string) can be checked against here. */
const NAME_KEYWORDS = new Set(['type', 'enum', 'pattern', 'minLength', 'maxLength']);

/** Whether `propertyNames` admits a name; undefined when it uses keywords not checked here. */
function nameAllowed(schema: CSchema, name: string): boolean | undefined {
  if (schema === false) return false;
  if (Object.keys(schema).some((k) => !NAME_KEYWORDS.has(k))) return undefined;
  if (schema.type && !schema.type.includes('string')) return false;
  if (schema.enum && !schema.enum.includes(name)) return false;
  const length = [...name].length;
  if (length < (schema.minLength ?? 0) || length > (schema.maxLength ?? Infinity)) return false;
  if (schema.pattern !== undefined) return compilePattern(schema.pattern)?.test(name);
  return true;
}

const patternCache = new Map<string, { test(s: string): boolean } | undefined>();

/**
 * Schema patterns come from untrusted files: they are matched with RE2 semantics (linear time, no
 * catastrophic backtracking). A pattern RE2 cannot express (lookaround, backreferences) is "unknown".
 */
function compilePattern(pattern: string): { test(s: string): boolean } | undefined {
  if (patternCache.has(pattern)) return patternCache.get(pattern);
  let compiled: { test(s: string): boolean } | undefined;
  try {
    const re = RE2JS.compile(pattern);
    compiled = { test: (s: string) => re.matcher(s).find() };
  } catch {
    compiled = undefined;
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

function itemAt(s: CObject, i: number): CSchema {
  const prefix = s.prefixItems;
  if (prefix && i < prefix.length) return prefix[i] as CSchema;
  if (s.maxItems !== undefined && i >= s.maxItems) return false;
  return s.items ?? TRUE;
}

/** Whether a canonical node still has `unevaluatedProperties`/`unevaluatedItems` (normalisation left them). */
function hasUnevaluated(s: CObject): boolean {
  return s.unevaluatedProperties !== undefined || s.unevaluatedItems !== undefined;
}

/**
 * Whether two nodes mark the same properties and items as evaluated for every instance: the same declared
 * names and patterns, `additionalProperties`/`items` present on both or neither, the same tuple length, and
 * identical in-place sub-schemas and `contains` (whose matches decide what they evaluate).
 */
function sameEvaluation(o: CObject, n: CObject): boolean {
  const keys = (m: Record<string, CSchema> | undefined) =>
    Object.keys(m ?? {})
      .sort()
      .join('\u0000');
  const same = (a: CSchema | undefined, b: CSchema | undefined) =>
    a === undefined || b === undefined ? a === b : sameSchema(a, b);
  const sameList = (a: CSchema[] | undefined, b: CSchema[] | undefined) =>
    a === undefined || b === undefined
      ? a === b
      : a.length === b.length && a.every((x, i) => sameSchema(x, b[i] as CSchema));
  return (
    keys(o.properties) === keys(n.properties) &&
    keys(o.patternProperties) === keys(n.patternProperties) &&
    (o.additionalProperties === undefined) === (n.additionalProperties === undefined) &&
    (o.prefixItems?.length ?? 0) === (n.prefixItems?.length ?? 0) &&
    (o.items === undefined) === (n.items === undefined) &&
    same(o.contains, n.contains) &&
    o.minContains === n.minContains &&
    o.maxContains === n.maxContains &&
    sameList(o.allOf, n.allOf) &&
    sameList(o.anyOf, n.anyOf) &&
    sameList(o.oneOf, n.oneOf) &&
    same(o.if, n.if) &&
    same(o.then, n.then) &&
    same(o.else, n.else) &&
    keys(o.dependentSchemas) === keys(n.dependentSchemas) &&
    Object.keys(o.dependentSchemas ?? {}).every((k) =>
      sameSchema(o.dependentSchemas?.[k] as CSchema, n.dependentSchemas?.[k] as CSchema),
    )
  );
}

/**
 * A node whose unevaluated* depend on one union: with pairwise disjoint alternatives at most one branch
 * validates, so its annotations are the only ones, and `base ∧ anyOf(b…)` is exactly `anyOf(base ∧ b…)` with
 * each branch merged into the base (so the base's unevaluated* see that branch's properties). Undefined when
 * that does not hold (overlapping branches, other applicators, a branch that does not merge).
 */
function distributeUnevaluated(s: CObject): CObject | undefined {
  const kws = (['anyOf', 'oneOf'] as const).filter((k) => s[k] !== undefined);
  if (kws.length !== 1 || s.allOf || s.if !== undefined || s.dependentSchemas) return undefined;
  const kw = kws[0] as 'anyOf' | 'oneOf';
  const union = s[kw] as CSchema[];
  if (!pairwiseDisjoint(union)) return undefined;
  const { [kw]: _omit, ...base } = s;
  const branches: CSchema[] = [];
  for (const b of union) {
    if (b === false) continue;
    const merged: CObject = { ...base };
    if (!mergeInto(merged, b, true)) return undefined;
    closeUnevaluated(merged);
    if (hasUnevaluated(merged) && !hasInPlaceApplicators(merged)) return undefined;
    branches.push(merged);
  }
  if (branches.length === 0) return undefined;
  return { [kw]: branches } as CObject;
}

/** A node without its combinators: the part that applies together with every branch. */
function baseOf(s: CObject): CObject {
  const { allOf: _a, anyOf: _b, oneOf: _c, not: _d, if: _e, then: _f, else: _g, ...rest } = s;
  return rest;
}

/** A node whose oneOf is read as anyOf (a superset); undefined when it already has an anyOf. */
function relaxOneOf(s: CObject): CObject | undefined {
  if (!s.oneOf || s.anyOf) return undefined;
  const { oneOf, ...rest } = s;
  return { ...rest, anyOf: oneOf };
}

/** `base ∧ anyOf(b…)` as the list of `base ∧ b`; a node without the union is one branch. */
function distribute(s: CObject, kw: 'anyOf' | 'oneOf'): CSchema[] {
  const branches = s[kw];
  if (!branches) return [s];
  const { [kw]: _omit, ...base } = s;
  return branches.map((b) => conjunction(base, b));
}

function matchByKey(olds: CSchema[], news: CSchema[]): { unmatchedOld: number[]; unmatchedNew: number[] } {
  const pool = new Map<string, number[]>();
  news.forEach((b, j) => {
    const k = canonicalKey(b);
    pool.set(k, [...(pool.get(k) ?? []), j]);
  });
  const unmatchedOld: number[] = [];
  const matchedNew = new Set<number>();
  olds.forEach((a, i) => {
    const free = pool.get(canonicalKey(a));
    const j = free?.shift();
    if (j === undefined) unmatchedOld.push(i);
    else matchedNew.add(j);
  });
  const unmatchedNew = news.map((_b, j) => j).filter((j) => !matchedNew.has(j));
  return { unmatchedOld, unmatchedNew };
}

function sameKeys(a: CSchema[], b: CSchema[]): boolean {
  const m = matchByKey(a, b);
  return m.unmatchedOld.length === 0 && m.unmatchedNew.length === 0;
}

/**
 * False only when no value can satisfy both (different types, disjoint enums, or a required property
 * whose allowed values are disjoint — the usual `kind`/`type` discriminator).
 */
export function mayOverlap(a: CSchema, b: CSchema): boolean {
  if (a === false || b === false) return false;
  if (sharedAtoms(a.type, b.type).size === 0) return false;
  if (a.enum && b.enum && disjointValues(a.enum, b.enum)) return false;
  const reqA = new Set(a.required ?? []);
  for (const name of b.required ?? []) {
    if (!reqA.has(name)) continue;
    const pa = a.properties?.[name];
    const pb = b.properties?.[name];
    if (pa === false || pb === false) return false;
    if (pa?.enum && pb?.enum && disjointValues(pa.enum, pb.enum)) return false;
  }
  // Discriminators are often declared without `required`: a const on both sides that differs still
  // separates branches whenever the property is present; absent, both may match, so stay conservative.
  return true;
}

function disjointValues(a: unknown[], b: unknown[]): boolean {
  const keys = new Set(a.map(stableJson));
  return !b.some((v) => keys.has(stableJson(v)));
}

function pairwiseDisjoint(list: CSchema[]): boolean {
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++)
      if (mayOverlap(list[i] as CSchema, list[j] as CSchema)) return false;
  return true;
}

/** A few words naming a branch: its type and discriminator, for messages. */
function summarize(s: CSchema): string {
  if (s === false) return 'never valid';
  const parts: string[] = [];
  if (s.type) parts.push(s.type.join(' | '));
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    if (p !== false && p.enum?.length === 1) parts.push(`${name} = ${JSON.stringify(p.enum[0])}`);
  }
  if (s.enum) parts.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (!parts.length && isTrivial(s)) return 'any value';
  return parts.join(', ');
}
