/**
 * SIP messages (RFC 3261 §7) for the subset a trunk's UAS needs: a strict parser with limits and a
 * serialiser. Header names are kept in their long lower-case form (compact forms expanded) and
 * multi-valued headers that carry comma lists (Via, Route, Record-Route) are split into values,
 * so the rest of the stack reads `via[0]` without caring how the peer wrote it.
 */

/** Why a message was refused; `status` is what a request gets back (a response is only dropped). */
export class SipParseError extends Error {
  constructor(
    readonly kind: 'too-large' | 'too-many-headers' | 'start-line' | 'header' | 'missing-header' | 'cseq' | 'content-length' | 'version',
    message: string,
    readonly status: 400 | 413 | 505 = 400,
  ) {
    super(message);
  }
}

export interface SipLimits {
  /** Largest message accepted, head and body (UDP datagrams cannot exceed 65,507 bytes anyway). */
  readonly maxMessageBytes: number;
  readonly maxHeaders: number;
}

export const DEFAULT_SIP_LIMITS: SipLimits = { maxMessageBytes: 16 * 1024, maxHeaders: 80 };

/** Header values by long lower-case name, in the order they came. */
export type SipHeaders = ReadonlyMap<string, readonly string[]>;

interface SipMessageCommon {
  readonly headers: SipHeaders;
  readonly body: Buffer;
  readonly callId: string;
  readonly cseq: { readonly number: number; readonly method: string };
  /** The Via values, topmost first. */
  readonly via: readonly string[];
}

export interface SipRequest extends SipMessageCommon {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
}

export interface SipResponse extends SipMessageCommon {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

const COMPACT_NAMES: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
};

/** Headers whose values may be comma lists that we read one by one. */
const LIST_HEADERS = new Set(['via', 'route', 'record-route']);
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/(\d+\.\d+)$/;
const STATUS_LINE = /^SIP\/(\d+\.\d+) ([1-6]\d\d) ?(.*)$/;
const HEAD_END = Buffer.from('\r\n\r\n');

/** Splits at commas that are outside quotes and angle brackets. */
export function splitHeaderList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i += 1;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth += 1;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/** Where the head ends (index of the blank line), or -1 when not (yet) there. */
export function headEnd(bytes: Buffer): number {
  return bytes.indexOf(HEAD_END);
}

/** The header lines of a head, with continuation lines (leading space or tab) folded in. */
function unfold(lines: string[]): string[] {
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  return unfolded;
}

function parseHeaders(lines: string[], limits: SipLimits): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let count = 0;
  for (const line of unfold(lines)) {
    const colon = line.indexOf(':');
    const rawName = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TOKEN.test(rawName)) throw new SipParseError('header', `malformed header line "${line.slice(0, 40)}"`);
    const lower = rawName.toLowerCase();
    const name = COMPACT_NAMES[lower] ?? lower;
    const value = line.slice(colon + 1).trim();
    const values = LIST_HEADERS.has(name) ? splitHeaderList(value) : [value];
    count += values.length;
    if (count > limits.maxHeaders) throw new SipParseError('too-many-headers', `more than ${limits.maxHeaders} headers`);
    const existing = headers.get(name);
    if (existing) existing.push(...values);
    else headers.set(name, values);
  }
  return headers;
}

function single(headers: Map<string, string[]>, name: string): string {
  const values = headers.get(name);
  if (!values || values.length === 0 || values[0] === '') throw new SipParseError('missing-header', `missing ${name} header`);
  if (values.length > 1) throw new SipParseError('header', `more than one ${name} header`);
  return values[0];
}

/** Content-Length as declared: undefined when absent (allowed on UDP only). */
export function declaredContentLength(head: string): number | undefined {
  const match = /(?:^|\r\n)(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*)/i.exec(head);
  if (!match) return undefined;
  const text = match[1].trim();
  if (!/^\d{1,9}$/.test(text)) throw new SipParseError('content-length', `bad Content-Length "${text.slice(0, 20)}"`);
  return Number(text);
}

/**
 * Parses one whole message (a UDP datagram, or one framed out of a TCP stream). Throws
 * {@link SipParseError} for anything malformed; never anything else.
 */
