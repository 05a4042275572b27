import { SipParseError } from './sip-message';
import { SipStreamFramer } from './sip-transport';

const message = (body: string) => `OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('SIP over TCP: framing by Content-Length (RFC 3261 §18.3)', () => {
  it('frames messages split across chunks and several in one chunk, skipping CRLF keep-alives', () => {
    const framer = new SipStreamFramer(4096);
    const stream = Buffer.from(`\r\n\r\n${message('hello')}${message('')}\r\n${message('v=0\r\n')}`);
    const frames: string[] = [];
    for (let offset = 0; offset < stream.length; offset += 7) frames.push(...framer.push(stream.subarray(offset, offset + 7)).map((b) => b.toString()));
    expect(frames).toEqual([message('hello'), message(''), message('v=0\r\n')]);
  });

  it('refuses a message without Content-Length, and one past the size limit', () => {
    expect(() => new SipStreamFramer(4096).push(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n'))).toThrow(SipParseError);
    expect(() => new SipStreamFramer(100).push(Buffer.from(message('x'.repeat(200))))).toThrow(/exceeds/);
    expect(() => new SipStreamFramer(100).push(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'y'.repeat(200)}`))).toThrow(/no end of headers/);
  });
});
