/**
 * RTP's counters wrap: the sequence number at 65535, the timestamp at 2^32 − 1. Comparing them
 * as plain numbers breaks once a call passes the wrap (a PCMU sequence number wraps every ~22
 * minutes), so order and distance are read modulo the counter's size, as RFC 3550 does.
 */

/** How far `later` is after `earlier` in sequence numbers: negative when it is before (−32768…32767). */
export function sequenceDistance(later: number, earlier: number): number {
  const difference = (later - earlier) & 0xffff;
  return difference >= 0x8000 ? difference - 0x10000 : difference;
}

/** How many samples `later` is after `earlier` in RTP timestamps: negative when it is before. */
export function timestampDistance(later: number, earlier: number): number {
  const difference = (later - earlier) >>> 0;
  return difference >= 0x80000000 ? difference - 0x100000000 : difference;
}

export const nextSequence = (sequenceNumber: number, step = 1): number => (sequenceNumber + step) & 0xffff;
export const nextTimestamp = (timestamp: number, samples: number): number => (timestamp + samples) >>> 0;
