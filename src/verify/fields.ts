/**
 * Field paths into JSON bodies, as contract.yaml writes them: `page.nextCursor` (a dotted path) and, for
 * volatile fields, `customers[].syncedAt` (`[]`: every item of an array). Bodies are never modified in
 * place: the setters return copies.
 */

/** One step: a property name, or `[]` for every item of an array. */
export type FieldStep = string;

export function parseFieldPath(path: string): FieldStep[] {
  const steps: FieldStep[] = [];
  for (const part of path.split('.')) {
    const name = part.replace(/(\[\])+$/, '');
    steps.push(name);
    for (let rest = part.slice(name.length); rest.startsWith('[]'); rest = rest.slice(2)) steps.push('[]');
  }
  return steps;
}

type JsonRecord = Record<string, unknown>;

/**
 * `target[key] = value` as an own property: keys come from contract files and response bodies, and
 * assigning `__proto__` to a plain object would swap its prototype instead of adding a field.
 */
export function setOwn(target: JsonRecord, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path (no `[]`), or `found: false` when a step is missing. */
export function getField(body: unknown, path: string): { found: true; value: unknown } | { found: false } {
  let here: unknown = body;
  for (const step of parseFieldPath(path)) {
    if (!isRecord(here) || !Object.hasOwn(here, step)) return { found: false };
    here = here[step];
  }
  return { found: true, value: here };
}

/** A copy of `body` with the dotted path set to `value`, creating objects on the way. */
export function setField(body: unknown, path: string, value: unknown): unknown {
  const steps = parseFieldPath(path);
  const put = (here: unknown, i: number): unknown => {
    const step = steps[i] as string;
    const copy: JsonRecord = isRecord(here) ? { ...here } : {};
    setOwn(
      copy,
      step,
      i === steps.length - 1 ? value : put(Object.hasOwn(copy, step) ? copy[step] : undefined, i + 1),
    );
    return copy;
  };
  return put(body, 0);
}

/** A deep copy of `body` without the fields at `paths` (which may hold `[]`). */
export function withoutFields(body: unknown, paths: readonly string[]): unknown {
  let out = structuredClone(body);
  for (const path of paths) out = drop(out, parseFieldPath(path));
  return out;
}

function drop(here: unknown, steps: FieldStep[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) return here;
  if (step === '[]') return Array.isArray(here) ? here.map((item) => drop(item, rest)) : here;
  if (!isRecord(here) || !Object.hasOwn(here, step)) return here;
  if (rest.length === 0) {
    const { [step]: _dropped, ...kept } = here;
    return kept;
  }
  const copy = { ...here };
  setOwn(copy, step, drop(here[step], rest));
  return copy;
}
