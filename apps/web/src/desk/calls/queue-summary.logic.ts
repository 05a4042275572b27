import type { QueuedCall } from '../desk-state';

/** How many callers wait and the longest wait in ms (0 when nobody waits or no time is known). */
export function queueSummary(queue: readonly QueuedCall[], now: number): { count: number; longestWaitMs: number } {
  const waits = queue.map((call) => (call.queuedAt ? now - Date.parse(call.queuedAt) : 0)).filter((wait) => Number.isFinite(wait));
  return { count: queue.length, longestWaitMs: Math.max(0, ...waits) };
}
