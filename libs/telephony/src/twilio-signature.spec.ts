import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { twilioSignature } from './twilio-signature';

describe('Twilio request signatures', () => {
  // The reference vector of Twilio's request validator (twilio-node's tests).
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };

  it('computes the signature of Twilio’s reference example', () => {
    expect(twilioSignature(token, url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it("signs as Twilio's own validator checks (a simulated caller's requests are accepted, changed ones are not)", () => {
    const signature = twilioSignature(token, url, params);
    expect(validateRequest(token, signature, url, params)).toBe(true);
    expect(validateRequest('other-token', signature, url, params)).toBe(false);
    expect(validateRequest(token, signature, url, { ...params, Digits: '1235' })).toBe(false);
    expect(validateRequest(token, twilioSignature(token, url, { A: ['2', '1'] }), url, { A: ['1', '2'] })).toBe(true);
  });

  it('signs repeated parameters value by value', () => {
    const repeated = twilioSignature(token, url, { A: ['2', '1'] });
    expect(repeated).toBe(twilioSignature(token, `${url}A1A2`, {}));
  });
});
