import type { RoutedCall } from '../routing/call-routing.service';

/**
 * Whether an agent may connect their audio to a call: only the agent who answered it, while it
 * is connected (on hold too). A call ringing at their desk, or a colleague's call whose transfer
 * rings there, carries no audio before they answer; once a transfer is answered the call is the
 * new agent's. This is the one place that decides.
 */
export function mayCarryVoice(call: RoutedCall, agentId: string): boolean {
  return call.agentId === agentId && call.status === 'connected';
}
