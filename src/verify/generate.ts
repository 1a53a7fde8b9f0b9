/**
 * Requests made from an input schema: the `minimal` one (required fields only) and the `full` one (every
 * optional field as well). Values come, in order of preference, from what recorded traffic sent at the same
 * field (consumer fixtures: real ids the staging system knows), the schema's `const`/`enum`, `examples`,
 * `default`, and last a made-up value that fits the type, format, pattern and bounds. A generated request is
 * only a proposal: `requests.ts` checks it with ajv before anything is sent.
 */
import { branchesOf, flatten, objectParts, typeOfValue, typesOf, type JsonType, type Node } from './shape.js';
import { setOwn } from './fields.js';
import { sampleFormat } from './formats.js';
import { samplePattern } from './pattern.js';

export type Variant = 'minimal' | 'full';

/** A fixed value that means "leave this field out". */
export const OMIT: unique symbol = Symbol('omit');

export interface GenerationHints {
  /** Scalar values recorded requests sent, by field path (`customerIds[]`, `events[].kind`). */
  samples: ReadonlyMap<string, readonly unknown[]>;
  /** Field paths with a value decided by the caller (say, the cursor of the first page), or `OMIT`. */
  fixed?: ReadonlyMap<string, unknown>;
}

export type Generated =
  | { value: unknown; /** Optional fields the full request had to leave out, and why. */ notes: string[] }
  | { problem: string };

/** Nesting deeper than this is not generated (a recursive schema would never end). */
const MAX_DEPTH = 12;
const NONE: unique symbol = Symbol('none');
type Made = unknown | typeof NONE;

/** A request body for `variant`, or the reason none could be made. */
export function generateRequest(schema: unknown, variant: Variant, hints: GenerationHints): Generated {
  const generator = new Generator(variant, hints);
  const value = generator.make(schema, '', 0, 0);
  if (value === NONE) return { problem: generator.problems[0] ?? 'the input schema admits no request' };
  return { value, notes: generator.notes };
}

/** Scalar values of recorded bodies by field path, in the order met, without repeats. */
export function collectSamples(bodies: readonly unknown[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, `${path}[]`);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, sub] of Object.entries(value)) visit(sub, joinPath(path, key));
    } else {
      const list = out.get(path) ?? [];
      if (!list.includes(value)) list.push(value);
      out.set(path, list);
    }
  };
  for (const body of bodies) visit(body, '');
  return out;
}

export function joinPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** What a field is called in messages: `events[].eventId`, or `the request` for the root. */
export function fieldLabel(path: string): string {
  return path === '' ? 'the request' : `\`${path}\``;
}

const TYPE_PREFERENCE: readonly JsonType[] = [
  'object',
  'array',
  'string',
  'integer',
  'number',
  'boolean',
  'null',
];

class Generator {
  readonly problems: string[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly variant: Variant,
    private readonly hints: GenerationHints,
  ) {}

  make(schema: unknown, path: string, seed: number, depth: number): Made {
    if (depth > MAX_DEPTH)
      return this.fail(`${fieldLabel(path)} is nested more than ${MAX_DEPTH} levels deep`);
    if (this.hints.fixed?.has(path)) {
      const fixed = this.hints.fixed.get(path);
      return fixed === OMIT ? NONE : fixed;
    }
    const node = flatten(schema);
    if (node === false) return this.fail(`the schema admits no value for ${fieldLabel(path)}`);
    if (node === true) return this.sample(path, seed, () => true) ?? `contractguard-${seed}`;
    const branches = branchesOf(node);
    if (branches.length > 0) return this.oneOfBranches(branches, path, seed, depth);
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return this.fromEnum(node.enum, path, seed);
    const types = typesOf(node);
    const recorded = this.sample(path, seed, (v) => types.has(typeOfValue(v)) && typeOfValue(v) !== 'object');
    if (recorded !== undefined) return recorded;
    const examples = Array.isArray(node.examples)
      ? node.examples.filter((v) => types.has(typeOfValue(v)))
      : [];
    if (examples.length > 0) return examples[seed % examples.length];
    if (node.default !== undefined && types.has(typeOfValue(node.default))) return node.default;
    const type = types.size === TYPE_PREFERENCE.length ? 'string' : TYPE_PREFERENCE.find((t) => types.has(t));
    switch (type) {
      case 'object':
        return this.object(node, path, depth);
      case 'array':
        return this.array(node, path, depth);
      case 'string':
        return this.string(node, path, seed);
      case 'integer':
      case 'number':
        return this.number(node, type, seed);
      case 'boolean':
        return seed % 2 === 0;
      case 'null':
        return null;
      default:
        return this.fail(`the schema admits no type for ${fieldLabel(path)}`);
    }
  }

  private fail(problem: string): typeof NONE {
    this.problems.push(problem);
    return NONE;
  }

