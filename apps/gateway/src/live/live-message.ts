/**
 * What the gateway pushes over `/api/live` (docs/agent-events.md): the discriminated union shared
 * with the web app (`libs/contracts/src/live/live-message.ts`). Every message the relay, the
 * routing notices and the greeting build is an object literal of this type, so the compiler
 * checks each `data` against its `type`.
 */
export type { LiveMessage, LiveMessageData, LiveMessageType } from '@callcart/contracts';
