import { readCallParties } from './call-parties';
import { parseSipMessage, type SipRequest } from './sip-message';

function invite(uri: string, headers: string[]): SipRequest {
  const lines = [`INVITE ${uri} SIP/2.0`, 'Via: SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1', 'Call-ID: c1', 'CSeq: 1 INVITE', ...headers, 'Content-Length: 0', '', ''];
  return parseSipMessage(Buffer.from(lines.join('\r\n'))) as SipRequest;
}

describe('caller and dialled numbers of a SIP call', () => {
  it('takes the caller from P-Asserted-Identity before From, the dialled number from the Request-URI', () => {
    const parties = readCallParties(
      invite('sip:+864001234567@callcart.example.cn;user=phone', ['From: "PBX" <sip:8001@pbx>;tag=1', 'To: <sip:4001234567@pbx>', 'P-Asserted-Identity: <tel:+86-138-1234-5678>']),
    );
    expect(parties).toEqual({ callerNumber: '+8613812345678', dialledNumber: '+864001234567' });
  });

  it('falls back to From, and to To when the Request-URI has no user', () => {
    expect(readCallParties(invite('sip:callcart.example.cn', ['From: <sip:013812345678@pbx>;tag=1', 'To: <sip:4001234567@callcart.example.cn>']))).toEqual({
      callerNumber: '013812345678',
      dialledNumber: '4001234567',
    });
  });

  it.each([
    ['an anonymous From', ['From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1', 'To: <sip:400@x>']],
    ['Privacy: id with an asserted identity', ['From: <sip:+8613812345678@pbx>;tag=1', 'To: <sip:400@x>', 'P-Asserted-Identity: <sip:+8613812345678@pbx>', 'Privacy: id']],
    ['an empty user', ['From: <sip:@pbx>;tag=1', 'To: <sip:400@x>']],
  ])('passes %s as withheld (anonymous), as the Twilio path does', (_name, headers) => {
    expect(readCallParties(invite('sip:400@callcart', headers)).callerNumber).toBe('anonymous');
  });
});
