import type { Operational } from '../../../src/model/types.js';
import { type Case, runCases } from './helpers.js';

const op = (operational: Operational) => ({ operational });
const pages = (pagination: NonNullable<Operational['pagination']>) => op({ pagination });
const PAGES = { defaultPageSize: 100, maxPageSize: 500, order: 'id asc' };

const cases: Case[] = [
  { name: 'nothing changed', old: op({ timeoutMs: 30000 }), new: op({ timeoutMs: 30000 }), expect: [] },
  { name: 'no operational block on either side', old: {}, new: {}, expect: [] },
  {
    name: 'timeout decreased',
    old: op({ timeoutMs: 30000 }),
    new: op({ timeoutMs: 10000 }),
    expect: [
      {
        rule: 'timeout-decreased',
        severity: 'breaking',
        path: '/operational/timeoutMs',
        message: 'The timeout dropped from 30000 ms to 10000 ms; requests that took longer now fail.',
      },
    ],
  },
  {
    name: 'a timeout declared where there was none counts as a decrease',
    old: {},
    new: op({ timeoutMs: 10000 }),
    expect: [
      {
        rule: 'timeout-decreased',
        severity: 'breaking',
        path: '/operational/timeoutMs',
        message:
          'A timeout of 10000 ms is now declared (there was none); requests that took longer now fail.',
      },
    ],
  },
  {
    name: 'timeout increased',
    old: op({ timeoutMs: 10000 }),
    new: op({ timeoutMs: 30000 }),
    expect: [
      {
        rule: 'timeout-increased',
        severity: 'dangerous',
        path: '/operational/timeoutMs',
        message:
          'The timeout grew from 10000 ms to 30000 ms; callers whose client timeout is shorter now give up on (and may retry) requests that still complete.',
      },
    ],
  },
  {
    name: 'timeout removed: unbounded, shown in base',
    old: op({ timeoutMs: 10000 }),
    new: op({}),
    expect: [
      {
        rule: 'timeout-increased',
        severity: 'dangerous',
        path: '/operational/timeoutMs',
        message: /^The declared timeout of 10000 ms was removed;/,
        shownIn: 'base',
      },
    ],
  },
  {
    name: 'rate limit lowered',
    old: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    new: op({ rateLimit: { requests: 300, perSeconds: 60 } }),
    expect: [
      {
        rule: 'rate-limit-lowered',
        severity: 'breaking',
        path: '/operational/rateLimit',
        message:
          'The rate limit dropped from 600 per 60 s to 300 per 60 s; callers that send faster are now throttled.',
      },
    ],
  },
  {
    name: 'rate limit lowered through its window (600/60 s → 600/120 s)',
    old: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    new: op({ rateLimit: { requests: 600, perSeconds: 120 } }),
    expect: [{ rule: 'rate-limit-lowered', severity: 'breaking', path: '/operational/rateLimit' }],
  },
  {
    name: 'a rate limit declared where there was none',
    old: {},
    new: op({ rateLimit: { requests: 10, perSeconds: 1 } }),
    expect: [
      {
        rule: 'rate-limit-lowered',
        severity: 'breaking',
        path: '/operational/rateLimit',
        message: /^A rate limit of 10 per 1 s is now declared \(there was none\);/,
      },
    ],
  },
  {
    name: 'rate limit raised',
    old: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    new: op({ rateLimit: { requests: 20, perSeconds: 1 } }),
    expect: [
      {
        rule: 'rate-limit-raised',
        severity: 'additive',
        path: '/operational/rateLimit',
        message: 'The rate limit rose from 600 per 60 s to 20 per 1 s; existing callers keep working.',
      },
    ],
  },
  {
    name: 'rate limit removed',
    old: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    new: {},
    expect: [
      { rule: 'rate-limit-raised', severity: 'additive', path: '/operational/rateLimit', shownIn: 'base' },
    ],
  },
  {
    name: 'same rate, shorter window: smaller bursts',
    old: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    new: op({ rateLimit: { requests: 10, perSeconds: 1 } }),
    expect: [
      {
        rule: 'rate-limit-window-shortened',
        severity: 'dangerous',
        path: '/operational/rateLimit',
        message: /same average rate, smaller bursts\); callers that send in bursts may now be throttled\.$/,
      },
    ],
  },
  {
    name: 'same rate, longer window: larger bursts',
    old: op({ rateLimit: { requests: 10, perSeconds: 1 } }),
    new: op({ rateLimit: { requests: 600, perSeconds: 60 } }),
    expect: [{ rule: 'rate-limit-window-lengthened', severity: 'additive', path: '/operational/rateLimit' }],
  },
  {
    name: 'pagination added',
    old: {},
    new: pages(PAGES),
    expect: [
      {
        rule: 'pagination-added',
        severity: 'breaking',
        path: '/operational/pagination',
        message:
          'Responses are now paginated; callers that expect every item in one response now get only the first page.',
      },
    ],
  },
  {
    name: 'pagination removed',
    old: pages(PAGES),
    new: {},
    expect: [
      { rule: 'pagination-removed', severity: 'dangerous', path: '/operational/pagination', shownIn: 'base' },
    ],
  },
  {
    name: 'default page size changed',
    old: pages(PAGES),
    new: pages({ ...PAGES, defaultPageSize: 50 }),
    expect: [
      {
        rule: 'page-size-default-changed',
        severity: 'breaking',
        path: '/operational/pagination/defaultPageSize',
        message:
          'The default page size changed from 100 to 50; callers that rely on the default now get other pages.',
      },
    ],
  },
  {
    name: 'default page size no longer declared',
    old: pages(PAGES),
    new: pages({ maxPageSize: 500, order: 'id asc' }),
    expect: [
      {
        rule: 'page-size-default-changed',
        severity: 'breaking',
        path: '/operational/pagination/defaultPageSize',
        shownIn: 'base',
      },
    ],
  },
  {
    name: 'default page size declared where there was none',
    old: pages({ maxPageSize: 500 }),
    new: pages({ maxPageSize: 500, defaultPageSize: 100 }),
    expect: [
      {
        rule: 'page-size-default-added',
        severity: 'dangerous',
        path: '/operational/pagination/defaultPageSize',
      },
    ],
  },
  {
    name: 'max page size lowered',
    old: pages(PAGES),
    new: pages({ ...PAGES, maxPageSize: 200 }),
    expect: [
      {
        rule: 'max-page-size-lowered',
        severity: 'breaking',
        path: '/operational/pagination/maxPageSize',
        message: /^The maximum page size dropped from 500 to 200; /,
      },
    ],
  },
  {
    name: 'a max page size declared where there was none',
    old: pages({ defaultPageSize: 100 }),
    new: pages({ defaultPageSize: 100, maxPageSize: 1000 }),
    expect: [
      { rule: 'max-page-size-lowered', severity: 'breaking', path: '/operational/pagination/maxPageSize' },
    ],
  },
  {
    name: 'max page size raised',
    old: pages(PAGES),
    new: pages({ ...PAGES, maxPageSize: 1000 }),
    expect: [
      { rule: 'max-page-size-raised', severity: 'additive', path: '/operational/pagination/maxPageSize' },
    ],
  },
  {
    name: 'page order changed',
    old: pages(PAGES),
    new: pages({ ...PAGES, order: 'updatedAt desc' }),
    expect: [
      {
        rule: 'page-order-changed',
        severity: 'breaking',
        path: '/operational/pagination/order',
        message: /^The page order changed from "id asc" to "updatedAt desc"; /,
      },
    ],
  },
  {
    name: 'page order respelled (case, spaces) is the same order',
    old: pages(PAGES),
    new: pages({ ...PAGES, order: 'ID  ASC' }),
    expect: [],
  },
  {
    name: 'page order no longer guaranteed',
    old: pages(PAGES),
    new: pages({ defaultPageSize: 100, maxPageSize: 500 }),
    expect: [
      {
        rule: 'page-order-changed',
        severity: 'breaking',
        path: '/operational/pagination/order',
        shownIn: 'base',
      },
    ],
  },
  {
    name: 'page order declared where there was none',
    old: pages({ defaultPageSize: 100 }),
    new: pages({ defaultPageSize: 100, order: 'id asc' }),
    expect: [{ rule: 'page-order-added', severity: 'dangerous', path: '/operational/pagination/order' }],
  },
  {
    name: 'several at once',
    old: op({ timeoutMs: 30000, rateLimit: { requests: 600, perSeconds: 60 }, pagination: PAGES }),
    new: op({
      timeoutMs: 60000,
      rateLimit: { requests: 60, perSeconds: 60 },
      pagination: { ...PAGES, maxPageSize: 100 },
    }),
    expect: [
      { rule: 'timeout-increased', severity: 'dangerous', path: '/operational/timeoutMs' },
      { rule: 'rate-limit-lowered', severity: 'breaking', path: '/operational/rateLimit' },
      { rule: 'max-page-size-lowered', severity: 'breaking', path: '/operational/pagination/maxPageSize' },
    ],
  },
];

runCases('operational rules', cases);
