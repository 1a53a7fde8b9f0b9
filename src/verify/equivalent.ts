/**
 * Where two JSON values differ, as field paths a reader can look up: `customers[0].updatedAt`. Used to
 * compare the two responses of a repeated idempotent call, volatile fields removed first.
 */
import { isDeepStrictEqual } from 'node:util';

export interface Difference {
  /** `customers[0].updatedAt`; `the body` for the root. */
  field: string;
  before: unknown;
  after: unknown;
}

/** The first `limit` places where `a` and `b` differ, shallowest first. */
export function differences(a: unknown, b: unknown, limit = 5): Difference[] {
  const out: Difference[] = [];
  const queue: { a: unknown; b: unknown; path: string }[] = [{ a, b, path: '' }];
  for (let item = queue.shift(); item !== undefined && out.length < limit; item = queue.shift()) {
    if (isDeepStrictEqual(item.a, item.b)) continue;
    const field = item.path === '' ? 'the body' : item.path;
    if (Array.isArray(item.a) && Array.isArray(item.b)) {
      if (item.a.length !== item.b.length) {
        out.push({ field: `${field} (length)`, before: item.a.length, after: item.b.length });
        continue;
      }
      item.a.forEach((v, i) => queue.push({ a: v, b: (item.b as unknown[])[i], path: `${item.path}[${i}]` }));
    } else if (isObject(item.a) && isObject(item.b)) {
      const keys = [...new Set([...Object.keys(item.a), ...Object.keys(item.b)])];
      for (const key of keys) {
        const a1 = Object.hasOwn(item.a, key) ? item.a[key] : undefined;
        const b1 = Object.hasOwn(item.b, key) ? item.b[key] : undefined;
        queue.push({ a: a1, b: b1, path: item.path === '' ? key : `${item.path}.${key}` });
      }
    } else out.push({ field, before: item.a, after: item.b });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"a"` → `"a"`, an absent value → `absent`, long values cut: for one line of a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
