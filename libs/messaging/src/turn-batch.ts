/**
 * Publishes handed over during one turn of the event loop, given to the NATS client together in
 * the loop's check phase (`setImmediate`). The client writes to its socket once per batch it is
 * handed: audio frames published one by one as each packet arrives are one socket write each,
 * 15,000 a second for 300 calls, which keeps the loop in its I/O phase and starves its timers
 * (measured in call-ingest: a 20 ms media clock fired about once a second; bench:sip).
 */
export class TurnBatch {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** `publish` runs later in this turn, in order with the others; it handles its own failure. */
  add(publish: () => void): void {
    this.waiting.push(publish);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Runs what waits now: before any other publish, so nothing published later overtakes it. */
  flush(): void {
    this.scheduled = false;
    for (const publish of this.waiting.splice(0)) publish();
  }
}
