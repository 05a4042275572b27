import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process among the catalogue replicas (each keeps its own embedded index). */
export function newReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`.slice(0, 128);
}
