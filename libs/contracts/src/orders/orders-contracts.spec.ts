import { casesBySubject, expectCaseRoundTrips, expectRejectedAt } from '../round-trip.spec-helper';
import { ORDERS_STREAM } from '../streams';
import { callerIdentifiedV1 } from './caller-identified.v1';
import { cartUpdatedV1 } from './cart-updated.v1';
import { customerRegisteredV1 } from './customer-registered.v1';
import {
  cartUpdated,
  customerRegistered,
  newCaller,
  orderCancelled,
  orderEventCases,
  orderPlaced,
  paymentSettled,
  returningCaller,
  returningCallerPayload,
  shipmentReady,
  unidentifiedCaller,
} from './event-fixtures';
import { orderCancelledV1 } from './order-cancelled.v1';
import { orderPlacedV1 } from './order-placed.v1';
import { paymentSettledV1 } from './payment-settled.v1';
import { shipmentReadyV1 } from './shipment-ready.v1';

describe('orders facts', () => {
  it.each(casesBySubject(orderEventCases))('%s round-trips over the wire', (_subject, example) => {
    expectCaseRoundTrips(example);
  });

  it('keeps every fact but the live cart in the ORDERS stream', () => {
    for (const contract of [
      callerIdentifiedV1,
      customerRegisteredV1,
      orderPlacedV1,
      orderCancelledV1,
      paymentSettledV1,
      shipmentReadyV1,
    ]) {
      expect(contract).toMatchObject({ delivery: 'durable', stream: ORDERS_STREAM });
    }
    expect(cartUpdatedV1).toMatchObject({ delivery: 'core', scope: 'global' });
    expect(callerIdentifiedV1.scope).toBe('call');
  });

  describe('caller identified', () => {
    const { schema } = callerIdentifiedV1;
    const { customer } = returningCallerPayload;

    it('tells returning, new and unidentified callers apart by status', () => {
      const callers = [returningCaller, newCaller, unidentifiedCaller];
      const statuses = callers.map((caller) => schema.parse(caller.payload).status);
      expect(statuses).toEqual(['returning', 'new', 'unidentified']);
      expectRejectedAt(schema, { ...newCaller.payload, status: 'known' }, ['status']);
    });

    it('shows at most three recent orders', () => {
      const recentOrders = Array(4).fill(customer.recentOrders[0]);
      expectRejectedAt(schema, { ...returningCaller.payload, customer: { ...customer, recentOrders } }, [
        'customer',
        'recentOrders',
      ]);
    });

    it('accepts a returning customer with no name, address or open cart yet', () => {
      const bare = { ...customer, name: null, defaultAddress: null, openCart: null, recentOrders: [] };
      expect(schema.safeParse({ ...returningCaller.payload, customer: bare }).success).toBe(true);
    });

    it('refuses a new caller whose number is not E.164', () => {
      expectRejectedAt(schema, { ...newCaller.payload, phone: '13912345678' }, ['phone']);
    });

    it('refuses an unknown reason for an unidentified caller', () => {
      expectRejectedAt(schema, { ...unidentifiedCaller.payload, reason: 'blocked' }, ['reason']);
    });

    it('refuses a call id with a dot, which would split the subject', () => {
      expectRejectedAt(schema, { ...unidentifiedCaller.payload, callId: 'CA.5f0c' }, ['callId']);
    });
  });

  it('refuses a registration that does not say how it happened', () => {
    const schema = customerRegisteredV1.schema;
    expectRejectedAt(schema, { ...customerRegistered.payload, how: 'import' }, ['how']);
    const { callId: _callId, ...onTheWebsite } = customerRegistered.payload;
    expect(schema.safeParse({ ...onTheWebsite, how: 'web' }).success).toBe(true);
  });

  it('refuses a cart update whose totals do not add up', () => {
    const cart = { ...cartUpdated.payload.cart, total: { amountMinor: 1, currency: 'CNY' } };
    expectRejectedAt(cartUpdatedV1.schema, { cart }, ['cart', 'total']);
  });

  it('refuses a placed order with a float line price', () => {
    const [line, ...rest] = orderPlaced.payload.order.lines;
    const lines = [{ ...line, unitPrice: { amountMinor: 59.5, currency: 'CNY' } }, ...rest];
    const order = { ...orderPlaced.payload.order, lines };
    expectRejectedAt(orderPlacedV1.schema, { order }, ['order', 'lines', 0, 'unitPrice', 'amountMinor']);
  });

  it('refuses a zero refund (no refund is null)', () => {
    const refunded = { amountMinor: 0, currency: 'CNY' };
    const { schema } = orderCancelledV1;
    expectRejectedAt(schema, { ...orderCancelled.payload, refunded }, ['refunded', 'amountMinor']);
    expect(schema.safeParse({ ...orderCancelled.payload, refunded: null }).success).toBe(true);
  });

  it('settles by wallet or cash on delivery only', () => {
    expectRejectedAt(paymentSettledV1.schema, { ...paymentSettled.payload, method: 'card' }, ['method']);
  });

  it('refuses a shipment with nothing in it or without a valid address', () => {
    expectRejectedAt(shipmentReadyV1.schema, { ...shipmentReady.payload, lines: [] }, ['lines']);
    const address = { ...shipmentReady.payload.address, country: 'china' };
    expectRejectedAt(shipmentReadyV1.schema, { ...shipmentReady.payload, address }, ['address', 'country']);
  });
});
