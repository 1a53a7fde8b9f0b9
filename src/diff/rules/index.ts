/** The one registry of rules. Adding a rule: write it in its family file, list the family here, test it. */
import type { Rule } from '../rule.js';
import { annotationRules } from './annotation.js';
import { arrayRules } from './array.js';
import { combinatorRules } from './combinator.js';
import { enumRules } from './enum.js';
import { numericRules } from './numeric.js';
import { objectRules } from './object.js';
import { stringRules } from './string.js';
import { typeRules } from './type.js';
import { unknownRules } from './unknown.js';

export const RULES: readonly Rule[] = [
  ...typeRules,
  ...enumRules,
  ...numericRules,
  ...stringRules,
  ...arrayRules,
  ...objectRules,
  ...combinatorRules,
  ...annotationRules,
  ...unknownRules,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`internal: no rule with id '${id}'`);
  return rule;
}

/** Rules with a keyword check, run by the walker at every pair of nodes. */
export const CHECKED_RULES: readonly Rule[] = RULES.filter((r) => r.check);
