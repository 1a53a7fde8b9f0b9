/**
 * Field paths: what a schema pointer means to a reader of the data. `/properties/customers/items/properties/
 * email` is the field `customers[].email`; combinators (`allOf/0`) and conditionals add nothing to it.
 */
import { parsePointer } from '../schema/pointer.js';

/** One step into an instance: a property name, `[]` for any array item, `*` for any property. */
export type FieldStep = string;

const SKIP_ONE = new Set(['allOf', 'anyOf', 'oneOf']);
const SKIP = new Set(['not', 'if', 'then', 'else']);
const ANY_PROPERTY = new Set(['additionalProperties', 'unevaluatedProperties']);
const ANY_ITEM = new Set(['items', 'additionalItems', 'unevaluatedItems', 'contains']);

/**
 * The instance steps a schema pointer leads to, or undefined for a pointer into something else (a
 * `propertyNames` schema, `$defs`). A pointer to a keyword of a node (`/properties/a/type`) means that node.
 */
export function fieldSteps(pointer: string): FieldStep[] | undefined {
  const tokens = parsePointer(pointer);
  if (tokens === undefined) return undefined;
  const steps: FieldStep[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = String(tokens[i]);
    const next = tokens[i + 1];
    if (token === 'properties' || token === 'dependentSchemas') {
      if (next === undefined) return steps;
      if (token === 'properties') steps.push(String(next));
      i++;
    } else if (token === 'patternProperties') {
      if (next === undefined) return steps;
      steps.push('*');
      i++;
    } else if (ANY_PROPERTY.has(token)) steps.push('*');
    else if (token === 'prefixItems' || (token === 'items' && /^\d+$/.test(String(next ?? '')))) {
      if (next === undefined) return steps;
      steps.push('[]');
      i++;
    } else if (ANY_ITEM.has(token)) steps.push('[]');
    else if (SKIP_ONE.has(token)) i++;
    else if (SKIP.has(token)) continue;
    else if (token === '$defs' || token === 'definitions' || token === 'propertyNames') return undefined;
    // Any other keyword: the pointer names a constraint of the node reached so far.
    else return steps;
  }
  return steps;
}

/** `customers[].email` for `['customers', '[]', 'email']`; the root is the empty string. */
export function fieldName(steps: readonly FieldStep[]): string {
  let out = '';
  for (const step of steps) {
    if (step === '[]') out += '[]';
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}

/** Whether one step path is a prefix of the other (`*` and `[]` match any step of their kind). */
export function related(a: readonly FieldStep[], b: readonly FieldStep[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    if ((x === '[]') !== (y === '[]')) return false;
    if (x === '*' || y === '*') continue;
    return false;
  }
  return true;
}
