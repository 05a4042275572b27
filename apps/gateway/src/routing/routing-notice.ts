import type { RoutedCall } from './call-routing.service';

/** The PostgreSQL channel on which routing changes are announced to every gateway replica. */
export const ROUTING_CHANNEL = 'gateway_call_routing';

/** A change of routing: a call queued, assigned to an agent, or ended. */
export interface RoutingNotice {
  readonly kind: 'queued' | 'assigned' | 'ended';
  readonly call: RoutedCall;
}
