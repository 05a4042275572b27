import type { RoutedCall } from '../routing/call-routing.service';

/**
 * Whether an agent may connect their audio to a call: only the agent the call is assigned to,
 * while it is assigned. Routing's later states of a call the agent holds (ringing, connected,
 * on hold) belong here too when they come; this is the one place that decides.
 */
export function mayCarryVoice(call: RoutedCall, agentId: string): boolean {
  return call.agentId === agentId && call.status === 'assigned';
}
