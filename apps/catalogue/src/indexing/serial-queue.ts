/**
 * Runs async tasks one at a time, in the order given. Index changes (catch-ups, swaps) go
 * through one queue so an activation never interleaves with an incremental update.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
