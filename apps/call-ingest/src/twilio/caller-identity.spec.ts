import { normaliseCallerIdentity } from './caller-identity';

describe('normaliseCallerIdentity', () => {
  it.each([
    ['+8613800138000', '+8613800138000'],
    ['sip:+8613800138000@trunk-gateway-01.carrier.example.com.cn;user=phone;transport=udp', '+8613800138000'],
    ['"Li Lei" <sip:013800138000@10.0.0.1:5060>;tag=a73kszlfl', '013800138000'],
    ['tel:+86-138-0013-8000', '+8613800138000'],
    ['sip:%2B8613800138000@pbx.example', '+8613800138000'],
    ['anonymous', 'anonymous'],
    ['"Anonymous" <sip:anonymous@anonymous.invalid>', 'anonymous'],
    ['+266696687', 'anonymous'],
    ['', ''],
    ['client:agent-desk-7', 'client:agent-desk-7'],
  ])('reads %j as %j', (raw, expected) => {
    expect(normaliseCallerIdentity(raw)).toBe(expected);
  });

  it('bounds what is not a number to the contract length', () => {
    const long = `sip:${'x'.repeat(300)}@example.com`;
    expect(normaliseCallerIdentity(long).length).toBeLessThanOrEqual(64);
    expect(normaliseCallerIdentity('y'.repeat(1000)).length).toBe(64);
  });
});
