/** Rules the walker emits itself while comparing combinators and boolean schemas (no keyword check). */
import type { Rule } from '../rule.js';

// "an `anyOf`" but "a `oneOf`" (one is said "wun").
const branchPair = (kw: 'any-of' | 'one-of', keyword: string, article: 'a' | 'an'): Rule[] => [
  {
    id: `${kw}-branch-added`,
    inverse: `${kw}-branch-removed`,
    effect: 'computed',
    what: (a, c) =>
      `${c.subject} gained ${article} \`${keyword}\` alternative${a.summary ? ` (${a.summary})` : ''}`,
    why: 'A new alternative admits values no old alternative covered, unless an old one already did.',
  },
  {
    id: `${kw}-branch-removed`,
    inverse: `${kw}-branch-added`,
    shownIn: 'old',
    effect: 'computed',
    what: (a, c) =>
      `${c.subject} lost ${article} \`${keyword}\` alternative${a.summary ? ` (${a.summary})` : ''}`,
    why: 'Values only the removed alternative admitted are now rejected.',
  },
];

export const combinatorRules: Rule[] = [
  ...branchPair('any-of', 'anyOf', 'an'),
  ...branchPair('one-of', 'oneOf', 'a'),
  {
    id: 'one-of-exclusivity-added',
    inverse: 'one-of-exclusivity-removed',
    effect: 'narrows',
    what: (_a, c) =>
      `${c.subject} now uses \`oneOf\` with overlapping alternatives, so values matching more than one are rejected`,
    why: 'oneOf rejects values that match several alternatives; with overlap, that removes values the old schema admitted.',
  },
  {
    id: 'one-of-exclusivity-removed',
    inverse: 'one-of-exclusivity-added',
    effect: 'widens',
    what: (_a, c) =>
      `${c.subject} no longer rejects values that match more than one of its overlapping \`oneOf\` alternatives`,
    why: 'Values that matched several oneOf alternatives were invalid and are now admitted.',
  },
  {
    id: 'all-of-part-added',
    inverse: 'all-of-part-removed',
    effect: 'narrows',
    what: (_a, c) => `${c.subject} gained an \`allOf\` part that every value must also satisfy`,
    why: 'Every value must satisfy one more schema.',
  },
  {
    id: 'all-of-part-removed',
    shownIn: 'old',
    inverse: 'all-of-part-added',
    effect: 'widens',
    what: (_a, c) => `${c.subject} lost an \`allOf\` part`,
    why: 'Values no longer have to satisfy that schema.',
  },
  {
    id: 'not-added',
    inverse: 'not-removed',
    effect: 'narrows',
    what: (_a, c) => `${c.subject} now excludes values matching a \`not\` schema`,
    why: 'Values matching the excluded schema are now rejected.',
  },
  {
    id: 'not-removed',
    shownIn: 'old',
    inverse: 'not-added',
    effect: 'widens',
    what: (_a, c) => `${c.subject} no longer excludes values matching its \`not\` schema`,
    why: 'Values the `not` excluded are now valid.',
  },
  {
    id: 'conditional-added',
    inverse: 'conditional-removed',
    effect: 'narrows',
    what: (_a, c) => `${c.subject} gained an \`if\`/\`then\`/\`else\` condition`,
    why: 'A condition adds constraints to the values it selects.',
  },
  {
    id: 'conditional-removed',
    shownIn: 'old',
    inverse: 'conditional-added',
    effect: 'widens',
    what: (_a, c) => `${c.subject} lost its \`if\`/\`then\`/\`else\` condition`,
    why: 'The constraints the condition applied are gone.',
  },
  {
    id: 'condition-changed',
    inverse: 'condition-changed',
    effect: 'computed',
    what: (_a, c) =>
      `the \`if\` condition of ${c.subject} changed, so different values now get \`then\` or \`else\``,
    impact: (_a, c) =>
      c.effect === 'unknown'
        ? 'neither branch contains the other (or the conditions cannot be compared), so check by hand which values move'
        : undefined,
    why:
      'When one branch is stricter than the other (`then` ⊆ `else`, say), a condition that selects more values ' +
      'applies the stricter branch to more of them: the effect follows from comparing the two conditions. When ' +
      'neither branch contains the other, or the conditions cannot be compared, it stays undecided (dangerous).',
  },
  {
    id: 'unevaluated-changed',
    inverse: 'unevaluated-changed',
    effect: 'unknown',
    what: (a, c) =>
      `${c.subject} changed, and its \`${String(a.keyword)}\` depends on which of its \`allOf\`/\`anyOf\`/\`oneOf\`/\`if\`/\`dependentSchemas\` sub-schemas match`,
    impact: () =>
      'contractguard cannot tell which properties or items count as unevaluated before and after; check by hand',
    why:
      'Which properties or items count as unevaluated depends on which sub-schemas matched each value (overlapping ' +
      'alternatives, conditions, dependent schemas); that cannot be compared keyword by keyword, and the semantic ' +
      'check does not read these keywords. Open and closed ' +
      'content models without such sub-schemas (or with allOf parts, or disjoint alternatives) are compared exactly, ' +
      'and so is any change that leaves the declared names and the sub-schemas as they were.',
  },
  {
    id: 'combinator-changed',
    inverse: 'combinator-changed',
    effect: 'unknown',
    semantic: true,
    what: (a, c) => `the \`${a.keyword}\` alternatives of ${c.subject} were rewritten`,
    why: 'Overlapping alternatives (or oneOf, where overlap itself matters) cannot be matched one to one; the semantic check decides.',
  },
  {
    id: 'schema-forbidden',
    inverse: 'schema-permitted',
    effect: 'narrows',
    what: (_a, c) => `${c.subject} now admits no value at all (schema \`false\`)`,
    why: 'Everything that was valid there is now rejected.',
  },
  {
    id: 'schema-permitted',
    inverse: 'schema-forbidden',
    effect: 'widens',
    what: (_a, c) => `${c.subject} was forbidden (schema \`false\`) and now admits values`,
    why: 'Values are now valid where none were.',
  },
];
