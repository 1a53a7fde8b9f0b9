/**
 * Side effects: write targets, idempotency, retries, deduplication. Judged on the output side: what callers
 * observe happening (more possible effects widen it, a new guarantee narrows it).
 */
import type { ContractFile, SideEffects } from '../../model/types.js';
import { type ContractHit, type ContractRule, code, keyed, times, token } from './rule.js';

const se = (c: ContractFile): SideEffects => c.sideEffects ?? {};
const idempotent = (c: ContractFile): boolean => se(c).idempotent === true;
const writes = (c: ContractFile) => keyed(se(c).writes, (w) => w);
const retriesOf = (c: ContractFile): number => se(c).retries?.max ?? 0;

function hit(path: string, args: Record<string, unknown>, goneFromHead = false): ContractHit[] {
  return [{ args, path, ...(goneFromHead ? { shownIn: 'base' as const } : {}) }];
}

function writeHits(from: ContractFile, to: ContractFile, shownIn?: 'base'): ContractHit[] {
  const present = writes(to);
  return [...writes(from)]
    .filter(([target]) => !present.has(target))
    .map(([target, [, index]]) => ({
      args: { target },
      path: `/sideEffects/writes/${token(target)}`,
      pointer: `/sideEffects/writes/${index}`,
      ...(shownIn ? { shownIn } : {}),
    }));
}

