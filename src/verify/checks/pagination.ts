/**
 * `pagination` (when `operational.pagination` names `cursorField`, `nextCursorField` and `itemsField`): walk
 * the pages from the first, following each page's next cursor, up to a bound. Every page must be valid
 * output; no item may come twice (by its `id`, or the whole item when it has none); no page may hold more
 * items than `maxPageSize` or than the page size asked for; and the declared `order` must hold across pages.
 */
import type { Pagination } from '../../model/types.js';
import type { VerifyContext } from '../context.js';
import { getField, setField, withoutFields } from '../fields.js';
import type { Exchange } from '../http.js';
import { result, successProblem } from '../judge.js';
import type { CheckResult } from '../report.js';
import { validateBody } from '../validate.js';
import { firstRequest } from './first-request.js';

const CHECK = 'pagination';
const NAME = 'walk every page';
/** Page size asked for when the base request gives none: small, so that a small data set spans pages. */
const SMALL_PAGE = 2;

type Declared = Pagination & { cursorField: string; nextCursorField: string; itemsField: string };

export async function checkPagination(ctx: VerifyContext): Promise<CheckResult[]> {
  const pagination = ctx.version.contract.operational?.pagination;
  if (pagination === undefined) {
    return [result(CHECK, NAME, 'skip', 'the contract declares no `operational.pagination`')];
  }
  const { cursorField, nextCursorField, itemsField } = pagination;
  if (cursorField === undefined || nextCursorField === undefined || itemsField === undefined) {
    return [
      result(
        CHECK,
        NAME,
        'skip',
        'to walk pages, `operational.pagination` needs `cursorField` (request), `nextCursorField` and `itemsField` (response)',
      ),
    ];
  }
  const declared: Declared = { ...pagination, cursorField, nextCursorField, itemsField };
  const start = firstPage(ctx, declared);
  if ('none' in start) return [result(CHECK, NAME, 'skip', start.none)];
  return [await walk(ctx, declared, start.body, start.pageSize)];
}

/** The first page's request: a recorded paging request, else the minimal one; no cursor; a small page. */
function firstPage(ctx: VerifyContext, p: Declared): { body: unknown; pageSize?: number } | { none: string } {
  const chosen = firstRequest(ctx, (body) => getField(body, p.cursorField).found);
  if ('none' in chosen) return chosen;
  let body = withoutFields(chosen.body, [p.cursorField]);
  const asked = p.pageSizeField === undefined ? undefined : getField(body, p.pageSizeField);
  if (p.pageSizeField !== undefined && asked !== undefined && !asked.found) {
    const small = setField(body, p.pageSizeField, Math.min(SMALL_PAGE, p.maxPageSize ?? SMALL_PAGE));
    const checked = validateBody(ctx.version.input, small);
    if ('valid' in checked && checked.valid) body = small;
  }
  const size = p.pageSizeField === undefined ? undefined : getField(body, p.pageSizeField);
  const pageSize = size?.found && typeof size.value === 'number' ? size.value : p.defaultPageSize;
  return pageSize === undefined ? { body } : { body, pageSize };
}

async function walk(
  ctx: VerifyContext,
  p: Declared,
  first: unknown,
  pageSize: number | undefined,
): Promise<CheckResult> {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const order = parseOrder(p.order);
  let previous: { item: unknown; page: number } | undefined;
  const cursors = new Set<string>();
  let body = first;
  let items = 0;
  let last: Exchange | undefined;
  for (let page = 1; page <= ctx.maxPages; page++) {
    const exchange = await ctx.runner.send(CHECK, `${NAME}, page ${page}`, body);
    last = exchange;
    const problem = successProblem(ctx, exchange);
    if (problem !== undefined) {
      const earlier = problems.length > 0 ? ` (before it: ${problems.join('; ')})` : '';
      return result(CHECK, NAME, 'fail', `page ${page} ${problem}${earlier}`, exchange);
    }
    const response = exchange.response?.body;
    const list = getField(response, p.itemsField);
    if (!list.found || !Array.isArray(list.value)) {
      return result(
        CHECK,
        NAME,
        'fail',
        `page ${page} has no list at \`${p.itemsField}\` (the contract's \`itemsField\`)`,
        exchange,
      );
    }
    items += list.value.length;
    if (p.maxPageSize !== undefined && list.value.length > p.maxPageSize) {
      problems.push(`page ${page} holds ${list.value.length} items, over \`maxPageSize\` ${p.maxPageSize}`);
    } else if (pageSize !== undefined && list.value.length > pageSize) {
      problems.push(`page ${page} holds ${list.value.length} items, more than the ${pageSize} asked for`);
    }
    for (const item of list.value) {
      const key = identity(item);
      const before = seen.get(key.key);
      if (before !== undefined)
        problems.push(`item ${key.label} is on page ${before} and again on page ${page}`);
      else seen.set(key.key, page);
      if (order !== undefined && previous !== undefined) {
        const broken = outOfOrder(order, previous.item, item);
        if (broken !== undefined)
          problems.push(`page ${page}: ${broken}, against the declared order \`${p.order}\``);
      }
      previous = { item, page };
    }
    const next = getField(response, p.nextCursorField);
    if (!next.found || next.value === null || next.value === '') {
      return verdict(
        ctx,
        p,
        problems,
        `walked ${page} page${page === 1 ? '' : 's'} (${items} items)`,
        exchange,
        order,
      );
    }
    const cursor = JSON.stringify(next.value);
    if (cursors.has(cursor)) {
      problems.push(`page ${page} hands out the cursor ${cursor} again: following it would never end`);
      return verdict(ctx, p, problems, `walked ${page} pages`, exchange, order);
    }
    cursors.add(cursor);
    body = setField(first, p.cursorField, next.value);
  }
  return verdict(
    ctx,
    p,
    problems,
    `walked the first ${ctx.maxPages} pages (${items} items; more follow, not walked)`,
    last,
    order,
  );
}

