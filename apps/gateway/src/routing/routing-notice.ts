import type { LiveAgentStatus } from '@callcart/contracts';
import type { RoutedCall } from './call-routing.service';

/** The PostgreSQL channel on which routing changes are announced to every gateway replica. */
export const ROUTING_CHANNEL = 'gateway_call_routing';

/**
 * A change of routing, as the live protocol names it: a call queued or ended; a desk that rings
 * (`ringing`), a call an agent holds or rings for that changed (`updated`), a desk that stops
 * ringing (`withdrawn`), a call that left an agent while it went on (`left`), each addressed to
 * one agent (`to`); or an agent's own status.
 */
export type RoutingNotice =
  | { readonly kind: 'queued' | 'ended'; readonly call: RoutedCall }
  | { readonly kind: 'ringing' | 'updated' | 'withdrawn' | 'left'; readonly call: RoutedCall; readonly to: string }
  | { readonly kind: 'agent-status'; readonly status: LiveAgentStatus };
