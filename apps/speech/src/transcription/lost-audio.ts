import type { RecognitionSession } from '../recognition/recogniser';

/** 8 kHz µ-law: 8 bytes per millisecond; 0xff is its silence. */
export const MULAW_BYTES_PER_MS = 8;
const SILENCE_FRAME = new Uint8Array(160).fill(0xff);
const FRAME_MS = SILENCE_FRAME.length / MULAW_BYTES_PER_MS;
/** Longer gaps (a NATS outage) are filled only this far; the recogniser's clock then lags the call's. */
const MAX_FILLED_GAP_MS = 30_000;

/**
 * Audio lost between two frames (the provider's gap, or frames NATS dropped in an outage) becomes
 * silence for the recogniser: transcript times stay on the call's clock and an utterance cut by
 * the loss ends there instead of running into the next.
 */
export function fillLostAudio(session: RecognitionSession, expectedMs: number | undefined, frameMs: number): void {
  if (expectedMs === undefined) return;
  const lostMs = Math.min(frameMs - expectedMs, MAX_FILLED_GAP_MS);
  for (let filled = 0; filled + FRAME_MS <= lostMs; filled += FRAME_MS) session.write(SILENCE_FRAME);
}
