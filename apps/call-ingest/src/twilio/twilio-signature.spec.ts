import { isValidTwilioSignature, twilioSignature } from './twilio-signature';
import { connectStreamTwiml, escapeXml } from './twiml';

describe('Twilio request signatures', () => {
  // The reference vector of Twilio's request validator (twilio-node's tests).
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };

  it('computes the signature of Twilio’s reference example', () => {
    expect(twilioSignature(token, url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('accepts the right signature and refuses a wrong, missing or differently-signed one', () => {
    const signature = twilioSignature(token, url, params);
    expect(isValidTwilioSignature(token, url, params, signature)).toBe(true);
    expect(isValidTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature(token, url, params, 'AAAA')).toBe(false);
    expect(isValidTwilioSignature('other-token', url, params, signature)).toBe(false);
    expect(isValidTwilioSignature(token, url, { ...params, Digits: '1235' }, signature)).toBe(false);
    expect(isValidTwilioSignature(token, url.replace('https', 'http'), params, signature)).toBe(false);
  });

  it('signs repeated parameters value by value', () => {
    const repeated = twilioSignature(token, url, { A: ['2', '1'] });
    expect(repeated).toBe(twilioSignature(token, `${url}A1A2`, {}));
  });
});

describe('TwiML', () => {
  it('connects a stream with escaped parameters', () => {
    const twiml = connectStreamTwiml('wss://ingest.example.com/media', { from: '+8613812345678', to: '"<&>\'' });
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://ingest.example.com/media">' +
        '<Parameter name="from" value="+8613812345678"/><Parameter name="to" value="&quot;&lt;&amp;&gt;&apos;"/>' +
        '</Stream></Connect></Response>',
    );
    expect(escapeXml('a&b')).toBe('a&amp;b');
  });
});
