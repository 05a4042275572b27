import { createHash } from 'node:crypto';

/**
 * A uuid (version 5 layout, SHA-1) fixed by a name: the same fact always gets the same message
 * id, so JetStream's and the inbox's de-duplication recognise a repeat.
 */
export function nameBasedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
