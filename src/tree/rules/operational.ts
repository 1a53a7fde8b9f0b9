/**
 * Operational behaviour: timeout, rate limit, pagination. The limits (timeout, rate limit, maximum page
 * size) are built as mirrored pairs by `limitRules`: an undeclared limit counts as unbounded, so declaring
 * one where there was none is a decrease. Limits are on what the endpoint accepts (`input`); pagination
 * shapes what callers get back (`output`).
 */
import type { ContractFile, Operational } from '../../model/types.js';
import { limitRules } from './factories.js';
import type { ContractHit, ContractRule } from './rule.js';

type Rate = NonNullable<Operational['rateLimit']>;
type Pagination = NonNullable<Operational['pagination']>;

const RATE = '/operational/rateLimit';
const PAGINATION = '/operational/pagination';

const rateOf = (c: ContractFile): Rate | undefined => c.operational?.rateLimit;
const pagesOf = (c: ContractFile): Pagination | undefined => c.operational?.pagination;

/** Sign of rate(a) − rate(b), compared exactly (integers, no division). */
function compareRates(a: Rate, b: Rate): number {
  return Math.sign(a.requests * b.perSeconds - b.requests * a.perSeconds);
}

const showRate = (r: unknown): string => {
  const rate = r as Rate;
  return `${rate.requests} per ${rate.perSeconds} s`;
};

/** A hit on a field that may be gone from head: shown in base then. */
function at(path: string, goneFromHead: boolean, args: Record<string, unknown>): ContractHit[] {
  return [{ args, path, ...(goneFromHead ? { shownIn: 'base' as const } : {}) }];
}

/** Both contracts paginate: the pair of pagination blocks, or undefined. */
function bothPaginate(o: ContractFile, n: ContractFile): [Pagination, Pagination] | undefined {
  const before = pagesOf(o);
  const after = pagesOf(n);
  return before && after ? [before, after] : undefined;
}

const normaliseOrder = (order: string | undefined): string | undefined =>
  order?.trim().replace(/\s+/g, ' ').toLowerCase();

const byNumber = (a: number, b: number): number => a - b;

const timeoutRules = limitRules({
  area: 'operational',
  path: '/operational/timeoutMs',
  read: (c) => c.operational?.timeoutMs,
  compare: byNumber,
  tightened: {
    id: 'timeout-decreased',
    what: (a) =>
      a.before === undefined
        ? `a timeout of ${a.after} ms is now declared (there was none)`
        : `the timeout dropped from ${a.before} ms to ${a.after} ms`,
    impact: () => 'requests that took longer now fail',
    why: 'Requests that completed within the old limit but not the new one now time out. No declared timeout counts as unbounded.',
  },
  loosened: {
    id: 'timeout-increased',
    severity: 'dangerous',
    what: (a) =>
      a.after === undefined
        ? `the declared timeout of ${a.before} ms was removed`
        : `the timeout grew from ${a.before} ms to ${a.after} ms`,
    impact: () =>
      'callers whose client timeout is shorter now give up on (and may retry) requests that still complete',
    why: 'Compatible for the endpoint, not for callers: a client timeout sized to the old limit now abandons requests that run to completion, and a retry may repeat their side effects.',
  },
});

const rateLimitRules = limitRules({
  area: 'operational',
  path: RATE,
  read: rateOf,
  compare: compareRates,
  tightened: {
    id: 'rate-limit-lowered',
    what: (a) =>
      a.before === undefined
        ? `a rate limit of ${showRate(a.after)} is now declared (there was none)`
        : `the rate limit dropped from ${showRate(a.before)} to ${showRate(a.after)}`,
    impact: () => 'callers that send faster are now throttled',
    why: 'Traffic that was within the old limit is now rejected (429). No declared limit counts as unlimited.',
  },
  loosened: {
    id: 'rate-limit-raised',
    what: (a) =>
      a.after === undefined
        ? `the rate limit of ${showRate(a.before)} was removed`
        : `the rate limit rose from ${showRate(a.before)} to ${showRate(a.after)}`,
    why: 'Every caller within the old limit is within the new one.',
  },
});

const maxPageSizeRules = limitRules({
  area: 'operational',
  path: `${PAGINATION}/maxPageSize`,
  read: (c) => pagesOf(c)?.maxPageSize,
  compare: byNumber,
  // Pagination added or removed is its own change; the maximum is compared only while both sides paginate.
  when: (o, n) => bothPaginate(o, n) !== undefined,
  tightened: {
    id: 'max-page-size-lowered',
    what: (a) =>
      a.before === undefined
        ? `a maximum page size of ${a.after} is now declared (there was none)`
        : `the maximum page size dropped from ${a.before} to ${a.after}`,
    impact: () => 'callers that ask for larger pages are now rejected or get fewer items than they asked for',
    why: 'A page size that was allowed is now too large. No declared maximum counts as unbounded.',
  },
  loosened: {
    id: 'max-page-size-raised',
    what: (a) =>
      a.after === undefined
        ? `the maximum page size of ${a.before} was removed`
        : `the maximum page size rose from ${a.before} to ${a.after}`,
    why: 'Every page size that was allowed still is.',
  },
});

