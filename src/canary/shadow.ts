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

/**
 * Which ignore patterns still match a path so far: indexes of patterns whose first `depth` tokens matched,
 * one list for the concrete path and one for the generalised one (`*` for array indexes).
 */
export interface IgnoreMatch {
  concrete: readonly number[];
  general: readonly number[];
}

const NO_PATTERNS: readonly number[] = [];
/** No pattern can match below here: shared, so an unignored subtree allocates no matches. */
const NOTHING_IGNORED: IgnoreMatch = { concrete: NO_PATTERNS, general: NO_PATTERNS };

/** Pointers (and their subtrees) to leave out of the comparison; `*` in a pointer matches any array index or key. */
export class IgnoreList {
  private readonly patterns: string[][];

  constructor(pointers: readonly string[]) {
    this.patterns = pointers.map(parsePointer);
  }

  /** The match at the root, or `undefined` when the root itself is ignored (a pointer `""`). */
  root(): IgnoreMatch | undefined {
    if (this.patterns.some((p) => p.length === 0)) return undefined;
    if (this.patterns.length === 0) return NOTHING_IGNORED;
    const all = this.patterns.map((_, i) => i);
    return { concrete: all, general: all };
  }

  /**
   * The match one level down, at `depth` + 1, through `concrete` (a key or an index) and `general` (the key,
   * or `*`); `undefined` when that place is ignored. Constant work per level: the path is never re-read.
   */
  step(match: IgnoreMatch, depth: number, concrete: string, general: string): IgnoreMatch | undefined {
    if (match === NOTHING_IGNORED) return match;
    const next = (alive: readonly number[], token: string): readonly number[] | undefined => {
      if (alive.length === 0) return NO_PATTERNS;
      const out: number[] = [];
      for (const i of alive) {
        const pattern = this.patterns[i] as string[];
        const t = pattern[depth];
        if (t !== '*' && t !== token) continue;
        if (pattern.length === depth + 1) return undefined;
        out.push(i);
      }
      return out;
    };
    const c = next(match.concrete, concrete);
    const g = c === undefined ? undefined : next(match.general, general);
    if (c === undefined || g === undefined) return undefined;
    return c.length === 0 && g.length === 0 ? NOTHING_IGNORED : { concrete: c, general: g };
  }
}

/**
 * A place in the two values: its tokens are reached through `parent`, never copied level by level, and
 * its pointer is built only when a difference is found there (and then shared by the places below it).
 */
interface Place {
  parent: Place | undefined;
  /** The generalised token (`*` for an array index). */
  token: string;
  depth: number;
  match: IgnoreMatch;
  pointer?: string;
}

/** The generalised pointer of a place, reusing its ancestors' (iterative: depth does not matter). */
function pointerOf(place: Place): string {
  const chain: Place[] = [];
  let at: Place | undefined = place;
  while (at !== undefined && at.pointer === undefined) {
    chain.push(at);
    at = at.parent;
  }
  let pointer = at?.pointer ?? '';
  for (let i = chain.length - 1; i >= 0; i--) {
    const p = chain[i] as Place;
    pointer = p.parent === undefined ? '' : `${pointer}/${escapeToken(p.token)}`;
    p.pointer = pointer;
  }
  return pointer;
}

/**
 * The generalised pointers at which `a` and `b` differ (each once), outside the ignored subtrees. A value
 * present on one side only differs at its own pointer; a different type or scalar differs where it is.
 * Linear in the size of the values, whatever their depth: an explicit stack, no recursion, no path copies.
 */
export function differingPaths(a: unknown, b: unknown, ignore = new IgnoreList([])): string[] {
  const found = new Set<string>();
  const rootMatch = ignore.root();
  if (rootMatch === undefined) return [];
  type Task = { x: unknown; y: unknown; place: Place; oneSided: boolean };
  const stack: Task[] = [
    { x: a, y: b, place: { parent: undefined, token: '', depth: 0, match: rootMatch }, oneSided: false },
  ];
  const child = (parent: Place, concrete: string, general: string): Place | undefined => {
    const match = ignore.step(parent.match, parent.depth, concrete, general);
    return match === undefined ? undefined : { parent, token: general, depth: parent.depth + 1, match };
  };
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    const { x, y, place } = task;
    if (task.oneSided) {
      found.add(pointerOf(place));
      continue;
    }
    // Children are pushed in order, then reversed in place: they are popped, and so visited, in order.
    const first = stack.length;
    if (Array.isArray(x) && Array.isArray(y)) {
      const n = Math.max(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const at = child(place, String(i), '*');
        if (at !== undefined)
          stack.push({ x: x[i], y: y[i], place: at, oneSided: i >= x.length || i >= y.length });
      }
    } else if (isObject(x) && isObject(y)) {
      const visit = (key: string, oneSided: boolean): void => {
        const at = child(place, key, key);
        if (at !== undefined) stack.push({ x: x[key], y: y[key], place: at, oneSided });
      };
      for (const key of Object.keys(x)) visit(key, !Object.hasOwn(y, key));
      for (const key of Object.keys(y)) if (!Object.hasOwn(x, key)) visit(key, true);
    } else if (!sameScalar(x, y)) found.add(pointerOf(place));
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i] as Task;
      stack[i] = stack[j] as Task;
      stack[j] = t;
    }
  }
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
    comparison.add(current, next);
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
