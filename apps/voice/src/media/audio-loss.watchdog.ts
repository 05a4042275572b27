/**
 * Says once when the agent's audio has been gone for `lossMs`: from the start if no packet ever
 * came (the connection never worked), or since the last packet (the connection failed or closed,
 * the browser crashed, the network dropped). A muted agent still sends packets (of silence), so
 * mute never counts as lost.
 */
export class AudioLossWatchdog {
  private lastHeardAt: number;
  private reported = false;

  constructor(
    private readonly lossMs: number,
    startedAt: number,
  ) {
    this.lastHeardAt = startedAt;
  }

  heard(nowMs: number): void {
    this.lastHeardAt = nowMs;
  }

  /** The silence so far, in ms, the first time it reaches the limit; `undefined` otherwise (and ever after). */
  check(nowMs: number): number | undefined {
    const silentForMs = nowMs - this.lastHeardAt;
    if (this.reported || silentForMs < this.lossMs) return undefined;
    this.reported = true;
    return Math.round(silentForMs);
  }
}
