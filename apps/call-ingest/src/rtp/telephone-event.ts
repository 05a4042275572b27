/** RFC 4733 event codes 0–15 as keypad keys. */
const KEYS = '0123456789*#ABCD';

/** How many recent events are remembered to recognise their repeated packets. */
const REMEMBERED_EVENTS = 8;

/**
 * Turns RFC 4733 telephone-event packets into key presses, each once: all packets of one press
 * share its RTP timestamp (the start, the updates and the end packet, which senders repeat three
 * times), so a press is reported the first time its timestamp is seen, even if its start was lost.
 */
export class TelephoneEventReader {
  private readonly seen: number[] = [];

  /** The key pressed, the first time a packet of its press arrives; undefined otherwise. */
  read(timestamp: number, payload: Buffer): string | undefined {
    if (payload.length < 4) return undefined;
    const event = payload[0];
    if (event >= KEYS.length) return undefined; // flash and tones are not keys
    if (this.seen.includes(timestamp)) return undefined;
    this.seen.push(timestamp);
    if (this.seen.length > REMEMBERED_EVENTS) this.seen.shift();
    return KEYS[event];
  }
}

/**
 * The key in a SIP INFO body: `application/dtmf-relay` (`Signal=5\r\nDuration=160`) or
 * `application/dtmf` (the key alone). Undefined when the body names no key.
 */
export function keyFromSipInfo(contentType: string, body: string): string | undefined {
  const type = contentType.split(';')[0].trim().toLowerCase();
  let key: string | undefined;
  if (type === 'application/dtmf-relay') key = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  else if (type === 'application/dtmf') key = body.trim();
  if (key === undefined) return undefined;
  if (key === '10') key = '*';
  if (key === '11') key = '#';
  key = key.toUpperCase();
  return key.length === 1 && KEYS.includes(key) ? key : undefined;
}