export const operationalRules: ContractRule[] = [
  ...timeoutRules,
  ...rateLimitRules,
  {
    id: 'rate-limit-window-shortened',
    inverse: 'rate-limit-window-lengthened',
    area: 'operational',
    direction: 'input',
    effect: 'narrows',
    severity: 'dangerous',
    check: (o, n) => {
      const before = rateOf(o);
      const after = rateOf(n);
      return before && after && compareRates(after, before) === 0 && after.perSeconds < before.perSeconds
        ? at(RATE, false, { before, after })
        : [];
    },
    what: (a) =>
      `the rate limit changed from ${showRate(a.before)} to ${showRate(a.after)} (the same average rate, smaller bursts)`,
    impact: () => 'callers that send in bursts may now be throttled',
    why: 'The average rate is unchanged, but a shorter window caps bursts: a batch that fitted in the old window may not fit in the new one.',
  },
  {
    id: 'rate-limit-window-lengthened',
    inverse: 'rate-limit-window-shortened',
    area: 'operational',
    direction: 'input',
    effect: 'widens',
    check: (o, n) => {
      const before = rateOf(o);
      const after = rateOf(n);
      return before && after && compareRates(after, before) === 0 && after.perSeconds > before.perSeconds
        ? at(RATE, false, { before, after })
        : [];
    },
    what: (a) =>
      `the rate limit changed from ${showRate(a.before)} to ${showRate(a.after)} (the same average rate, larger bursts)`,
    why: 'The same average rate with a longer window admits every traffic pattern the old one did.',
  },
  {
    id: 'pagination-added',
    inverse: 'pagination-removed',
    area: 'operational',
    direction: 'output',
    effect: 'both',
    check: (o, n) => (!pagesOf(o) && pagesOf(n) ? at(PAGINATION, false, {}) : []),
    what: () => 'responses are now paginated',
    impact: () => 'callers that expect every item in one response now get only the first page',
    why: 'A caller that does not page through results silently loses everything after the first page.',
  },
  {
    id: 'pagination-removed',
    inverse: 'pagination-added',
    area: 'operational',
    direction: 'output',
    effect: 'both',
    severity: 'dangerous',
    check: (o, n) => (pagesOf(o) && !pagesOf(n) ? at(PAGINATION, true, {}) : []),
    what: () => 'responses are no longer paginated',
    impact: () => 'callers that send page parameters or rely on bounded pages may be affected',
    why: 'Callers that page through results usually stop after a response without a next page, but page parameters are now ignored and responses are unbounded.',
  },
  {
    id: 'page-size-default-changed',
    inverse: 'page-size-default-changed',
    area: 'operational',
    direction: 'output',
    effect: 'both',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      if (!pair) return [];
      const before = pair[0].defaultPageSize;
      const after = pair[1].defaultPageSize;
      return before !== undefined && after !== before
        ? at(`${PAGINATION}/defaultPageSize`, after === undefined, { before, after })
        : [];
    },
    what: (a) =>
      a.after === undefined
        ? `the default page size of ${a.before} is no longer declared`
        : `the default page size changed from ${a.before} to ${a.after}`,
    impact: () => 'callers that rely on the default now get other pages',
    why: 'A caller that does not send a page size gets differently cut pages: items move between pages, and a caller that reads one page gets more or fewer items.',
  },
  {
    id: 'page-size-default-added',
    inverse: 'page-size-default-changed',
    area: 'operational',
    direction: 'output',
    effect: 'unknown',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      return pair && pair[0].defaultPageSize === undefined && pair[1].defaultPageSize !== undefined
        ? at(`${PAGINATION}/defaultPageSize`, false, { after: pair[1].defaultPageSize })
        : [];
    },
    what: (a) => `a default page size of ${a.after} is now declared (there was none)`,
    impact: () => 'callers that relied on the undeclared default may get other pages',
    why: 'The undeclared default may have been different; declaring one is right, but check it matches what callers got.',
  },
  ...maxPageSizeRules,
  {
    id: 'page-order-changed',
    inverse: 'page-order-changed',
    area: 'operational',
    direction: 'output',
    effect: 'both',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      if (!pair) return [];
      const before = pair[0].order;
      const after = pair[1].order;
      return before !== undefined && normaliseOrder(after) !== normaliseOrder(before)
        ? at(`${PAGINATION}/order`, after === undefined, { before, after })
        : [];
    },
    what: (a) =>
      a.after === undefined
        ? `the page order ${JSON.stringify(a.before)} is no longer guaranteed`
        : `the page order changed from ${JSON.stringify(a.before)} to ${JSON.stringify(a.after)}`,
    impact: () =>
      'callers that resume from the last item or stop early at a known position now skip or repeat items',
    why: 'Paging with cursors, incremental sync and "stop at the first already-seen item" all depend on the order.',
  },
  {
    id: 'page-order-added',
    inverse: 'page-order-changed',
    area: 'operational',
    direction: 'output',
    effect: 'unknown',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      return pair && pair[0].order === undefined && pair[1].order !== undefined
        ? at(`${PAGINATION}/order`, false, { after: pair[1].order })
        : [];
    },
    what: (a) => `the page order ${JSON.stringify(a.after)} is now declared (there was none)`,
    impact: () => 'callers that relied on the undeclared order may see items in another order',
    why: 'The undeclared order may have been different; declaring one is right, but check it matches what callers got.',
  },
];
