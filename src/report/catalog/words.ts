/** The catalog's phrases: days left, types, constraints, side effects and limits in words. */
import type { Deadline, EndpointStatus, FieldRow, FieldType, HistoryEvent } from '../../catalog/types.js';
import type { Json } from '../../schema/types.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `115 days left`, `due today`, `3 days overdue`. */
export function daysLeftText(deadline: Deadline): string {
  const n = deadline.daysLeft;
  if (n === 0) return 'due today';
  return n > 0 ? `${plural(n, 'day')} left` : `${plural(-n, 'day')} overdue`;
}

/** How urgent a deadline is: drives its colour (always with its words beside it). */
export function urgency(deadline: Deadline): 'overdue' | 'soon' | 'later' {
  if (deadline.daysLeft < 0) return 'overdue';
  return deadline.daysLeft <= 30 ? 'soon' : 'later';
}

export const STATUS_WORDS: Record<EndpointStatus, string> = {
  active: 'active',
  deprecating: 'deprecating',
  overdue: 'overdue',
  retired: 'retired',
};

/** Sort order of statuses: the most urgent first. */
export const STATUS_RANK: Record<EndpointStatus, number> = {
  overdue: 0,
  deprecating: 1,
  active: 2,
  retired: 3,
};

const TYPE_WORDS: Record<FieldType, string> = {
  null: 'null',
  boolean: 'boolean',
  integer: 'integer',
  number: 'number',
  string: 'string',
  array: 'array',
  object: 'object',
  any: 'any',
  never: 'never (nothing is valid)',
};

/** `string | null`, `array of string`. */
export function typeText(types: readonly FieldType[], itemTypes?: readonly FieldType[]): string {
  return types
    .map((t) =>
      t === 'array' && itemTypes !== undefined && itemTypes.length > 0
        ? `array of ${itemTypes.map((i) => TYPE_WORDS[i]).join(' | ')}`
        : TYPE_WORDS[t],
    )
    .join(' | ');
}

export function jsonText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `1–200 characters`, `at least 1 item`, `at most 50 items`. */
function range(
  min: Json | undefined,
  max: Json | undefined,
  one: string,
  many = `${one}s`,
): string | undefined {
  if (typeof min === 'number' && typeof max === 'number') return `${min}–${max} ${many}`;
  if (typeof min === 'number') return `at least ${plural(min, one, many)}`;
  if (typeof max === 'number') return `at most ${plural(max, one, many)}`;
  return undefined;
}

/** The row's validation keywords as short phrases (`format email`, `1–200 characters`, `≤ 500`). */
export function constraintTexts(row: Pick<FieldRow, 'facets'>): string[] {
  const f = row.facets;
  const out: string[] = [];
  const add = (text: string | undefined) => {
    if (text !== undefined) out.push(text);
  };
  if ('const' in f) add(`always ${JSON.stringify(f.const)}`);
  if (Array.isArray(f.enum)) add(`one of ${f.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof f.format === 'string') add(`format ${f.format}`);
  if (typeof f.pattern === 'string') add(`pattern ${f.pattern}`);
  add(range(f.minLength, f.maxLength, 'character'));
  if (typeof f.minimum === 'number') add(`≥ ${f.minimum}`);
  if (typeof f.exclusiveMinimum === 'number') add(`> ${f.exclusiveMinimum}`);
  if (typeof f.maximum === 'number') add(`≤ ${f.maximum}`);
  if (typeof f.exclusiveMaximum === 'number') add(`< ${f.exclusiveMaximum}`);
  if (typeof f.multipleOf === 'number') add(`multiple of ${f.multipleOf}`);
  add(range(f.minItems, f.maxItems, 'item'));
  if (f.uniqueItems === true) add('unique items');
  add(range(f.minProperties, f.maxProperties, 'property', 'properties'));
  if (f.additionalProperties === false) add('no other fields');
  if ('default' in f) add(`default ${JSON.stringify(f.default)}`);
  if (f.deprecated === true) add('deprecated');
  if (f.readOnly === true) add('read-only');
  if (f.writeOnly === true) add('write-only');
  return out;
}

/** One history event in words: `v3 added at 3.0.0`, `3.1.0 → 3.2.0 (minor)`, `v2 deprecated`. */
export function historyText(event: HistoryEvent): string {
  const v = `v${event.major}`;
  switch (event.kind) {
    case 'major-added':
      return `${v} added${event.version ? ` at ${event.version}` : ''}${event.status && event.status !== 'active' ? ` (${event.status})` : ''}`;
    case 'version-changed':
      return event.previousVersion
        ? `${v}: ${event.previousVersion} → ${event.version} (${bumpOf(event.previousVersion, event.version ?? '')})`
        : `${v} is now ${event.version}`;
    case 'status-changed':
      return `${v} ${event.status === 'active' ? 'active again' : event.status}${event.previousStatus ? ` (was ${event.previousStatus})` : ''}`;
    case 'major-removed':
      return `${v} removed${event.version ? ` (last version ${event.version})` : ''}`;
  }
}

function bumpOf(before: string, after: string): string {
  const [a, b] = [before, after].map((v) => v.split(/[.+-]/).slice(0, 3).map(Number));
  if (a === undefined || b === undefined) return 'changed';
  if (a[0] !== b[0]) return 'major';
  if (a[1] !== b[1]) return (b[1] ?? 0) > (a[1] ?? 0) ? 'minor' : 'minor, lowered';
  if (a[2] !== b[2]) return (b[2] ?? 0) > (a[2] ?? 0) ? 'patch' : 'patch, lowered';
  return 'pre-release or build';
}

export function seconds(n: number): string {
  if (n % 86_400 === 0) return plural(n / 86_400, 'day');
  if (n % 3600 === 0) return plural(n / 3600, 'hour');
  if (n % 60 === 0) return plural(n / 60, 'minute');
  return plural(n, 'second');
}

export function milliseconds(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? seconds(n / 1000) : `${n.toLocaleString('en-US')} ms`;
}