export const sideEffectRules: ContractRule[] = [
  {
    id: 'write-target-added',
    inverse: 'write-target-removed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'widens',
    check: (o, n) => writeHits(n, o),
    what: (a) => `it now also writes to ${code(a.target)}`,
    impact: () => 'a side effect callers did not agree to (their replays, backfills and tests now touch it)',
    why: 'A new write target is a new side effect: every existing call, replay and backfill now changes data it did not change before.',
  },
  {
    id: 'write-target-removed',
    inverse: 'write-target-added',
    area: 'sideEffects',
    direction: 'output',
    effect: 'narrows',
    severity: 'dangerous',
    check: (o, n) => writeHits(o, n, 'base'),
    what: (a) => `it no longer writes to ${code(a.target)}`,
    impact: () => 'callers that read that data back elsewhere may miss updates',
    why: 'Callers never asked for the write, but some depend on its result being there.',
  },
  {
    id: 'idempotency-removed',
    inverse: 'idempotency-added',
    area: 'sideEffects',
    direction: 'output',
    effect: 'widens',
    check: (o, n) =>
      idempotent(o) && !idempotent(n)
        ? hit('/sideEffects/idempotent', {}, se(n).idempotent === undefined)
        : [],
    what: () => 'the endpoint is no longer idempotent',
    impact: () => 'callers that retry after a timeout may now apply the same change twice',
    why: 'Callers retry idempotent calls freely (timeouts, redeliveries); without the guarantee a retry duplicates the effect.',
  },
  {
    id: 'idempotency-added',
    inverse: 'idempotency-removed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'narrows',
    check: (o, n) => (!idempotent(o) && idempotent(n) ? hit('/sideEffects/idempotent', {}) : []),
    what: () => 'the endpoint is now idempotent',
    why: 'A new guarantee: callers that did not retry keep working, and may now retry safely.',
  },
  {
    id: 'idempotency-key-changed',
    inverse: 'idempotency-key-changed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'both',
    check: (o, n) => {
      const before = se(o).idempotencyKey;
      const after = se(n).idempotencyKey;
      return idempotent(o) && idempotent(n) && before !== after
        ? hit('/sideEffects/idempotencyKey', { before, after }, after === undefined)
        : [];
    },
    what: (a) =>
      a.before === undefined
        ? `the idempotency key is now ${code(a.after)} (it was the whole request)`
        : a.after === undefined
          ? `the idempotency key ${code(a.before)} is gone (it is now the whole request)`
          : `the idempotency key changed from ${code(a.before)} to ${code(a.after)}`,
    impact: () => 'retries that were recognised as repeats may now run twice, or distinct requests be merged',
    why: 'The key decides which calls count as the same call: callers build their retries around it.',
  },
  {
    id: 'retries-reduced',
    inverse: 'retries-increased',
    area: 'sideEffects',
    direction: 'output',
    effect: 'widens',
    severity: 'dangerous',
    check: (o, n) => {
      const before = retriesOf(o);
      const after = retriesOf(n);
      return after < before ? hit('/sideEffects/retries/max', { before, after }, !se(n).retries) : [];
    },
    what: (a) =>
      a.after === 0
        ? `the endpoint no longer retries (it retried up to ${times(a.before)})`
        : `the endpoint now retries up to ${times(a.after)} (was ${a.before})`,
    impact: () => 'transient downstream failures that were absorbed now reach callers',
    why: 'Callers see more failures, but only ones they must handle anyway.',
  },
  {
    id: 'retries-increased',
    inverse: 'retries-reduced',
    area: 'sideEffects',
    direction: 'output',
    effect: 'narrows',
    check: (o, n) => {
      const before = retriesOf(o);
      const after = retriesOf(n);
      return after > before ? hit('/sideEffects/retries/max', { before, after }) : [];
    },
    what: (a) => `the endpoint now retries up to ${times(a.after)} (was ${a.before})`,
    why: 'More transient failures are absorbed; callers see fewer errors within the same timeout.',
  },
  {
    id: 'retry-backoff-changed',
    inverse: 'retry-backoff-changed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'unknown',
    check: (o, n) => {
      const before = se(o).retries;
      const after = se(n).retries;
      if (!before || !after) return [];
      return (['backoff', 'jitter'] as const)
        .filter((field) => before[field] !== after[field])
        .map((field) => ({
          args: { field, before: before[field], after: after[field] },
          path: `/sideEffects/retries/${field}`,
          ...(after[field] === undefined ? { shownIn: 'base' as const } : {}),
        }));
    },
    what: (a) =>
      `retry ${a.field} changed from ${a.before === undefined ? 'unset' : code(a.before)} to ${a.after === undefined ? 'unset' : code(a.after)}`,
    impact: () => 'the time to a final answer and the load on downstream systems during incidents change',
    why: 'Same number of attempts, different timing: latency under failure and retry storms change.',
  },
  {
    id: 'dedupe-added',
    inverse: 'dedupe-removed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'narrows',
    severity: 'dangerous',
    check: (o, n) => {
      const after = se(n).dedupe;
      return !se(o).dedupe && after
        ? hit('/sideEffects/dedupe', { key: after.key, windowSeconds: after.windowSeconds })
        : [];
    },
    what: (a) => `requests are now deduplicated by ${code(a.key)} for ${a.windowSeconds} s`,
    impact: () => 'repeated requests within the window that used to run are now dropped',
    why: 'A caller that repeats a request on purpose (re-sync, replay) within the window is now ignored.',
  },
  {
    id: 'dedupe-removed',
    inverse: 'dedupe-added',
    area: 'sideEffects',
    direction: 'output',
    effect: 'widens',
    check: (o, n) => {
      const before = se(o).dedupe;
      return before && !se(n).dedupe ? hit('/sideEffects/dedupe', { key: before.key }, true) : [];
    },
    what: (a) => `requests are no longer deduplicated by ${code(a.key)}`,
    impact: () => 'callers that rely on re-sends being dropped now apply them twice',
    why: 'Callers (and queues with at-least-once delivery) re-send freely when duplicates are dropped.',
  },
  {
    id: 'dedupe-key-changed',
    inverse: 'dedupe-key-changed',
    area: 'sideEffects',
    direction: 'output',
    effect: 'both',
    check: (o, n) => {
      const before = se(o).dedupe;
      const after = se(n).dedupe;
      return before && after && before.key !== after.key
        ? hit('/sideEffects/dedupe/key', { before: before.key, after: after.key })
        : [];
    },
    what: (a) => `requests are now deduplicated by ${code(a.after)} instead of ${code(a.before)}`,
    impact: () => 'duplicates may now run twice, or distinct requests be dropped',
    why: 'The key decides which requests count as duplicates.',
  },
  {
    id: 'dedupe-window-shortened',
    inverse: 'dedupe-window-lengthened',
    area: 'sideEffects',
    direction: 'output',
    effect: 'widens',
    severity: 'dangerous',
    check: (o, n) => {
      const before = se(o).dedupe;
      const after = se(n).dedupe;
      return before && after && after.windowSeconds < before.windowSeconds
        ? hit('/sideEffects/dedupe/windowSeconds', {
            before: before.windowSeconds,
            after: after.windowSeconds,
          })
        : [];
    },
    what: (a) => `the deduplication window shrank from ${a.before} s to ${a.after} s`,
    impact: () => 're-sends that arrive later than the new window now run again',
    why: 'Late redeliveries that were dropped now apply twice; most duplicates arrive quickly, so it may be fine.',
  },
  {
    id: 'dedupe-window-lengthened',
    inverse: 'dedupe-window-shortened',
    area: 'sideEffects',
    direction: 'output',
    effect: 'narrows',
    severity: 'dangerous',
    check: (o, n) => {
      const before = se(o).dedupe;
      const after = se(n).dedupe;
      return before && after && after.windowSeconds > before.windowSeconds
        ? hit('/sideEffects/dedupe/windowSeconds', {
            before: before.windowSeconds,
            after: after.windowSeconds,
          })
        : [];
    },
    what: (a) => `the deduplication window grew from ${a.before} s to ${a.after} s`,
    impact: () => 'deliberate repeats within the longer window are now dropped',
    why: 'A caller that repeats a request on purpose after the old window is now ignored.',
  },
];
