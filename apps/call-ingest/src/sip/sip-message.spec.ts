import { buildResponse, header, headerParam, parseSipMessage, SipParseError, splitHeaderList, uriOf, type SipRequest } from './sip-message';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

const INVITE = [
  'INVITE sip:+864001234567@callcart.example.cn SIP/2.0',
  'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'From: "Li Lei" <sip:+8613812345678@pbx.example.cn>;tag=1928301774',
  'To: <sip:+864001234567@callcart.example.cn>',
  'Call-ID: a84b4c76e66710@pbx.example.cn',
  'CSeq: 314159 INVITE',
  'Content-Type: application/sdp',
  'Content-Length: 4',
  '',
  'v=0\n',
];

function refusal(bytes: Buffer, stream = false): SipParseError {
  try {
    parseSipMessage(bytes, { maxMessageBytes: 4096, maxHeaders: 20 }, stream);
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw error;
  }
  throw new Error('parsed, but should have been refused');
}

describe('SIP message parser: well-formed messages written the many ways RFC 3261 allows (RFC 4475 §3.1.1 in spirit)', () => {
  it('reads a plain INVITE', () => {
    const message = parseSipMessage(crlf(INVITE)) as SipRequest;
    expect(message).toMatchObject({ kind: 'request', method: 'INVITE', uri: 'sip:+864001234567@callcart.example.cn', callId: 'a84b4c76e66710@pbx.example.cn', cseq: { number: 314159, method: 'INVITE' } });
    expect(message.body.toString()).toBe('v=0\n');
  });

  it('reads odd whitespace, folded lines, compact and mixed-case names, comma-joined Via values and quoted commas', () => {
    const message = parseSipMessage(
      crlf([
        '\r\nOPTIONS sip:callcart@[2001:db8::10]:5060;transport=udp SIP/2.0',
        'v:   SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a ,SIP/2.0/TCP 192.0.2.2:5070;branch=z9hG4bK-b;received=192.0.2.9',
        'VIA : SIP/2.0/UDP 192.0.2.3;branch=z9hG4bK-c',
        'f: "Wang, Fang \\"the caller\\"" <sip:wang@example.cn>',
        '  ;tag=8321234356',
        't:sip:callcart@example.cn',
        'i: 98asjd8MDwmt@192.0.2.1',
        'cSeQ:    8\t  OPTIONS',
        'X-Unknown-Header:',
        'l: 0',
        '',
        '',
      ]),
    );
    expect(message.via).toEqual(['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a', 'SIP/2.0/TCP 192.0.2.2:5070;branch=z9hG4bK-b;received=192.0.2.9', 'SIP/2.0/UDP 192.0.2.3;branch=z9hG4bK-c']);
    expect(header(message, 'from')).toBe('"Wang, Fang \\"the caller\\"" <sip:wang@example.cn> ;tag=8321234356');
    expect(headerParam(header(message, 'from')!, 'tag')).toBe('8321234356');
    expect(message).toMatchObject({ callId: '98asjd8MDwmt@192.0.2.1', cseq: { number: 8, method: 'OPTIONS' } });
    expect(header(message, 'x-unknown-header')).toBe('');
  });

  it('reads a response, and a body shorter than the datagram (the rest is ignored)', () => {
    const response = parseSipMessage(crlf(['SIP/2.0 180 Ringing', 'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: x', 'CSeq: 1 INVITE', 'Content-Length: 2', '', 'abcdef']));
    expect(response).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
    expect(response.body.toString()).toBe('ab');
  });

  it('takes the URI out of name-addr and addr-spec forms, and parameters outside brackets only', () => {
    expect(uriOf('"Li" <sip:+86138@pbx;user=phone>;tag=9')).toBe('sip:+86138@pbx;user=phone');
    expect(uriOf('sip:+86138@pbx;tag=9')).toBe('sip:+86138@pbx');
    expect(headerParam('<sip:a@b;tag=inside>;tag=outside', 'tag')).toBe('outside');
    expect(headerParam('SIP/2.0/UDP h;rport;branch=z9hG4bK1', 'rport')).toBe('');
    expect(splitHeaderList('<sip:a,b@c>, "x,y" <sip:d@e>')).toEqual(['<sip:a,b@c>', '"x,y" <sip:d@e>']);
  });

  it('answers with the request’s Via, From, Call-ID and CSeq, adding our To tag', () => {
    const request = parseSipMessage(crlf(INVITE)) as SipRequest;
    const response = parseSipMessage(buildResponse(request, 486, 'Busy Here', { toTag: 'abc' }));
    expect(response).toMatchObject({ kind: 'response', status: 486, callId: request.callId, cseq: request.cseq, via: request.via });
    expect(headerParam(header(response, 'to')!, 'tag')).toBe('abc');
  });
});

