/**
 * Shadow traffic comparison: for each request, the outputs of the current and the next version, compared
 * structurally. Counts the pairs that differ and which JSON pointers differ most often; array indexes are
 * generalised to `*` (`/items/3/price` is counted under `/items/*` followed by `/price`), so one broken field
 * in a list counts once per pair, not once per element.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ShadowSummary {
  compared: number;
  mismatches: number;
  /** mismatches / compared; null when nothing was compared. */
  mismatchRate: number | null;
  /** The most frequent differing pointers, most frequent first (ties by pointer). */
  topPaths: { path: string; count: number }[];
}

/** A line of the input that is not a usable pair (1-based line number). */
export class ShadowInputError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** `/a/b~1c` → `['a', 'b/c']`; throws on a string that is not a JSON pointer. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`${JSON.stringify(pointer)} is not a JSON pointer (it must start with /)`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Pointers (and their subtrees) to leave out of the comparison; `*` in a pointer matches any array index or key. */
export class IgnoreList {
  private readonly patterns: string[][];

  constructor(pointers: readonly string[]) {
    this.patterns = pointers.map(parsePointer);
  }

  /** Whether `path` (concrete or generalised tokens) is at or under an ignored pointer. */
  covers(path: readonly string[]): boolean {
    return this.patterns.some(
      (pattern) => pattern.length <= path.length && pattern.every((t, i) => t === '*' || t === path[i]),
    );
  }
}

/**
 * The generalised pointers at which `a` and `b` differ (each once), outside the ignored subtrees. A value
 * present on one side only differs at its own pointer; a different type or scalar differs where it is.
 */
export function differingPaths(a: unknown, b: unknown, ignore = new IgnoreList([])): string[] {
  const found = new Set<string>();
  const walk = (x: unknown, y: unknown, concrete: string[], general: string[]): void => {
    if (ignore.covers(concrete) || ignore.covers(general)) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      const n = Math.max(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const cx = concrete.concat(String(i));
        const gx = general.concat('*');
        if (i >= x.length || i >= y.length) {
          if (!ignore.covers(cx) && !ignore.covers(gx)) found.add(toPointer(gx));
        } else walk(x[i], y[i], cx, gx);
      }
      return;
    }
    if (isObject(x) && isObject(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const key of keys) {
        const ck = concrete.concat(key);
        const gk = general.concat(key);
        if (!Object.hasOwn(x, key) || !Object.hasOwn(y, key)) {
          if (!ignore.covers(ck) && !ignore.covers(gk)) found.add(toPointer(gk));
        } else walk(x[key], y[key], ck, gk);
      }
      return;
    }
    if (!sameScalar(x, y)) found.add(toPointer(general));
  };
  walk(a, b, [], []);
  return [...found];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Scalars and mismatched containers: equal only when both are the same JSON scalar. */
function sameScalar(x: unknown, y: unknown): boolean {
  if (x === null || typeof x !== 'object') return x === y;
  return false;
}

function toPointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** Accumulates pairs; `summary()` at any point. */
export class ShadowComparison {
  private compared = 0;
  private mismatches = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly ignore = new IgnoreList([])) {}

  add(current: unknown, next: unknown): string[] {
    const paths = differingPaths(current, next, this.ignore);
    this.compared++;
    if (paths.length > 0) this.mismatches++;
    for (const p of paths) this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
    return paths;
  }

  summary(top = 10): ShadowSummary {
    const topPaths = [...this.counts]
      .map(([path, count]) => ({ path, count }))
      .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, top);
    return {
      compared: this.compared,
      mismatches: this.mismatches,
      mismatchRate: this.compared === 0 ? null : this.mismatches / this.compared,
      topPaths,
    };
  }
}

/** Parses one JSONL line into its pair; throws ShadowInputError naming the line. */
export function parsePairLine(text: string, line: number): { current: unknown; next: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ShadowInputError(line, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(value)) throw new ShadowInputError(line, 'must be a JSON object { request?, current, next }');
  const missing = ['current', 'next'].filter((k) => !Object.hasOwn(value, k));
  if (missing.length > 0) {
    throw new ShadowInputError(
      line,
      `has no ${missing.map((k) => `"${k}"`).join(' and ')} (each line is { request?, current, next })`,
    );
  }
  return { current: value.current, next: value.next };
}

/** Compares the pairs of a JSONL stream, one line at a time (blank lines are skipped). */
export async function compareShadowLines(
  lines: AsyncIterable<string>,
  options: { ignore?: readonly string[]; top?: number } = {},
): Promise<ShadowSummary> {
  const comparison = new ShadowComparison(new IgnoreList(options.ignore ?? []));
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    const { current, next } = parsePairLine(text, n);
    try {
      comparison.add(current, next);
    } catch (err) {
      // The comparison recurses once per nesting level: only absurd nesting gets here.
      if (err instanceof RangeError) throw new ShadowInputError(n, 'nests too deeply to compare');
      throw err;
    }
  }
  return comparison.summary(options.top);
}

/** `compareShadowLines` over a file, streamed with readline. */
export async function compareShadowFile(
  path: string,
  options: { ignore?: readonly string[]; top?: number } = {},
): Promise<ShadowSummary> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    return await compareShadowLines(lines, options);
  } finally {
    lines.close();
    stream.destroy();
  }
}
