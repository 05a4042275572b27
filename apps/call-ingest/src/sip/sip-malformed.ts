import type { SipParseError } from './sip-message';
import type { SipFlow } from './sip-transport';

const REQUEST_START = /^[A-Za-z]+ \S+ SIP\/\d+\.\d+\r\n/;
const LONG_NAME: Readonly<Record<string, string>> = { v: 'via', f: 'from', t: 'to', i: 'call-id' };
const ECHOED = /^(via|v|from|f|to|t|call-id|i|cseq)[ \t]*:.*$/gim;

/**
 * Answers a request we could not parse with the parse error's status (400, 413 or 505), when it
 * carries enough to be answered (a request line and Via, From, To, Call-ID and CSeq lines copied
 * as they came, RFC 3261 §8.2.6). Responses and anything else unparseable are dropped: there is
 * no one to tell. The reason phrase says what was wrong, for the peer's logs.
 */
export function respondToMalformed(bytes: Buffer, error: SipParseError, flow: SipFlow): void {
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, 8192));
  if (!REQUEST_START.test(text) || /^ACK /.test(text)) return;
  const head = text.split('\r\n\r\n')[0];
  const echoed = head.match(ECHOED) ?? [];
  const names = new Set(echoed.map((line) => LONG_NAME[line.split(':')[0].trim().toLowerCase()] ?? line.split(':')[0].trim().toLowerCase()));
  // Without all five a response cannot be matched by the peer.
  if (!['via', 'from', 'to', 'call-id', 'cseq'].every((name) => names.has(name))) return;
  const reason = error.status === 505 ? 'Version Not Supported' : error.status === 413 ? 'Request Entity Too Large' : `Bad Request (${error.message.replace(/[\r\n]/g, ' ').slice(0, 80)})`;
  flow.send(Buffer.from([`SIP/2.0 ${error.status} ${reason}`, ...echoed, 'Content-Length: 0', '', ''].join('\r\n'), 'latin1'));
}
