/** src/github/keyed-mutex.ts: one task at a time per key, in arrival order; other keys run alongside. */
import { describe, expect, it } from 'vitest';

import { KeyedMutex } from '../../src/github/keyed-mutex.js';

/** A promise and its resolver. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('KeyedMutex', () => {
  it('runs the tasks of one key one after the other, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      mutex.withLock('acme/api#7', async () => {
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
      }),
    );
    // Release them in reverse: the order of the log is still the order of arrival.
    for (const gate of [...gates].reverse()) gate.resolve();
    await Promise.all(runs);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(mutex.size).toBe(0);
  });

  it('does not hold up another key', async () => {
    const mutex = new KeyedMutex();
    const held = deferred();
    const first = mutex.withLock('acme/api#7', () => held.promise);
    expect(await mutex.withLock('acme/api#8', async () => 'other')).toBe('other');
    held.resolve();
    await first;
  });

  it('a task that fails passes its error on and frees the key', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.withLock('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await mutex.withLock('k', async () => 'next')).toBe('next');
    expect(mutex.size).toBe(0);
  });
});
