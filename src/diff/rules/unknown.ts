/**
 * Keywords the engine does not understand. We cannot say what a change to them means, so it is never a
 * silent `none`: it is reported by name as dangerous for a human to judge.
 */
import { stableJson } from '../canonical.js';
import type { Rule } from '../rule.js';

const alwaysDangerous = {
  strict: { input: 'dangerous', output: 'dangerous' },
  pragmatic: { input: 'dangerous', output: 'dangerous' },
} as const;

export const unknownRules: Rule[] = [
  {
    id: 'unknown-keyword-changed',
    inverse: 'unknown-keyword-changed',
    effect: 'unknown',
    severity: alwaysDangerous,
    check: (o, n) => {
      const before = o.unknown ?? {};
      const after = n.unknown ?? {};
      const names = new Set([...Object.keys(before), ...Object.keys(after)]);
      return [...names]
        .filter(
          (k) => stableJson(before[k] ?? null) !== stableJson(after[k] ?? null) || k in before !== k in after,
        )
        .sort()
        .map((keyword) => ({
          args: {
            keyword,
            change: !(keyword in before) ? 'added' : !(keyword in after) ? 'removed' : 'changed',
          },
          at: `/${keyword}`,
        }));
    },
    what: (a, c) =>
      `${c.subject}: keyword \`${a.keyword}\` was ${a.change}, and contractguard does not know what it means`,
    impact: () => 'check by hand whether it changes what is valid',
    why: 'An unknown keyword may change validation in ways no rule can see.',
  },
];
