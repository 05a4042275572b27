import { expectRejectedAt, expectRoundTrip } from '../round-trip.spec-helper';
import { shippingAddressSchema } from './address';
import { cartOwnerSchema, cartSchema } from './cart';
import { callCart, CALL_ID, CUSTOMER_ID, customerCart, placedOrder, shanghaiAddress } from './fixtures';
import { moneySchema, nonNegativeMoneySchema, positiveMoneySchema } from './money';
import { orderSchema } from './order';
import { e164Schema } from './phone';
import { walletLedgerEntrySchema } from './wallet';

describe('money', () => {
  it('round-trips integer minor units with a currency, negative for a debit', () => {
    expectRoundTrip(moneySchema, { amountMinor: 16990, currency: 'CNY' });
    expectRoundTrip(moneySchema, { amountMinor: -28790, currency: 'CNY' });
  });

  it('refuses floats, unsafe integers and codes that are not ISO 4217', () => {
    expectRejectedAt(moneySchema, { amountMinor: 169.9, currency: 'CNY' }, ['amountMinor']);
    expectRejectedAt(moneySchema, { amountMinor: 2 ** 53, currency: 'CNY' }, ['amountMinor']);
    expectRejectedAt(moneySchema, { amountMinor: 100, currency: 'cny' }, ['currency']);
    expectRejectedAt(moneySchema, { amountMinor: 100, currency: '¥' }, ['currency']);
  });

  it('keeps prices at or above zero and payments above zero', () => {
    expectRoundTrip(nonNegativeMoneySchema, { amountMinor: 0, currency: 'CNY' });
    expectRejectedAt(nonNegativeMoneySchema, { amountMinor: -1, currency: 'CNY' }, ['amountMinor']);
    expectRejectedAt(positiveMoneySchema, { amountMinor: 0, currency: 'CNY' }, ['amountMinor']);
  });
});

describe('phone numbers and addresses', () => {
  it('takes E.164 only', () => {
    expect(e164Schema.safeParse('+8613800138000').success).toBe(true);
    for (const loose of ['13800138000', '+86 138 0013 8000', '+0123456789', 'anonymous']) {
      expect(e164Schema.safeParse(loose).success).toBe(false);
    }
  });

  it('round-trips an address with and without its optional parts', () => {
    expectRoundTrip(shippingAddressSchema, shanghaiAddress);
    const { district: _district, postcode: _postcode, ...bare } = shanghaiAddress;
    expectRoundTrip(shippingAddressSchema, bare);
  });

  it('refuses a long postcode, a three-letter country and a local phone number', () => {
    expectRejectedAt(shippingAddressSchema, { ...shanghaiAddress, postcode: '2'.repeat(17) }, ['postcode']);
    expectRejectedAt(shippingAddressSchema, { ...shanghaiAddress, country: 'CHN' }, ['country']);
    expectRejectedAt(shippingAddressSchema, { ...shanghaiAddress, phone: '021-64870000' }, ['phone']);
    expectRejectedAt(shippingAddressSchema, { ...shanghaiAddress, street: '   ' }, ['street']);
  });
});

describe('carts', () => {
  const [nivea] = customerCart.lines;

  it('round-trips a customer cart and an empty call cart', () => {
    expectRoundTrip(cartSchema, customerCart);
    expectRoundTrip(cartSchema, callCart);
  });

  it('belongs to a customer or to a call, never both', () => {
    expectRoundTrip(cartOwnerSchema, { customerId: CUSTOMER_ID });
    expectRoundTrip(cartOwnerSchema, { callId: CALL_ID });
    expectRejectedAt(cartOwnerSchema, { customerId: CUSTOMER_ID, callId: CALL_ID }, []);
    expectRejectedAt(cartOwnerSchema, { callId: 'CA.1' }, ['callId']);
  });

  it.each([0, 100, 1.5])('refuses a line quantity of %d', (quantity) => {
    const lines = [{ ...nivea, quantity }, customerCart.lines[1]];
    expectRejectedAt(cartSchema, { ...customerCart, lines }, ['lines', 0, 'quantity']);
  });

  it('refuses a line total that is not unit price × quantity', () => {
    const lines = [{ ...nivea, quantity: 3 }, customerCart.lines[1]];
    expectRejectedAt(cartSchema, { ...customerCart, lines }, ['lines', 0, 'lineTotal']);
  });

  it('refuses a total that is not the sum of the lines', () => {
    const total = { amountMinor: 28791, currency: 'CNY' };
    expectRejectedAt(cartSchema, { ...customerCart, total }, ['total']);
  });

  it('refuses two lines for one product and a line in another currency', () => {
    const twice = { ...customerCart, lines: [nivea, nivea], total: { amountMinor: 23600, currency: 'CNY' } };
    expectRejectedAt(cartSchema, twice, ['lines', 1, 'productId']);
    const usd = { ...customerCart, lines: [nivea], total: { amountMinor: 11800, currency: 'USD' } };
    expectRejectedAt(cartSchema, usd, ['lines', 0]);
  });
});

describe('orders', () => {
  it('round-trips a placed order, and one placed on the website without a call', () => {
    expectRoundTrip(orderSchema, placedOrder);
    const { callId: _callId, ...web } = placedOrder;
    expectRoundTrip(orderSchema, { ...web, placedBy: 'customer' });
  });

  it('refuses an order without lines or in an unknown state', () => {
    const empty = { ...placedOrder, lines: [], total: { amountMinor: 0, currency: 'CNY' } };
    expectRejectedAt(orderSchema, empty, ['lines']);
    expectRejectedAt(orderSchema, { ...placedOrder, state: 'pending' }, ['state']);
  });
});

describe('wallet ledger', () => {
  const payment = {
    entryId: '1a2b3c4d-5e6f-4a7b-9c8d-7e6f5a4b3c2d',
    kind: 'payment',
    amount: { amountMinor: -28790, currency: 'CNY' },
    orderId: placedOrder.id,
    balanceAfter: { amountMinor: 21210, currency: 'CNY' },
    at: '2025-03-14T02:10:44.871Z',
  };

  it('round-trips a debit that names its order', () => {
    expectRoundTrip(walletLedgerEntrySchema, payment);
  });

  it('refuses a debit without its order, a positive debit and a negative balance', () => {
    const { orderId: _orderId, ...anonymous } = payment;
    expectRejectedAt(walletLedgerEntrySchema, anonymous, ['orderId']);
    const credit = { ...payment, amount: { amountMinor: 28790, currency: 'CNY' } };
    expectRejectedAt(walletLedgerEntrySchema, credit, ['amount', 'amountMinor']);
    const overdrawn = { ...payment, balanceAfter: { amountMinor: -1, currency: 'CNY' } };
    expectRejectedAt(walletLedgerEntrySchema, overdrawn, ['balanceAfter', 'amountMinor']);
  });
});