export function parseSipMessage(bytes: Buffer, limits: SipLimits = DEFAULT_SIP_LIMITS, stream = false): SipMessage {
  if (bytes.length > limits.maxMessageBytes) throw new SipParseError('too-large', `message of ${bytes.length} bytes exceeds ${limits.maxMessageBytes}`, 413);
  // Peers may send CRLF keep-alives before a message (RFC 5626); they are not part of it.
  let start = 0;
  while (start + 1 < bytes.length && bytes[start] === 0x0d && bytes[start + 1] === 0x0a) start += 2;
  const end = bytes.indexOf(HEAD_END, start);
  if (end < 0) throw new SipParseError('start-line', 'no blank line after the headers');
  const head = bytes.toString('latin1', start, end);
  if (/[\0]/.test(head)) throw new SipParseError('header', 'NUL byte in the head');
  const [startLine, ...lines] = head.split('\r\n');
  const headers = parseHeaders(lines, limits);
  const declared = declaredContentLength(head);
  const available = bytes.length - (end + 4);
  if (declared === undefined && stream) throw new SipParseError('content-length', 'Content-Length is required over a stream transport');
  if (declared !== undefined && declared > available) throw new SipParseError('content-length', `Content-Length ${declared} exceeds the ${available} body bytes received`);
  const body = bytes.subarray(end + 4, end + 4 + (declared ?? available));
  const cseqMatch = /^(\d{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)$/.exec(single(headers, 'cseq'));
  if (!cseqMatch || Number(cseqMatch[1]) > 2 ** 31 - 1) throw new SipParseError('cseq', 'malformed CSeq');
  const common = {
    headers,
    body: Buffer.from(body),
    callId: single(headers, 'call-id'),
    cseq: { number: Number(cseqMatch[1]), method: cseqMatch[2].toUpperCase() },
    via: headers.get('via') ?? [],
  };
  single(headers, 'from');
  single(headers, 'to');
  if (common.via.length === 0) throw new SipParseError('missing-header', 'missing via header');
  const request = REQUEST_LINE.exec(startLine);
  if (request) {
    if (request[3] !== '2.0') throw new SipParseError('version', `SIP version ${request[3]} is not supported`, 505);
    const method = request[1].toUpperCase();
    if (method !== common.cseq.method && !(method === 'ACK' && common.cseq.method === 'INVITE') && !(method === 'CANCEL' && common.cseq.method === 'INVITE')) {
      throw new SipParseError('cseq', `CSeq method ${common.cseq.method} does not match ${method}`);
    }
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(request[2])) throw new SipParseError('start-line', 'malformed Request-URI');
    return { kind: 'request', method, uri: request[2], ...common };
  }
  const status = STATUS_LINE.exec(startLine);
  if (status) {
    if (status[1] !== '2.0') throw new SipParseError('version', `SIP version ${status[1]} is not supported`, 505);
    return { kind: 'response', status: Number(status[2]), reason: status[3], ...common };
  }
  throw new SipParseError('start-line', `malformed start line "${startLine.slice(0, 40)}"`);
}

/** The first value of a header, or undefined. */
export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}

/** A `;name=value` parameter of a header value (case-insensitive name); '' for a flag parameter. */
export function headerParam(value: string, name: string): string | undefined {
  const outside = value.replace(/<[^>]*>/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '');
  const match = new RegExp(`;\\s*${name}\\s*(?:=\\s*("[^"]*"|[^;,\\s]+))?`, 'i').exec(outside);
  if (!match) return undefined;
  return (match[1] ?? '').replace(/^"|"$/g, '');
}

/** The URI inside a name-addr (`"Name" <sip:x@y>;tag=1`) or an addr-spec (`sip:x@y;tag=1`). */
export function uriOf(value: string): string {
  const bracketed = /<([^>]*)>/.exec(value);
  if (bracketed) return bracketed[1].trim();
  return value.split(';')[0].trim();
}

/** A header line list to write: `[name, value]` in order. */
export type HeaderLines = readonly (readonly [string, string])[];

function serialise(startLine: string, headers: HeaderLines, body: Buffer | string): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${bodyBytes.length}`, '', ''];
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), bodyBytes]);
}

/** A response to a request: its Via, From, To (with our tag once we have one), Call-ID and CSeq copied. */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string,
  options: { toTag?: string; headers?: HeaderLines; body?: Buffer | string; topVia?: string } = {},
): Buffer {
  const to = header(request, 'to') ?? '';
  const toValue = options.toTag && headerParam(to, 'tag') === undefined ? `${to};tag=${options.toTag}` : to;
  const vias = [options.topVia ?? request.via[0], ...request.via.slice(1)];
  const lines: (readonly [string, string])[] = [
    ...vias.map((via): [string, string] => ['Via', via]),
    ['From', header(request, 'from') ?? ''],
    ['To', toValue],
    ['Call-ID', request.callId],
    ['CSeq', `${request.cseq.number} ${request.cseq.method}`],
  ];
  if (status >= 180 && status < 300) for (const route of request.headers.get('record-route') ?? []) lines.push(['Record-Route', route]);
  lines.push(...(options.headers ?? []));
  return serialise(`SIP/2.0 ${status} ${reason}`, lines, options.body ?? '');
}

/** A request of ours (BYE to the caller, a probe in tests and the benchmark). */
export function buildRequest(method: string, uri: string, headers: HeaderLines, body: Buffer | string = ''): Buffer {
  return serialise(`${method} ${uri} SIP/2.0`, headers, body);
}
