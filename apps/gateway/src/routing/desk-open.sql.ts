/** How often a replica refreshes its open desks' rows (`agent_desk`). */
export const DESK_HEARTBEAT_MS = 2000;
/** A desk row not refreshed for this long belongs to a replica that died: its sockets are gone. */
export const DESK_STALE_MS = 5 * DESK_HEARTBEAT_MS;

/** SQL: the agent (`staffColumn`) has a desk open on some live replica (a fresh row with sockets). */
export function deskOpenSql(staffColumn: string): string {
  return `EXISTS (SELECT 1 FROM @.agent_desk d WHERE d."staff_id" = ${staffColumn} AND d."sockets" > 0
    AND d."seen_at" > clock_timestamp() - interval '${DESK_STALE_MS} milliseconds')`;
}
