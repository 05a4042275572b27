import { buildSdpAnswer, negotiate, parseSdpOffer, SdpError } from './sdp';

const offer = (media: string[], session: string[] = ['c=IN IP4 198.51.100.7']) =>
  ['v=0', 'o=pbx 42 7 IN IP4 198.51.100.7', 's=call', ...session, 't=0 0', ...media].join('\r\n') + '\r\n';

describe('SDP offer/answer (RFC 3264)', () => {
  it('takes the caller’s first G.711 codec and telephone-event, and answers on our port', () => {
    const parsed = parseSdpOffer(offer(['m=audio 30000 RTP/AVP 18 8 0 101', 'a=rtpmap:18 G729/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20']));
    const media = negotiate(parsed)!;
    expect(media).toEqual({ codec: 'PCMA', payloadType: 8, telephoneEventPayloadType: 101, remoteAddress: '198.51.100.7', remotePort: 30000, direction: 'sendrecv' });
    const answer = buildSdpAnswer(parsed, media, { address: '203.0.113.5', port: 20002, sessionId: '1', version: 1 });
    expect(answer.split('\r\n')).toEqual(
      expect.arrayContaining(['c=IN IP4 203.0.113.5', 'm=audio 20002 RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv']),
    );
  });

  it('prefers µ-law when the caller lists it first (North American trunks)', () => {
    expect(negotiate(parseSdpOffer(offer(['m=audio 4000 RTP/AVP 0 8']))))
      .toMatchObject({ codec: 'PCMU', payloadType: 0, telephoneEventPayloadType: undefined });
  });

  it.each([
    ['sendonly', 'recvonly'],
    ['inactive', 'inactive'],
    ['recvonly', 'sendonly'],
    ['sendrecv', 'sendrecv'],
  ])('answers a %s offer (hold) with %s', (offered, answered) => {
    const parsed = parseSdpOffer(offer(['m=audio 4000 RTP/AVP 8', `a=${offered}`]));
    expect(buildSdpAnswer(parsed, negotiate(parsed)!, { address: '203.0.113.5', port: 20002, sessionId: '1', version: 2 })).toContain(`a=${answered}\r\n`);
  });

  it('reads an old-style hold (c=0.0.0.0) as sendonly', () => {
    expect(negotiate(parseSdpOffer(offer(['m=audio 4000 RTP/AVP 8'], ['c=IN IP4 0.0.0.0'])))?.direction).toBe('sendonly');
  });

  it('refuses the other streams of the offer with port 0, keeping their order', () => {
    const parsed = parseSdpOffer(offer(['m=video 5000 RTP/AVP 96', 'a=rtpmap:96 H264/90000', 'm=audio 4000 RTP/AVP 0']));
    const answer = buildSdpAnswer(parsed, negotiate(parsed)!, { address: '203.0.113.5', port: 20002, sessionId: '1', version: 1 });
    expect(answer.indexOf('m=video 0 RTP/AVP 96')).toBeLessThan(answer.indexOf('m=audio 20002 RTP/AVP 0'));
  });

  it.each([
    ['only G.729 and GSM', ['m=audio 4000 RTP/AVP 18 3']],
    ['G.711 at 16 kHz', ['m=audio 4000 RTP/AVP 97', 'a=rtpmap:97 PCMA/16000']],
    ['secure RTP only', ['m=audio 4000 RTP/SAVP 8']],
    ['a refused audio stream', ['m=audio 0 RTP/AVP 8']],
  ])('finds nothing to agree on for %s (488)', (_name, media) => {
    expect(negotiate(parseSdpOffer(offer(media)))).toBeUndefined();
  });

  it.each([
    ['not SDP', 'hello'],
    ['a bad media line', offer(['m=audio lots RTP/AVP 8'])],
    ['a port beyond 65535', offer(['m=audio 70000 RTP/AVP 8'])],
    ['a host name as the connection address', offer(['m=audio 4000 RTP/AVP 8'], ['c=IN IP4 media.example.cn'])],
    ['no connection address', ['v=0', 'o=x 1 1 IN IP4 h', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 8'].join('\r\n')],
  ])('refuses %s', (_name, text) => {
    expect(() => parseSdpOffer(text)).toThrow(SdpError);
  });
});
