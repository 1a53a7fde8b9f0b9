/** Every rule that `rules:` in contractguard.yaml can name, schema and contract alike. */
import { type RuleMeta, sidesOf } from '../../diff/rule-meta.js';
import { RULES } from '../../diff/rules/index.js';
import type { Direction } from '../../diff/types.js';
import { CONTRACT_RULES } from './index.js';

/** Both engines' rules; ids are unique across them (test/tree/rules/registry.test.ts). */
export const ALL_RULES: readonly RuleMeta[] = [...RULES, ...CONTRACT_RULES];

const BY_ID: ReadonlyMap<string, RuleMeta> = new Map(ALL_RULES.map((r) => [r.id, r]));

/** The sides an override of this rule id applies to; undefined when no rule has the id. */
export function overridableSides(id: string): readonly Direction[] | undefined {
  const rule = BY_ID.get(id);
  return rule ? sidesOf(rule) : undefined;
}
