/**
 * The one registry of contract rules (everything in contract.yaml outside the schemas). Adding a rule:
 * write it in its family file (a limit pair through `limitRules`), list the family here if it is new, add a
 * row to the family's table in test/tree/rules/, and run `npm run docs` to regenerate docs/rules.md.
 */
import { authRules } from './auth.js';
import { errorRules } from './errors.js';
import { metaRules } from './meta.js';
import { operationalRules } from './operational.js';
import type { ContractRule } from './rule.js';
import { sideEffectRules } from './side-effects.js';
import { transportRules } from './transport.js';

export type { ContractHit, ContractRule } from './rule.js';

export const CONTRACT_RULES: readonly ContractRule[] = [
  ...metaRules,
  ...sideEffectRules,
  ...operationalRules,
  ...transportRules,
  ...errorRules,
  ...authRules,
];

export const CONTRACT_RULES_BY_ID: ReadonlyMap<string, ContractRule> = new Map(
  CONTRACT_RULES.map((r) => [r.id, r]),
);

export function contractRuleById(id: string): ContractRule {
  const rule = CONTRACT_RULES_BY_ID.get(id);
  if (!rule) throw new Error(`internal: no contract rule with id '${id}'`);
  return rule;
}

/** Rules that compare two versions of one major (the others are emitted by the tree diff). */
export const CHECKED_CONTRACT_RULES: readonly ContractRule[] = CONTRACT_RULES.filter((r) => r.check);
