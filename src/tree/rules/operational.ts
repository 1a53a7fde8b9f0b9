/**
 * Operational behaviour: timeout, rate limit, pagination. An undeclared timeout, rate limit or maximum page
 * size counts as unbounded, so declaring one where there was none is a decrease.
 */
import type { ContractFile, Operational } from '../../model/types.js';
import type { ContractHit, ContractRule } from './rule.js';

type Rate = NonNullable<Operational['rateLimit']>;
type Pagination = NonNullable<Operational['pagination']>;

const TIMEOUT = '/operational/timeoutMs';
const RATE = '/operational/rateLimit';
const PAGINATION = '/operational/pagination';

const timeoutOf = (c: ContractFile): number | undefined => c.operational?.timeoutMs;
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

export const operationalRules: ContractRule[] = [
  {
    id: 'timeout-decreased',
    area: 'operational',
    severity: 'breaking',
    check: (o, n) => {
      const before = timeoutOf(o);
      const after = timeoutOf(n);
      return after !== undefined && (before === undefined || after < before)
        ? at(TIMEOUT, false, { before, after })
        : [];
    },
    what: (a) =>
      a.before === undefined
        ? `a timeout of ${a.after} ms is now declared (there was none)`
        : `the timeout dropped from ${a.before} ms to ${a.after} ms`,
    impact: () => 'requests that took longer now fail',
    why: 'Requests that completed within the old limit but not the new one now time out. No declared timeout counts as unbounded.',
  },
  {
    id: 'timeout-increased',
    area: 'operational',
    severity: 'dangerous',
    check: (o, n) => {
      const before = timeoutOf(o);
      const after = timeoutOf(n);
      return before !== undefined && (after === undefined || after > before)
        ? at(TIMEOUT, after === undefined, { before, after })
        : [];
    },
    what: (a) =>
      a.after === undefined
        ? `the declared timeout of ${a.before} ms was removed`
        : `the timeout grew from ${a.before} ms to ${a.after} ms`,
    impact: () =>
      'callers whose client timeout is shorter now give up on (and may retry) requests that still complete',
    why: 'Compatible for the endpoint, not for callers: a client timeout sized to the old limit now abandons requests that run to completion, and a retry may repeat their side effects.',
  },
  {
    id: 'rate-limit-lowered',
    area: 'operational',
    severity: 'breaking',
    check: (o, n) => {
      const before = rateOf(o);
      const after = rateOf(n);
      return after && (!before || compareRates(after, before) < 0) ? at(RATE, false, { before, after }) : [];
    },
    what: (a) =>
      a.before === undefined
        ? `a rate limit of ${showRate(a.after)} is now declared (there was none)`
        : `the rate limit dropped from ${showRate(a.before)} to ${showRate(a.after)}`,
    impact: () => 'callers that send faster are now throttled',
    why: 'Traffic that was within the old limit is now rejected (429). No declared limit counts as unlimited.',
  },
  {
    id: 'rate-limit-raised',
    area: 'operational',
    severity: 'additive',
    check: (o, n) => {
      const before = rateOf(o);
      const after = rateOf(n);
      return before && (!after || compareRates(after, before) > 0)
        ? at(RATE, after === undefined, { before, after })
        : [];
    },
    what: (a) =>
      a.after === undefined
        ? `the rate limit of ${showRate(a.before)} was removed`
        : `the rate limit rose from ${showRate(a.before)} to ${showRate(a.after)}`,
    why: 'Every caller within the old limit is within the new one.',
  },
  {
    id: 'rate-limit-window-shortened',
    area: 'operational',
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
    area: 'operational',
    severity: 'additive',
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
    area: 'operational',
    severity: 'breaking',
    check: (o, n) => (!pagesOf(o) && pagesOf(n) ? at(PAGINATION, false, {}) : []),
    what: () => 'responses are now paginated',
    impact: () => 'callers that expect every item in one response now get only the first page',
    why: 'A caller that does not page through results silently loses everything after the first page.',
  },
  {
    id: 'pagination-removed',
    area: 'operational',
    severity: 'dangerous',
    check: (o, n) => (pagesOf(o) && !pagesOf(n) ? at(PAGINATION, true, {}) : []),
    what: () => 'responses are no longer paginated',
    impact: () => 'callers that send page parameters or rely on bounded pages may be affected',
    why: 'Callers that page through results usually stop after a response without a next page, but page parameters are now ignored and responses are unbounded.',
  },
  {
    id: 'page-size-default-changed',
    area: 'operational',
    severity: 'breaking',
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
    area: 'operational',
    severity: 'dangerous',
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
  {
    id: 'max-page-size-lowered',
    area: 'operational',
    severity: 'breaking',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      if (!pair) return [];
      const before = pair[0].maxPageSize;
      const after = pair[1].maxPageSize;
      return after !== undefined && (before === undefined || after < before)
        ? at(`${PAGINATION}/maxPageSize`, false, { before, after })
        : [];
    },
    what: (a) =>
      a.before === undefined
        ? `a maximum page size of ${a.after} is now declared (there was none)`
        : `the maximum page size dropped from ${a.before} to ${a.after}`,
    impact: () => 'callers that ask for larger pages are now rejected or get fewer items than they asked for',
    why: 'A page size that was allowed is now too large. No declared maximum counts as unbounded.',
  },
  {
    id: 'max-page-size-raised',
    area: 'operational',
    severity: 'additive',
    check: (o, n) => {
      const pair = bothPaginate(o, n);
      if (!pair) return [];
      const before = pair[0].maxPageSize;
      const after = pair[1].maxPageSize;
      return before !== undefined && (after === undefined || after > before)
        ? at(`${PAGINATION}/maxPageSize`, after === undefined, { before, after })
        : [];
    },
    what: (a) =>
      a.after === undefined
        ? `the maximum page size of ${a.before} was removed`
        : `the maximum page size rose from ${a.before} to ${a.after}`,
    why: 'Every page size that was allowed still is.',
  },
  {
    id: 'page-order-changed',
    area: 'operational',
    severity: 'breaking',
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
    area: 'operational',
    severity: 'dangerous',
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