function verdict(
  ctx: VerifyContext,
  p: Declared,
  problems: string[],
  walked: string,
  exchange: Exchange | undefined,
  order: Order | undefined,
): CheckResult {
  if (problems.length > 0) {
    return result(
      CHECK,
      NAME,
      'fail',
      `${walked}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
      exchange,
      problems.length > 3 ? problems : undefined,
    );
  }
  const checked = [
    'no item twice',
    p.maxPageSize === undefined ? undefined : `no page over ${p.maxPageSize} items`,
    order === undefined
      ? undefined
      : order.unknown
        ? `order \`${p.order}\` not checked: ${order.unknown}`
        : `in \`${p.order}\` order`,
  ].filter((s) => s !== undefined);
  return result(CHECK, NAME, 'pass', `${walked}: ${checked.join(', ')}`, exchange);
}

/** How an item is told apart: its `id` when it has one, else all of it. */
function identity(item: unknown): { key: string; label: string } {
  if (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.hasOwn(item, 'id')) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number')
      return { key: `id:${JSON.stringify(id)}`, label: `\`${id}\`` };
  }
  const text = canonical(item);
  return { key: `value:${text}`, label: text.length > 60 ? `${text.slice(0, 59)}…` : text };
}

/** JSON with object keys sorted, so that equal items read the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface Order {
  field: string;
  descending: boolean;
  /** Why the order cannot be checked, once found out. */
  unknown?: string;
}

/** `id asc`, `created_at desc` (the first key of a list such as `created_at asc, id asc`). */
function parseOrder(order: string | undefined): Order | undefined {
  if (order === undefined) return undefined;
  const match = /^\s*([^\s,]+)(?:\s+(asc|desc))?/i.exec(order);
  if (match === null) return { field: order, descending: false, unknown: 'it is not "<field> asc|desc"' };
  return { field: match[1] as string, descending: match[2]?.toLowerCase() === 'desc' };
}

/** The order field's value on an item: as written, or camelCased (`created_at` → `createdAt`). */
function orderValue(order: Order, item: unknown): { found: boolean; value?: unknown } {
  if (typeof item !== 'object' || item === null) return { found: false };
  const camel = order.field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  for (const name of [order.field, camel]) {
    if (Object.hasOwn(item, name)) return { found: true, value: (item as Record<string, unknown>)[name] };
  }
  return { found: false };
}

/** Why `b` may not follow `a`, or undefined; notes on `order` when the order cannot be read from items. */
function outOfOrder(order: Order, a: unknown, b: unknown): string | undefined {
  if (order.unknown !== undefined) return undefined;
  const x = orderValue(order, a);
  const y = orderValue(order, b);
  if (!x.found || !y.found) {
    order.unknown = `the items have no \`${order.field}\` field`;
    return undefined;
  }
  const comparable =
    (typeof x.value === 'number' && typeof y.value === 'number') ||
    (typeof x.value === 'string' && typeof y.value === 'string');
  if (!comparable) {
    order.unknown = `\`${order.field}\` values are not all numbers or all strings`;
    return undefined;
  }
  const before = x.value as number | string;
  const after = y.value as number | string;
  const wrong = order.descending ? after > before : after < before;
  return wrong ? `${JSON.stringify(after)} comes after ${JSON.stringify(before)}` : undefined;
}
