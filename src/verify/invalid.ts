/**
 * Invalid requests made from valid ones, one fault each: a required field left out, a field of the wrong
 * type, a value out of its range. Each candidate is checked with ajv to really be invalid (an `anyOf` may
 * accept what looked wrong) before it is offered; the first that is becomes the case.
 */
import type { ResolvedSchema } from '../schema/types.js';
import { objectParts, typesOf, type JsonType } from './shape.js';
import { DELETE, replaced, sitesOf, stepsName as name, type Site } from './sites.js';
import { validateBody } from './validate.js';

export type InvalidKind = 'missing-required' | 'wrong-type' | 'out-of-range';

export const INVALID_KINDS: readonly InvalidKind[] = ['missing-required', 'wrong-type', 'out-of-range'];

export interface InvalidRequest {
  kind: InvalidKind;
  /** What is wrong, for the reader: "`pageSize` is 501, above its maximum 500". */
  fault: string;
  body: unknown;
}

interface Candidate {
  fault: string;
  body: unknown;
}

/**
 * The invalid request of one kind, or why there is none: `missing-required` leaves a field out of the
 * minimal request; `wrong-type` and `out-of-range` change a field of the full one (where every field is).
 */
export function invalidRequest(
  input: ResolvedSchema,
  kind: InvalidKind,
  minimal: unknown,
  full: unknown,
): InvalidRequest | { none: string } {
  const base = kind === 'missing-required' ? minimal : full;
  const sites = sitesOf(input.root, base);
  const candidates =
    kind === 'missing-required'
      ? sites.flatMap((s) => leaveOut(base, s))
      : kind === 'wrong-type'
        ? sites.flatMap((s) => wrongType(base, s))
        : outOfRange(base, sites);
  for (const candidate of candidates) {
    const checked = validateBody(input, candidate.body);
    if ('valid' in checked && !checked.valid) return { kind, ...candidate };
  }
  return { none: NONE_REASON[kind] };
}

const NONE_REASON: Record<InvalidKind, string> = {
  'missing-required': 'the input schema requires no field, so there is none to leave out',
  'wrong-type': 'no field of the input schema declares a type that another value would break',
  'out-of-range': 'no field of the input schema has a bound (minimum, maximum, length, item count, enum)',
};

function leaveOut(body: unknown, site: Site): Candidate[] {
  if (typeof site.value !== 'object' || site.value === null || Array.isArray(site.value)) return [];
  const present = objectParts(site.node).required.filter((r) => Object.hasOwn(site.value as object, r));
  return present.map((field) => ({
    fault: `required field ${name([...site.steps, field])} is left out`,
    body: replaced(body, [...site.steps, field], DELETE),
  }));
}

/** A value of each JSON type, to put where the contract wants another. */
const WRONG_VALUES: [JsonType, unknown][] = [
  ['string', 'contractguard-wrong-type'],
  ['integer', 12345],
  ['boolean', true],
  ['object', {}],
  ['array', []],
];

function wrongType(body: unknown, site: Site): Candidate[] {
  if (site.steps.length === 0 || !('type' in site.node)) return [];
  const allowed = typesOf(site.node);
  const wrong = WRONG_VALUES.find(
    ([type]) => !allowed.has(type) && !(type === 'integer' && allowed.has('number')),
  );
  if (wrong === undefined) return [];
  const wanted = [...allowed].filter((t) => !(t === 'integer' && allowed.has('number'))).join(' or ');
  return [
    {
      fault: `${name(site.steps)} is ${JSON.stringify(wrong[1])} (${wrong[0]}) where the contract wants ${wanted}`,
      body: replaced(body, site.steps, wrong[1]),
    },
  ];
}

/** Bounds broken, numbers first, then lengths, item counts and enums: the plainest fault of each field. */
function outOfRange(body: unknown, sites: Site[]): Candidate[] {
  const fields = sites.filter((s) => s.steps.length > 0);
  const at = (s: Site, value: unknown, fault: string): Candidate => ({
    fault: `${name(s.steps)} is ${fault}`,
    body: replaced(body, s.steps, value),
  });
  const numbers = fields.flatMap((s) => {
    const n = s.node;
    if (typeof s.value !== 'number') return [];
    const out: Candidate[] = [];
    if (typeof n.maximum === 'number')
      out.push(at(s, n.maximum + 1, `${n.maximum + 1}, above its maximum ${n.maximum}`));
    if (typeof n.exclusiveMaximum === 'number')
      out.push(at(s, n.exclusiveMaximum, `${n.exclusiveMaximum}, not below its exclusive maximum`));
    if (typeof n.minimum === 'number')
      out.push(at(s, n.minimum - 1, `${n.minimum - 1}, below its minimum ${n.minimum}`));
    if (typeof n.exclusiveMinimum === 'number')
      out.push(at(s, n.exclusiveMinimum, `${n.exclusiveMinimum}, not above its exclusive minimum`));
    return out;
  });
  const strings = fields.flatMap((s) => {
    const n = s.node;
    if (typeof s.value !== 'string') return [];
    const out: Candidate[] = [];
    if (typeof n.maxLength === 'number') {
      const long = 'x'.repeat(n.maxLength + 1);
      out.push(at(s, long, `${n.maxLength + 1} characters long, over its maxLength ${n.maxLength}`));
    }
    if (typeof n.minLength === 'number' && n.minLength > 0) {
      out.push(
        at(
          s,
          'x'.repeat(n.minLength - 1),
          `${n.minLength - 1} characters long, under its minLength ${n.minLength}`,
        ),
      );
    }
    return out;
  });
  const arrays = fields.flatMap((s) => {
    const n = s.node;
    if (!Array.isArray(s.value)) return [];
    const out: Candidate[] = [];
    if (typeof n.maxItems === 'number' && s.value.length > 0) {
      const items = Array.from(
        { length: n.maxItems + 1 },
        (_, i) => (s.value as unknown[])[i % (s.value as unknown[]).length],
      );
      out.push(at(s, items, `a list of ${n.maxItems + 1} items, over its maxItems ${n.maxItems}`));
    }
    if (typeof n.minItems === 'number' && n.minItems > 0) {
      out.push(
        at(
          s,
          (s.value as unknown[]).slice(0, n.minItems - 1),
          `a list of ${n.minItems - 1} items, under its minItems ${n.minItems}`,
        ),
      );
    }
    return out;
  });
  const enums = fields.flatMap((s) =>
    Array.isArray(s.node.enum)
      ? [at(s, 'contractguard-not-in-enum', `"contractguard-not-in-enum", outside its enum`)]
      : [],
  );
  return [...numbers, ...strings, ...arrays, ...enums];
}
