/**
 * Numbers written with more precision than a double holds. JSON.parse and YAML read 9007199254740993 as
 * 9007199254740992 (integers beyond 2^53 are rounded, and so are decimals with too many digits), so two
 * different numbers in two versions of a schema would read as the same value and a change between them
 * would pass as no change. The readers record such a number as written, by the object or array that holds
 * it and its key; the resolver carries the records to its copies, and the diff compares the written forms
 * where the values read are equal. Numbers a double holds exactly are not recorded.
 */

/** Holder (object or array) → key → the number as written, in `decimalForm`. */
const written = new WeakMap<object, Map<string, string>>();

/** Records that `holder[key]` is a number written as `literal`, which its value does not hold exactly. */
export function recordWritten(holder: object, key: string | number, literal: string): void {
  let byKey = written.get(holder);
  if (byKey === undefined) written.set(holder, (byKey = new Map()));
  byKey.set(String(key), decimalForm(literal) ?? literal);
}

/** The number at `holder[key]` as written, when a double does not hold it exactly. */
export function writtenNumber(holder: object, key: string | number): string | undefined {
  return written.get(holder)?.get(String(key));
}

/** Whether anything in `holder`, directly, was recorded. */
export function hasWritten(holder: object): boolean {
  return written.has(holder);
}

/** Whether anything in `value`, at any depth, was recorded. Iterative. */
export function containsWritten(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (written.has(v)) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

/** Gives `to` (a copy of `from` with the same keys) the records of `from`. */
export function carryWritten(from: object, to: object): void {
  const byKey = written.get(from);
  if (byKey !== undefined && from !== to) written.set(to, byKey);
}

/**
 * Carries the records of every container of `from` to the container at the same place in `to`, a copy
 * of it made by a validator (zod rebuilds the mappings it checks). Iterative: depth is not bounded here.
 */
export function carryWrittenTree(from: unknown, to: unknown): void {
  const stack: [unknown, unknown][] = [[from, to]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [unknown, unknown];
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) continue;
    carryWritten(a, b);
    for (const key of Object.keys(a)) {
      if (Object.hasOwn(b, key)) {
        stack.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]]);
      }
    }
  }
}

/**
 * Records the integers of `read` (a YAML document as read) that `exact` (the same document read with
 * integers as BigInt) shows were rounded. Returns how many. Iterative.
 */
export function recordRoundedIntegers(read: unknown, exact: unknown): number {
  let count = 0;
  const stack: [unknown, unknown][] = [[read, exact]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [unknown, unknown];
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) continue;
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) continue;
      const value = (a as Record<string, unknown>)[key];
      const precise = (b as Record<string, unknown>)[key];
      if (typeof precise === 'bigint' && typeof value === 'number') {
        if (!Number.isSafeInteger(value) && (!Number.isFinite(value) || BigInt(value) !== precise)) {
          recordWritten(a, key, precise.toString());
          count++;
        }
      } else stack.push([value, precise]);
    }
  }
  return count;
}

/**
 * Whether a JSON number literal means exactly the double `value`, i.e. nothing was rounded away
 * (`0.1` counts as exact: it is the shortest spelling of its double, and every other spelling of the same
 * decimal reads the same).
 */
export function isExact(literal: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return decimalForm(literal) === decimalForm(String(value));
}

/**
 * One spelling per decimal value: `9007199254740993`, `-12.5`, `1.5e-30`; `undefined` for text that is not
 * a decimal number. Integers are written out (up to 40 digits), others in plain notation unless that takes
 * more than five zeros after the point (then scientific: `1.5e-30`).
 */
export function decimalForm(text: string): string | undefined {
  const match = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.replace(/_/g, ''));
  if (match === null) return undefined;
  const sign = match[1] === '-' ? '-' : '';
  const fraction = match[3] ?? '';
  let digits = `${match[2] as string}${fraction}`.replace(/^0+/, '');
  let exponent = Number(match[4] ?? 0) - fraction.length;
  if (digits === '') return '0';
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  if (exponent >= 0 && digits.length + exponent <= 40) return `${sign}${digits}${'0'.repeat(exponent)}`;
  const point = digits.length + exponent;
  if (exponent < 0 && point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (exponent < 0 && point > -6) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits.charAt(0)}${rest}e${exponent + digits.length - 1}`;
}

/**
 * Stable JSON text of a value (sorted keys) with every recorded number as written, or `undefined` when
 * nothing in it was recorded. `holder[key]` is where the value sits.
 */
export function writtenJson(holder: object, key: string | number): string | undefined {
  let any = false;
  const text = (value: unknown, at: object, k: string | number): string => {
    if (typeof value === 'number') {
      const exact = writtenNumber(at, k);
      if (exact !== undefined) {
        any = true;
        return exact;
      }
      return JSON.stringify(value);
    }
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map((v, i) => text(v, value, i)).join(',')}]`;
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${text(obj[name], obj, name)}`)
      .join(',')}}`;
  };
  const result = text((holder as Record<string, unknown>)[String(key)], holder, key);
  return any ? result : undefined;
}
