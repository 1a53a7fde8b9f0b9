/**
 * One task at a time per key within this process: GitHub may deliver the same event twice at once (a
 * redelivery, a retry), and two checks of one pull request running side by side each find no comment and no
 * check run, and each create one. Tasks of a key run in arrival order; other keys are not held up.
 */
export interface Lock {
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export class KeyedMutex implements Lock {
  /** The last task queued per key, settled when it has run; absent when none is queued. */
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
