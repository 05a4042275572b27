import { isIP } from 'node:net';

/**
 * SDP offer/answer (RFC 3264) for one audio stream of G.711: we take PCMA (A-law) or PCMU (µ-law),
 * in the order the caller prefers them, and RFC 4733 telephone-event when offered.
 */

export type G711Codec = 'PCMA' | 'PCMU';

/** Which way audio flows, from the offerer's point of view. */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export class SdpError extends Error {}

/** What an offer asks of us for the one audio stream we take. */
export interface SdpOffer {
  /** Where the caller wants its audio sent (may be 0.0.0.0 in an old-style hold). */
  readonly address: string;
  readonly port: number;
  readonly direction: MediaDirection;
  /** Offered payload types of the accepted audio line, in the offerer's order. */
  readonly formats: readonly { readonly payloadType: number; readonly name: string; readonly clockRate: number }[];
  /** All m= lines, so the answer can refuse the others (port 0) line by line. */
  readonly mediaLines: readonly { readonly media: string; readonly proto: string; readonly formats: string }[];
  /** Index of the audio line we accept, -1 when there is none we could. */
  readonly audioIndex: number;
  readonly sessionVersion?: string;
}

/** The outcome of negotiating: the codec, its payload type and the keypad event's, if any. */
export interface NegotiatedMedia {
  readonly codec: G711Codec;
  readonly payloadType: number;
  readonly telephoneEventPayloadType?: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly direction: MediaDirection;
}

const STATIC_FORMATS: Readonly<Record<number, { name: string; clockRate: number }>> = {
  0: { name: 'PCMU', clockRate: 8000 },
  8: { name: 'PCMA', clockRate: 8000 },
};

const MAX_SDP_LINES = 200;

/** Parses an SDP offer; throws {@link SdpError} when it is not SDP we can read. */
export function parseSdpOffer(text: string): SdpOffer {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  if (lines.length > MAX_SDP_LINES) throw new SdpError(`more than ${MAX_SDP_LINES} SDP lines`);
  if (lines[0] !== 'v=0') throw new SdpError('SDP must start with v=0');
  let sessionAddress: string | undefined;
  let sessionDirection: MediaDirection = 'sendrecv';
  let sessionVersion: string | undefined;
  const media: { media: string; proto: string; port: number; formats: string; address?: string; direction?: MediaDirection; rtpmap: Map<number, { name: string; clockRate: number }> }[] = [];
  for (const line of lines) {
    if (!/^[a-z]=/.test(line)) throw new SdpError(`malformed SDP line "${line.slice(0, 30)}"`);
    const type = line[0];
    const value = line.slice(2);
    const current = media.at(-1);
    if (type === 'o') sessionVersion = value.split(' ')[2];
    if (type === 'c') {
      const match = /^IN IP[46] (\S+)$/.exec(value);
      if (!match) throw new SdpError(`unsupported connection line "${value.slice(0, 30)}"`);
      const address = match[1].split('/')[0];
      // An IP literal only: a host name would make every RTP send a DNS look-up the peer chose.
      if (!isIP(address)) throw new SdpError(`connection address "${address.slice(0, 40)}" is not an IP address`);
      if (current) current.address = address;
      else sessionAddress = address;
    } else if (type === 'm') {
      const match = /^(\w+) (\d{1,5})(?:\/\d+)? (\S+) ?(.*)$/.exec(value);
      if (!match || Number(match[2]) > 65535) throw new SdpError(`malformed media line "${value.slice(0, 30)}"`);
      media.push({ media: match[1], port: Number(match[2]), proto: match[3], formats: match[4].trim(), rtpmap: new Map() });
    } else if (type === 'a') {
      const direction = /^(sendrecv|sendonly|recvonly|inactive)$/.exec(value)?.[1] as MediaDirection | undefined;
      if (direction && current) current.direction = direction;
      else if (direction) sessionDirection = direction;
      const rtpmap = /^rtpmap:(\d{1,3}) ([\w.-]+)\/(\d+)/.exec(value);
      if (rtpmap && current) current.rtpmap.set(Number(rtpmap[1]), { name: rtpmap[2], clockRate: Number(rtpmap[3]) });
    }
  }
  const audioIndex = media.findIndex((line) => line.media === 'audio' && line.port !== 0 && /^RTP\/AVP$/i.test(line.proto));
  const audio = media[audioIndex];
  const address = audio?.address ?? sessionAddress;
  if (audio && !address) throw new SdpError('no connection address for the audio stream');
  const formats = (audio?.formats.split(/\s+/) ?? [])
    .filter((format) => /^\d{1,3}$/.test(format))
    .map(Number)
    .map((payloadType) => ({ payloadType, ...(audio?.rtpmap.get(payloadType) ?? STATIC_FORMATS[payloadType] ?? { name: '', clockRate: 0 }) }));
  return {
    address: address ?? '',
    port: audio?.port ?? 0,
    direction: audio?.direction ?? sessionDirection,
    formats,
    mediaLines: media.map(({ media: kind, proto, formats: list }) => ({ media: kind, proto, formats: list })),
    audioIndex,
    sessionVersion,
  };
}

/**
 * Picks the caller's most preferred G.711 codec and telephone-event; undefined when nothing
 * offered fits (the INVITE gets 488).
 */
export function negotiate(offer: SdpOffer): NegotiatedMedia | undefined {
  if (offer.audioIndex < 0) return undefined;
  const codec = offer.formats.find((format) => (format.name.toUpperCase() === 'PCMA' || format.name.toUpperCase() === 'PCMU') && format.clockRate === 8000);
  if (!codec) return undefined;
  const event = offer.formats.find((format) => format.name.toLowerCase() === 'telephone-event' && format.clockRate === 8000);
  // An old-style hold (c=0.0.0.0) means "send nothing", like a=sendonly/inactive.
  const direction = offer.address === '0.0.0.0' && offer.direction === 'sendrecv' ? 'sendonly' : offer.direction;
  return {
    codec: codec.name.toUpperCase() as G711Codec,
    payloadType: codec.payloadType,
    telephoneEventPayloadType: event?.payloadType,
    remoteAddress: offer.address,
    remotePort: offer.port,
    direction,
  };
}

const ANSWER_DIRECTION: Readonly<Record<MediaDirection, MediaDirection>> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/** Our answer: the one audio stream on our RTP port, every other m= line refused with port 0. */
export function buildSdpAnswer(offer: SdpOffer, media: NegotiatedMedia, local: { address: string; port: number; sessionId: string; version: number }): string {
  const family = local.address.includes(':') ? 'IP6' : 'IP4';
  const lines = [
    'v=0',
    `o=callcart ${local.sessionId} ${local.version} IN ${family} ${local.address}`,
    's=callcart',
    `c=IN ${family} ${local.address}`,
    't=0 0',
  ];
  offer.mediaLines.forEach((line, index) => {
    if (index !== offer.audioIndex) {
      lines.push(`m=${line.media} 0 ${line.proto} ${line.formats}`);
      return;
    }
    const event = media.telephoneEventPayloadType;
    lines.push(`m=audio ${local.port} RTP/AVP ${media.payloadType}${event === undefined ? '' : ` ${event}`}`);
    lines.push(`a=rtpmap:${media.payloadType} ${media.codec}/8000`);
    if (event !== undefined) lines.push(`a=rtpmap:${event} telephone-event/8000`, `a=fmtp:${event} 0-16`);
    lines.push('a=ptime:20', `a=${ANSWER_DIRECTION[media.direction]}`);
  });
  return `${lines.join('\r\n')}\r\n`;
}
