import { Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';
import type { Principal, Role } from '../auth/principal';
import { roleOf } from '../auth/principal';
import type { LiveMessage } from './live-message';

/**
 * The live sockets connected to this replica, by who opened them. Messages are addressed to a
 * staff member, a customer or a set of roles, never broadcast blindly: a customer's socket only
 * ever gets messages addressed to that customer.
 */
@Injectable()
export class LiveHub {
  private readonly sockets = new Map<WebSocket, Principal>();

  add(socket: WebSocket, principal: Principal): void {
    this.sockets.set(socket, principal);
    socket.once('close', () => this.sockets.delete(socket));
  }

  all(): WebSocket[] {
    return [...this.sockets.keys()];
  }

  toStaff(staffId: string | null | undefined, message: LiveMessage): void {
    if (!staffId) return;
    this.send((principal) => principal.kind === 'staff' && principal.staffId === staffId, message);
  }

  toCustomer(customerId: string | null | undefined, message: LiveMessage): void {
    if (!customerId) return;
    this.send((principal) => principal.kind === 'customer' && principal.customerId === customerId, message);
  }

  toRoles(roles: readonly Role[], message: LiveMessage): void {
    this.send((principal) => roles.includes(roleOf(principal)), message);
  }

  private send(matches: (principal: Principal) => boolean, message: LiveMessage): void {
    let frame: string | undefined;
    for (const [socket, principal] of this.sockets) {
      if (!matches(principal) || socket.readyState !== socket.OPEN) continue;
      frame ??= JSON.stringify(message);
      socket.send(frame);
    }
  }
}
