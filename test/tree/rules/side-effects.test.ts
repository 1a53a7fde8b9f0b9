import type { SideEffects } from '../../../src/model/types.js';
import { type Case, runCases } from './helpers.js';

const se = (sideEffects: SideEffects) => ({ sideEffects });
const FULL: SideEffects = {
  writes: ['crm.customers'],
  idempotent: true,
  idempotencyKey: 'customerId',
  retries: { max: 3, backoff: 'exponential', jitter: true },
  dedupe: { key: 'customerId', windowSeconds: 86400 },
};

const cases: Case[] = [
  { name: 'nothing changed', old: se(FULL), new: se({ ...FULL }), expect: [] },
  {
    name: 'write target added',
    old: se(FULL),
    new: se({ ...FULL, writes: ['crm.customers', 'crm.audit'] }),
    expect: [
      {
        rule: 'write-target-added',
        severity: 'breaking',
        path: '/sideEffects/writes/crm.audit',
        pointer: '/sideEffects/writes/1',
        message:
          'It now also writes to `crm.audit`; a side effect callers did not agree to (their replays, backfills and tests now touch it).',
      },
    ],
  },
  {
    name: 'write target removed, shown in base at its index there',
    old: se({ ...FULL, writes: ['crm.customers', 'crm.audit'] }),
    new: se(FULL),
    expect: [
      {
        rule: 'write-target-removed',
        severity: 'dangerous',
        path: '/sideEffects/writes/crm.audit',
        pointer: '/sideEffects/writes/1',
        shownIn: 'base',
        message:
          'It no longer writes to `crm.audit`; callers that read that data back elsewhere may miss updates.',
      },
    ],
  },
  {
    name: 'write targets reordered: nothing',
    old: se({ writes: ['a', 'b'] }),
    new: se({ writes: ['b', 'a'] }),
    expect: [],
  },
  {
    name: 'a write target with a slash is escaped in the path',
    old: se({ writes: [] }),
    new: se({ writes: ['s3://bucket/x~y'] }),
    expect: [
      { rule: 'write-target-added', severity: 'breaking', path: '/sideEffects/writes/s3:~1~1bucket~1x~0y' },
    ],
  },
  {
    name: 'idempotent true → false',
    old: se({ idempotent: true }),
    new: se({ idempotent: false }),
    expect: [
      {
        rule: 'idempotency-removed',
        severity: 'breaking',
        path: '/sideEffects/idempotent',
        message:
          'The endpoint is no longer idempotent; callers that retry after a timeout may now apply the same change twice.',
      },
    ],
  },
  {
    name: 'idempotent true → unset (its key goes with it; no separate key change)',
    old: se({ idempotent: true, idempotencyKey: 'customerId' }),
    new: se({}),
    expect: [
      { rule: 'idempotency-removed', severity: 'breaking', path: '/sideEffects/idempotent', shownIn: 'base' },
    ],
  },
  {
    name: 'idempotent false → true',
    old: se({ idempotent: false }),
    new: se({ idempotent: true, idempotencyKey: 'customerId' }),
    expect: [{ rule: 'idempotency-added', severity: 'additive', path: '/sideEffects/idempotent' }],
  },
  {
    name: 'idempotency key changed',
    old: se(FULL),
    new: se({ ...FULL, idempotencyKey: 'externalId' }),
    expect: [
      {
        rule: 'idempotency-key-changed',
        severity: 'breaking',
        path: '/sideEffects/idempotencyKey',
        message:
          'The idempotency key changed from `customerId` to `externalId`; retries that were recognised as repeats may now run twice, or distinct requests be merged.',
      },
    ],
  },
  {
    name: 'idempotency key added to an idempotent endpoint',
    old: se({ idempotent: true }),
    new: se({ idempotent: true, idempotencyKey: 'customerId' }),
    expect: [
      {
        rule: 'idempotency-key-changed',
        severity: 'breaking',
        path: '/sideEffects/idempotencyKey',
        message: /^The idempotency key is now `customerId` \(it was the whole request\);/,
      },
    ],
  },
  {
    name: 'retries lowered',
    old: se(FULL),
    new: se({ ...FULL, retries: { max: 1, backoff: 'exponential', jitter: true } }),
    expect: [
      {
        rule: 'retries-reduced',
        severity: 'dangerous',
        path: '/sideEffects/retries/max',
        message:
          'The endpoint now retries up to 1 time (was 3); transient downstream failures that were absorbed now reach callers.',
      },
    ],
  },
  {
    name: 'retries removed',
    old: se({ retries: { max: 3 } }),
    new: se({}),
    expect: [
      {
        rule: 'retries-reduced',
        severity: 'dangerous',
        path: '/sideEffects/retries/max',
        shownIn: 'base',
        message: /^The endpoint no longer retries \(it retried up to 3 times\);/,
      },
    ],
  },
  {
    name: 'retries raised',
    old: se({ retries: { max: 1 } }),
    new: se({ retries: { max: 5 } }),
    expect: [{ rule: 'retries-increased', severity: 'additive', path: '/sideEffects/retries/max' }],
  },
  {
    name: 'retry backoff and jitter changed: one change each',
    old: se(FULL),
    new: se({ ...FULL, retries: { max: 3, backoff: 'fixed', jitter: false } }),
    expect: [
      {
        rule: 'retry-backoff-changed',
        severity: 'dangerous',
        path: '/sideEffects/retries/backoff',
        message: /^Retry backoff changed from `exponential` to `fixed`;/,
      },
      { rule: 'retry-backoff-changed', severity: 'dangerous', path: '/sideEffects/retries/jitter' },
    ],
  },
  {
    name: 'dedupe added',
    old: se({}),
    new: se({ dedupe: { key: 'customerId', windowSeconds: 600 } }),
    expect: [
      {
        rule: 'dedupe-added',
        severity: 'dangerous',
        path: '/sideEffects/dedupe',
        message:
          'Requests are now deduplicated by `customerId` for 600 s; repeated requests within the window that used to run are now dropped.',
      },
    ],
  },
  {
    name: 'dedupe removed',
    old: se(FULL),
    new: se({ ...FULL, dedupe: undefined }),
    expect: [
      {
        rule: 'dedupe-removed',
        severity: 'breaking',
        path: '/sideEffects/dedupe',
        shownIn: 'base',
        message:
          'Requests are no longer deduplicated by `customerId`; callers that rely on re-sends being dropped now apply them twice.',
      },
    ],
  },
  {
    name: 'dedupe key changed',
    old: se(FULL),
    new: se({ ...FULL, dedupe: { key: 'email', windowSeconds: 86400 } }),
    expect: [{ rule: 'dedupe-key-changed', severity: 'breaking', path: '/sideEffects/dedupe/key' }],
  },
  {
    name: 'dedupe window shortened',
    old: se(FULL),
    new: se({ ...FULL, dedupe: { key: 'customerId', windowSeconds: 3600 } }),
    expect: [
      {
        rule: 'dedupe-window-shortened',
        severity: 'dangerous',
        path: '/sideEffects/dedupe/windowSeconds',
        message:
          'The deduplication window shrank from 86400 s to 3600 s; re-sends that arrive later than the new window now run again.',
      },
    ],
  },
  {
    name: 'dedupe window lengthened',
    old: se(FULL),
    new: se({ ...FULL, dedupe: { key: 'customerId', windowSeconds: 172800 } }),
    expect: [
      { rule: 'dedupe-window-lengthened', severity: 'dangerous', path: '/sideEffects/dedupe/windowSeconds' },
    ],
  },
  {
    name: 'key and window of the dedupe changed together',
    old: se(FULL),
    new: se({ ...FULL, dedupe: { key: 'email', windowSeconds: 60 } }),
    expect: [
      { rule: 'dedupe-key-changed', severity: 'breaking', path: '/sideEffects/dedupe/key' },
      { rule: 'dedupe-window-shortened', severity: 'dangerous', path: '/sideEffects/dedupe/windowSeconds' },
    ],
  },
];

runCases('side-effect rules', cases);
