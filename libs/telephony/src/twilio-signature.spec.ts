import { isValidTwilioSignature, twilioSignature } from './twilio-signature';

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
