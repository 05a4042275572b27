import { isIPv4 } from 'node:net';

/** An IPv4 network: address and prefix length. */
export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

/** `198.51.100.7` (a /32) or `198.51.100.0/24`; undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || !isIPv4(address)) return undefined;
  const prefix = bits === undefined ? 32 : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || (bits !== undefined && !/^\d{1,2}$/.test(bits))) return undefined;
  return { network: maskOf(ipv4ToNumber(address), prefix), prefix };
}

function maskOf(value: number, prefix: number): number {
  return prefix === 0 ? 0 : (value & (0xffffffff << (32 - prefix))) >>> 0;
}

/** Whether a peer's address (IPv4, or IPv4-mapped IPv6 as Node reports it) is in one of the networks. */
export function isAllowedPeer(address: string, allowed: readonly Cidr[]): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (!isIPv4(v4)) return false;
  const value = ipv4ToNumber(v4);
  return allowed.some((cidr) => maskOf(value, cidr.prefix) === cidr.network);
}
