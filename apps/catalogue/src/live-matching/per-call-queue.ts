/**
 * Runs the tasks of one call one after another, in the order they were given; calls run side by
 * side. The bus hands each message to its handler at once, and matching awaits the search engine:
 * without this, a later transcript of a call could be published before an earlier one.
 */
export class PerCallQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (callId: string, error: unknown) => void) {}

  run(callId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(callId) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => this.onError(callId, error));
    this.tails.set(callId, next);
    // The queue of a call that has gone quiet is forgotten (unless a newer task joined it meanwhile).
    void next.finally(() => {
      if (this.tails.get(callId) === next) this.tails.delete(callId);
    });
    return next;
  }

  /** Calls with a task queued or running. */
  get busyCalls(): number {
    return this.tails.size;
  }
}
