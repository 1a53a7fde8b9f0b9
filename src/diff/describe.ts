/** Words for places and consequences, shared by every rule message. */
import { unescapePointer } from './canonical.js';
import type { Direction, Effect, Severity } from './types.js';

/** `/properties/customer/properties/status` → "`customer.status`"; the root → "the request"/"the response". */
export function subjectOf(path: string, direction: Direction): string {
  const parts = path.split('/').slice(1).map(unescapePointer);
  // A path that ends at a union branch names the union; the rule's own words name the branch.
  if (parts.length >= 2 && ['anyOf', 'oneOf', 'allOf'].includes(parts[parts.length - 2] as string))
    parts.splice(-2);
  let name = '';
  let branch = '';
  // unevaluated* apply only to what no other keyword evaluated: `[]` alone would read as every item.
  let which = '';
  for (let i = 0; i < parts.length; i++) {
    const kw = parts[i];
    const arg = parts[i + 1];
    switch (kw) {
      case 'properties':
        name += name ? `.${arg}` : arg;
        i++;
        break;
      case 'patternProperties':
        name += `${name ? '.' : ''}<${arg}>`;
        i++;
        break;
      case 'additionalProperties':
      case 'unevaluatedProperties':
        name += `${name ? '.' : ''}*`;
        if (kw === 'unevaluatedProperties') which = ' (the properties no other keyword evaluates)';
        break;
      case 'items':
      case 'unevaluatedItems':
        name += '[]';
        if (kw === 'unevaluatedItems') which = ' (the items no other keyword evaluates)';
        break;
      case 'prefixItems':
        name += `[${arg}]`;
        i++;
        break;
      case 'contains':
        name += '[contains]';
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        branch = ` (${branchesOf(kw, arg ?? '')})`;
        i++;
        break;
      case 'dependentSchemas':
        branch = ` (when \`${arg}\` is present)`;
        i++;
        break;
      case 'then':
      case 'else':
        branch = ` (in \`${kw}\`)`;
        break;
      case 'not':
        // Under `not` a narrower inner schema excludes less: say so, or the sentence reads backwards.
        branch = ' (inside `not`, which rejects what it matches)';
        break;
      case 'propertyNames':
        name += `${name ? '.' : ''}<property names>`;
        break;
      default:
        break;
    }
  }
  if (!name) return (direction === 'input' ? 'the request' : 'the response') + branch;
  return `\`${name}\`${which}${branch}`;
}

/**
 * `anyOf branch 2`; the walker writes one change made in several branches as `*` (every branch) or `0,2`
 * (those branches): `all anyOf branches`, `anyOf branches 1 and 3`.
 */
function branchesOf(kw: string, token: string): string {
  if (token === '*') return `all ${kw} branches`;
  const numbers = token.split(',').map((t) => String(Number(t) + 1));
  if (numbers.length === 1) return `${kw} branch ${numbers[0]}`;
  return `${kw} branches ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

export function defaultImpact(direction: Direction, effect: Effect, severity: Severity): string | undefined {
  const who = direction === 'input' ? 'clients' : 'consumers';
  switch (severity) {
    case 'none':
      return undefined;
    case 'additive':
      return `existing ${who} keep working`;
    case 'dangerous':
      return effect === 'unknown'
        ? 'contractguard could not prove this compatible; review it by hand'
        : `some ${who} may be affected; review it`;
    case 'breaking':
      return direction === 'input'
        ? 'requests that were valid before can now be rejected'
        : 'consumers may now receive values they do not expect';
  }
}

/** Short display of a JSON value inside a message. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

export function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 5).map(show);
  if (values.length > 5) shown.push(`and ${values.length - 5} more`);
  return shown.length > 1
    ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
    : (shown[0] ?? '');
}
