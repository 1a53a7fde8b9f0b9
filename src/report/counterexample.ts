/**
 * The wording of a counterexample, shared by every renderer: the JSON field (`{ value, validAgainst }`) and
 * the sentence "e.g. this request was accepted before and is rejected now: `{"customerId":"c1"}`".
 */
import type { Counterexample, Direction, Severity } from '../diff/types.js';
import { isPlainObject } from '../schema/wellformed.js';
import { code, text } from './markdown-text.js';

/** Longest instance shown inline in text and Markdown; longer ones are cut with an ellipsis. */
export const MAX_SHOWN_CHARS = 120;

/** The public JSON of a counterexample, key by key. */
export interface JsonCounterexample {
  value: unknown;
  validAgainst: 'old' | 'new';
  fixture?: { consumer: string; file: string };
}

export function counterexampleJson(c: Counterexample): JsonCounterexample {
  return {
    value: c.value,
    validAgainst: c.validAgainst,
    ...(c.fixture === undefined ? {} : { fixture: { consumer: c.fixture.consumer, file: c.fixture.file } }),
  };
}

/** Instances longer than this are shown with spaces between tokens where a narrow column must wrap them. */
export const WRAP_AT_CHARS = 48;

/**
 * The instance as one line of JSON, at most `MAX_SHOWN_CHARS` long. With `wrappable`, one longer than
 * `WRAP_AT_CHARS` gets a space after each `,` and `:` between tokens (`{ "a": [ 1, 2 ] }`), so a table
 * column can wrap it instead of growing to its whole length. A longer instance is shown along `at` (where the
 * change is): the members beside that path elided as `"name": …`, or together as one `…` when that is still
 * too long, so that what proves the change is what the reader sees; whatever is still too long is cut.
 */
export function shownInstance(
  value: unknown,
  wrappable = false,
  at: readonly (string | number)[] = [],
): string {
  const spaced = wrappable && json(value, false).length > WRAP_AT_CHARS;
  let text = json(value, spaced);
  for (const elision of ['names', 'together'] as const) {
    if (text.length <= MAX_SHOWN_CHARS || at.length === 0) break;
    text = along(value, at, elision, spaced);
  }
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS - 1)}…`;
}

/**
 * `value` as JSON with only the path `at` spelled out: beside it, each member as `"name": …` (`names`) or each
 * run of members as one `…` (`together`; array items always so). Where the path leaves the value (a property
 * the instance leaves out) the rest is shown whole.
 */
function along(
  value: unknown,
  at: readonly (string | number)[],
  elision: 'names' | 'together',
  spaced: boolean,
): string {
  const [step, ...rest] = at;
  const [comma, colon] = spaced ? [', ', ': '] : [',', ':'];
  const wrap = (open: string, parts: string[], close: string): string =>
    spaced ? `${open} ${parts.join(comma)} ${close}` : `${open}${parts.join(comma)}${close}`;
  const elide = (parts: string[]): void => {
    if (parts.at(-1) !== '…') parts.push('…');
  };
  if (Array.isArray(value) && typeof step === 'number' && step < value.length) {
    const parts: string[] = [];
    value.forEach((item: unknown, i) => {
      if (i === step) parts.push(along(item, rest, elision, spaced));
      else elide(parts);
    });
    return wrap('[', parts, ']');
  }
  if (isPlainObject(value) && typeof step === 'string' && Object.hasOwn(value, step)) {
    const parts: string[] = [];
    for (const [name, member] of Object.entries(value)) {
      const key = JSON.stringify(name);
      if (name === step) parts.push(`${key}${colon}${along(member, rest, elision, spaced)}`);
      else if (elision === 'names') parts.push(`${key}${colon}…`);
      else elide(parts);
    }
    return wrap('{', parts, '}');
  }
  return json(value, spaced);
}

/** One line of JSON; `spaced`, with a space after each `,` and `:` between tokens. */
function json(value: unknown, spaced: boolean): string {
  const compact = JSON.stringify(value) ?? String(value);
  return spaced ? (JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ') ?? compact) : compact;
}

/**
 * The sentence in two parts: the lead ("e.g. this request was accepted before and is rejected now: ") and
 * the instance as shown. Input breaks are accepted before and rejected now; output breaks can be returned now
 * and could not before. Renderers quote the instance their own way.
 *
 * A change whose `severity` is neither breaking nor dangerous (a property added to an open request: only a
 * client sending that name with another value notices) still breaks set inclusion, so it carries an instance;
 * its sentence says "strictly speaking" so that it does not contradict the message before it ("existing
 * clients keep working").
 */
export function counterexampleParts(
  c: Counterexample,
  direction: Direction,
  { wrappable = false, severity }: { wrappable?: boolean; severity?: Severity } = {},
): { lead: string; instance: string } {
  const noun = direction === 'input' ? 'request' : 'response';
  const fate =
    c.validAgainst === 'old'
      ? direction === 'input'
        ? 'was accepted before and is rejected now'
        : 'was possible before and is not now'
      : direction === 'input'
        ? 'is accepted now and was rejected before'
        : 'can be returned now and could not before';
  const what =
    c.fixture === undefined ? `this ${noun}` : `${c.fixture.consumer}'s recorded ${noun} ${c.fixture.file}`;
  const opening = severity === 'additive' || severity === 'none' ? 'strictly speaking,' : 'e.g.';
  return { lead: `${opening} ${what} ${fate}: `, instance: shownInstance(c.value, wrappable, c.at) };
}

/** The sentence as plain text, the instance in backticks. */
export function counterexampleText(c: Counterexample, direction: Direction, severity?: Severity): string {
  const { lead, instance } = counterexampleParts(c, direction, { severity });
  return `${lead}\`${instance}\``;
}

/**
 * The sentence in Markdown (table-safe): the lead escaped, the instance a code span (`wrappable`: a long one
 * with spaces between its tokens, see `shownInstance`).
 */
export function markdownCounterexample(
  c: Counterexample,
  direction: Direction,
  {
    inTable = true,
    wrappable = false,
    severity,
  }: { inTable?: boolean; wrappable?: boolean; severity?: Severity } = {},
): string {
  const { lead, instance } = counterexampleParts(c, direction, { wrappable, severity });
  return `${text(lead)}${code(instance, inTable)}`;
}

/**
 * For a break no single instance proves (an output property removed: in pragmatic semantics every response
 * valid now may well have been valid before), what a consumer would see instead: "no single response proves
 * this; consumers would see a response without `legacyId`, which retool-ops-dashboard reads". Undefined for
 * every other change, for one that carries a counterexample, and when no registered consumer reads it.
 */
export function noWitnessNote(c: {
  rule: string;
  severity: string;
  path: string;
  counterexample?: Counterexample;
  consumers?: readonly { name: string }[];
  direction: Direction;
}): string | undefined {
  if (c.counterexample !== undefined || c.direction !== 'output' || c.rule !== 'property-removed')
    return undefined;
  if (c.severity !== 'breaking' && c.severity !== 'dangerous') return undefined;
  const tokens = c.path.split('/');
  const at = tokens.lastIndexOf('properties');
  const name = at >= 0 ? tokens[at + 1]?.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  if (name === undefined) return undefined;
  const readers = (c.consumers ?? []).map((k) => k.name);
  // Without a consumer to name, the change's own sentence says as much ("consumers that read it …").
  if (readers.length === 0) return undefined;
  const who = `, which ${readers.join(', ')} ${readers.length === 1 ? 'reads' : 'read'}`;
  return `no single response proves this (the old schema allowed leaving \`${name}\` out); consumers would see a response without \`${name}\`${who}`;
}