  /** A recorded value at this path that `fits`, preferring one that is not null. */
  private sample(path: string, seed: number, fits: (v: unknown) => boolean): unknown {
    const recorded = (this.hints.samples.get(path) ?? []).filter(fits);
    const preferred = recorded.filter((v) => v !== null);
    const pool = preferred.length > 0 ? preferred : recorded;
    return pool.length === 0 ? undefined : pool[seed % pool.length];
  }

  private fromEnum(values: unknown[], path: string, seed: number): Made {
    if (values.length === 0) return this.fail(`${fieldLabel(path)} has an empty \`enum\``);
    const recorded = this.sample(path, seed, (v) => values.includes(v));
    if (recorded !== undefined) return recorded;
    const nonNull = values.filter((v) => v !== null);
    const pool = nonNull.length > 0 ? nonNull : values;
    return pool[seed % pool.length];
  }

  /** The first branch that yields a value, trying branches that allow more than `null` first. */
  private oneOfBranches(branches: (Node | boolean)[], path: string, seed: number, depth: number): Made {
    const onlyNull = (b: Node | boolean) =>
      typeof b === 'object' && [...typesOf(b)].every((t) => t === 'null');
    const ordered = [...branches.filter((b) => !onlyNull(b)), ...branches.filter(onlyNull)];
    const before = this.problems.length;
    for (const branch of ordered) {
      const made = this.make(branch, path, seed, depth + 1);
      if (made !== NONE) {
        this.problems.length = before;
        return made;
      }
    }
    return NONE;
  }

  private object(node: Node, path: string, depth: number): Made {
    const { properties, required } = objectParts(node);
    const names =
      this.variant === 'minimal' ? required : [...new Set([...Object.keys(properties), ...required])];
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : true;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const sub = Object.hasOwn(properties, name) ? properties[name] : extra;
      const fieldPath = joinPath(path, name);
      const isRequired = required.includes(name);
      if (this.hints.fixed?.get(fieldPath) === OMIT) {
        if (isRequired) return this.fail(`${fieldLabel(fieldPath)} is required but is left out on purpose`);
        continue;
      }
      const before = this.problems.length;
      const made = this.make(sub, fieldPath, 0, depth + 1);
      if (made === NONE) {
        if (isRequired) return NONE;
        this.notes.push(...this.problems.splice(before));
        continue;
      }
      setOwn(out, name, made);
    }
    return out;
  }

  private array(node: Node, path: string, depth: number): Made {
    const minItems = typeof node.minItems === 'number' ? node.minItems : 0;
    const maxItems = typeof node.maxItems === 'number' ? node.maxItems : Infinity;
    const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
    const wanted = this.variant === 'minimal' ? minItems : Math.max(minItems, 1);
    const count = Math.min(wanted, maxItems);
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const schema = i < prefix.length ? prefix[i] : node.items === undefined ? true : node.items;
      const made = this.make(schema, `${path}[]`, i, depth + 1);
      if (made === NONE) return NONE;
      items.push(made);
    }
    return items;
  }

  private string(node: Node, path: string, seed: number): Made {
    const min = typeof node.minLength === 'number' ? node.minLength : 0;
    const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
    if (typeof node.pattern === 'string') {
      const sampled = samplePattern(node.pattern, seed);
      if (sampled === undefined) {
        return this.fail(
          `cannot make a value for ${fieldLabel(path)} that matches its pattern \`${node.pattern}\`: give the field \`examples\` in the schema`,
        );
      }
      return sampled;
    }
    const formatted = typeof node.format === 'string' ? sampleFormat(node.format, seed) : undefined;
    if (formatted !== undefined) return formatted;
    const text = seed === 0 ? 'contractguard' : `contractguard-${seed}`;
    return text.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, text.length)));
  }

  private number(node: Node, type: 'integer' | 'number', seed: number): number {
    const exclusiveMin = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
    const exclusiveMax = typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum : undefined;
    let low = typeof node.minimum === 'number' ? node.minimum : undefined;
    if (exclusiveMin !== undefined) low = Math.max(low ?? -Infinity, Math.floor(exclusiveMin) + 1);
    let high = typeof node.maximum === 'number' ? node.maximum : undefined;
    if (exclusiveMax !== undefined) high = Math.min(high ?? Infinity, Math.ceil(exclusiveMax) - 1);
    let value = low !== undefined ? Math.ceil(low) + seed : high !== undefined ? Math.min(high, 1) : 1 + seed;
    if (high !== undefined && value > high) value = type === 'integer' ? Math.floor(high) : high;
    const step = typeof node.multipleOf === 'number' && node.multipleOf > 0 ? node.multipleOf : undefined;
    if (step !== undefined) value = Math.ceil(value / step) * step;
    return value;
  }
}
