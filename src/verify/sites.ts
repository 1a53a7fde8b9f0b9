/**
 * Places in a request body, each with the schema node that governs it: where generated requests are
 * changed (a field left out, a wrong type, an unknown field added). Bodies are never changed in place.
 */
import { instanceName } from '../consumers/fixtures.js';
import { setOwn } from './fields.js';
import { branchesOf, flatten, objectParts, typeOfValue, typesOf, type Node } from './shape.js';

export type Step = string | number;

export interface Site {
  /** Property names and array indexes from the root. */
  steps: Step[];
  /** The schema node that governs the value, `allOf` merged. */
  node: Node;
  value: unknown;
}

/** Every place of `value` with the schema node that governs it, shallowest first (fields before subfields). */
export function sitesOf(schema: unknown, value: unknown): Site[] {
  const out: Site[] = [];
  const queue: { schema: unknown; value: unknown; steps: Step[] }[] = [{ schema, value, steps: [] }];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const node = governing(item.schema, item.value);
    if (node === undefined) continue;
    out.push({ steps: item.steps, node, value: item.value });
    if (Array.isArray(item.value)) {
      const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
      item.value.forEach((v, i) =>
        queue.push({
          schema: i < prefix.length ? prefix[i] : (node.items ?? true),
          value: v,
          steps: [...item.steps, i],
        }),
      );
    } else if (typeof item.value === 'object' && item.value !== null) {
      const { properties } = objectParts(node);
      for (const [key, v] of Object.entries(item.value)) {
        const sub = Object.hasOwn(properties, key) ? properties[key] : (node.additionalProperties ?? true);
        queue.push({ schema: sub, value: v, steps: [...item.steps, key] });
      }
    }
  }
  return out;
}

/** The node a value is read by: its `allOf` merged, and of an `anyOf`/`oneOf` the first branch of its type. */
function governing(schema: unknown, value: unknown): Node | undefined {
  const flat = flatten(schema);
  if (typeof flat === 'boolean') return undefined;
  const branches = branchesOf(flat);
  if (branches.length === 0) return flat;
  const type = typeOfValue(value);
  const match = branches.find((b): b is Node => typeof b === 'object' && typesOf(b).has(type));
  return match;
}

/** `events[0].eventId`, in backticks, for messages. */
export function stepsName(steps: Step[]): string {
  return instanceName(steps.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
}

/** A copy of `body` with the value at `steps` replaced (or, with `DELETE`, removed). */
export function replaced(body: unknown, steps: Step[], value: unknown | typeof DELETE): unknown {
  if (steps.length === 0) return value;
  const [first, ...rest] = steps as [Step, ...Step[]];
  if (Array.isArray(body)) {
    const copy = [...body];
    copy[first as number] = replaced(copy[first as number], rest, value);
    return copy;
  }
  const copy = { ...(body as Record<string, unknown>) };
  if (rest.length === 0 && value === DELETE) delete copy[first as string];
  else setOwn(copy, first as string, replaced(copy[first as string], rest, value));
  return copy;
}

export const DELETE: unique symbol = Symbol('delete');