describe('SIP message parser: malformed messages are refused with a reason (RFC 4475 §3.1.2 in spirit)', () => {
  const replace = (name: string, line: string | undefined) => crlf(INVITE.flatMap((l) => (l.startsWith(name) ? (line === undefined ? [] : [line]) : [l])));
  const cases: [string, Buffer, string, number][] = [
    ['no Call-ID', replace('Call-ID', undefined), 'missing-header', 400],
    ['two Call-IDs', crlf([...INVITE.slice(0, 5), 'Call-ID: second', ...INVITE.slice(5)]), 'header', 400],
    ['no Via', replace('Via', undefined), 'missing-header', 400],
    ['CSeq naming another method', replace('CSeq', 'CSeq: 1 BYE'), 'cseq', 400],
    ['CSeq beyond 2^31', replace('CSeq', 'CSeq: 4294967296 INVITE'), 'cseq', 400],
    ['CSeq without a number', replace('CSeq', 'CSeq: INVITE'), 'cseq', 400],
    ['negative Content-Length', replace('Content-Length', 'Content-Length: -4'), 'content-length', 400],
    ['Content-Length past the end', replace('Content-Length', 'Content-Length: 9999'), 'content-length', 400],
    ['SIP/7.0', replace('INVITE sip', 'INVITE sip:callcart@example.cn SIP/7.0'), 'version', 505],
    ['a Request-URI without a scheme', replace('INVITE sip', 'INVITE callcart.example.cn SIP/2.0'), 'start-line', 400],
    ['spaces inside the request line', replace('INVITE sip', 'INVITE  sip:callcart@example.cn  SIP/2.0'), 'start-line', 400],
    ['a header line without a colon', replace('Max-Forwards', 'Max-Forwards 70'), 'header', 400],
    ['a NUL byte in the head', replace('Max-Forwards', 'Max-Forwards: 7\0'), 'header', 400],
    ['no blank line after the headers', Buffer.from(INVITE.slice(0, 8).join('\r\n')), 'start-line', 400],
    ['too many headers', crlf([...INVITE.slice(0, 2), ...Array.from({ length: 30 }, (_, i) => `X-H${i}: ${i}`), ...INVITE.slice(2)]), 'too-many-headers', 400],
    ['too many Via values in one line', replace('Via', `Via: ${Array.from({ length: 25 }, (_, i) => `SIP/2.0/UDP h${i};branch=z9hG4bK${i}`).join(',')}`), 'too-many-headers', 400],
    ['more bytes than the limit', crlf([...INVITE.slice(0, 2), `X-Pad: ${'x'.repeat(5000)}`, ...INVITE.slice(2)]), 'too-large', 413],
    ['text that is not SIP', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 'missing-header', 400],
  ];

  it.each(cases)('%s', (_name, bytes, kind, status) => {
    expect(refusal(bytes)).toMatchObject({ kind, status });
  });

  it('requires Content-Length on a stream transport', () => {
    expect(refusal(replace('Content-Length', undefined).subarray(0, -4), true)).toMatchObject({ kind: 'content-length' });
    expect(parseSipMessage(replace('Content-Length', undefined)).body.toString()).toBe('v=0\n');
  });

  it('throws nothing but SipParseError for thousands of mangled messages', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const original = crlf(INVITE);
    for (let round = 0; round < 3000; round += 1) {
      const bytes = Buffer.from(original);
      const edits = 1 + Math.floor(random() * 6);
      for (let e = 0; e < edits; e += 1) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      try {
        parseSipMessage(cut);
      } catch (error) {
        expect(error).toBeInstanceOf(SipParseError);
      }
    }
  });
});
