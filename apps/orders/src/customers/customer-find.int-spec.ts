import { customerFindV1, customerRegisterV1, customerSetShippingAddressV1, type ShippingAddress } from '@callcart/contracts';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';

describe('staff find customers by phone number (any common way of writing it) or by name', () => {
  let world: OrdersWorld;
  let phone: string;
  let customerId: string;
  /** A name no other suite's customer has, so the name search has exactly one right answer. */
  const recipient = `王秀英${Math.floor(Math.random() * 1e6)}`;
  const shanghaiAddress: ShippingAddress = { recipient, phone: '+8613800138000', region: '上海市', city: '上海', district: '徐汇区', street: '漕溪北路 88 号', country: 'CN' };

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica();
    phone = newPhone();
    const registered = await world.client.request(customerRegisterV1, { phone, how: 'agent' });
    if (!registered.ok) throw new Error(registered.message);
    customerId = registered.customer.customerId;
    const addressed = await world.client.request(customerSetShippingAddressV1, { customerId, address: { ...shanghaiAddress, recipient, phone } });
    expect(addressed.ok).toBe(true);
  });

  afterAll(async () => {
    await world.close();
  });

  it.each([
    ['E.164', (national: string) => `+86${national}`],
    ['national digits', (national: string) => national],
    ['spaced with the country code', (national: string) => `+86 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`],
    ['0086 and dashes', (national: string) => `0086-${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`],
    ['brackets', (national: string) => `(+86) ${national}`],
  ])('finds the customer by phone written as %s', async (_how, write) => {
    const reply = await world.client.request(customerFindV1, { query: write(phone.replace('+86', '')) });
    expect(reply).toEqual({
      ok: true,
      matchedBy: 'phone',
      phone,
      customers: [{ customerId, phone, name: null, recipient, city: shanghaiAddress.city, walletBalance: { amountMinor: 0, currency: 'CNY' } }],
    });
  });

  it('finds the customer by any part of the name on their address, and nobody for a name nobody has', async () => {
    const byGivenName = await world.client.request(customerFindV1, { query: recipient.slice(1) });
    expect(byGivenName).toMatchObject({ ok: true, matchedBy: 'name', customers: [{ customerId, phone, recipient }] });
    await expect(world.client.request(customerFindV1, { query: 'nobody-has-this-name' })).resolves.toEqual({ ok: true, matchedBy: 'name', customers: [] });
  });

  it('takes LIKE wildcards literally: "%" finds nobody rather than everybody', async () => {
    await expect(world.client.request(customerFindV1, { query: '%' })).resolves.toEqual({ ok: true, matchedBy: 'name', customers: [] });
    await expect(world.client.request(customerFindV1, { query: '_' })).resolves.toEqual({ ok: true, matchedBy: 'name', customers: [] });
  });

  it('answers an unknown number with no customer, a number that cannot be one with INVALID_PHONE, and an empty query with INVALID_REQUEST', async () => {
    await expect(world.client.request(customerFindV1, { query: newPhone() })).resolves.toMatchObject({ ok: true, matchedBy: 'phone', customers: [] });
    await expect(world.client.request(customerFindV1, { query: '12345' })).resolves.toMatchObject({ ok: false, code: 'INVALID_PHONE' });
    await expect(world.client.request(customerFindV1, { query: '   ' })).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});
