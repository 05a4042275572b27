import { CALL_ID, CUSTOMER_ID } from '../common/fixtures';
import { casesBySubject, expectCaseRoundTrips, expectRejectedAt } from '../round-trip.spec-helper';
import { cartAddItemV1 } from './cart-add-item.v1';
import { cartGetV1 } from './cart-get.v1';
import { cartSetQuantityV1 } from './cart-set-quantity.v1';
import {
  cartAddItem,
  cartSetQuantity,
  customerRegister,
  orderCommandCases,
  orderPlace,
  walletPay,
  walletTopUp,
} from './command-fixtures';
import { customerRegisterV1 } from './customer-register.v1';
import { orderCancelV1 } from './order-cancel.v1';
import { orderPlaceV1 } from './order-place.v1';
import { walletPayV1 } from './wallet-pay.v1';
import { walletTopUpV1 } from './wallet-top-up.v1';

describe('orders commands', () => {
  it.each(casesBySubject(orderCommandCases))('%s round-trips over the wire', (_subject, example) => {
    expectCaseRoundTrips(example);
  });

  it('declares the error codes the services answer with', () => {
    expect(cartAddItemV1.errorCodes).toEqual(
      expect.arrayContaining(['PRODUCT_NOT_FOUND', 'PRODUCT_INACTIVE', 'CART_NOT_FOUND']),
    );
    expect(orderPlaceV1.errorCodes).toEqual(['CART_EMPTY', 'ADDRESS_REQUIRED', 'CUSTOMER_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED']);
    expect(orderCancelV1.errorCodes).toEqual(['ORDER_NOT_FOUND', 'NOT_CANCELLABLE']);
    expect(walletPayV1.errorCodes).toEqual(['ORDER_NOT_FOUND', 'NOT_AWAITING_PAYMENT', 'INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH', 'IDEMPOTENCY_KEY_REUSED']);
  });

  describe('carts', () => {
    it.each([0, 100, 2.5])('refuses a quantity of %d', (quantity) => {
      expectRejectedAt(cartAddItemV1.request, { ...cartAddItem.request, quantity }, ['quantity']);
      expectRejectedAt(cartSetQuantityV1.request, { ...cartSetQuantity.request, quantity }, ['quantity']);
    });

    it('addresses a cart by customer or by call, with a subject-safe call id', () => {
      expect(cartGetV1.request.safeParse({ cart: { callId: CALL_ID } }).success).toBe(true);
      expectRejectedAt(cartGetV1.request, { cart: { callId: 'CA5f0c.2d9e' } }, ['cart', 'callId']);
      expectRejectedAt(cartGetV1.request, { cart: { customerId: CUSTOMER_ID, callId: CALL_ID } }, ['cart']);
    });

    it('refuses an error code from another request', () => {
      const reply = { ok: false, code: 'INSUFFICIENT_FUNDS', message: 'not a cart error' };
      expectRejectedAt(cartAddItemV1.reply, reply, ['code']);
    });

    it('accepts the common codes on every request', () => {
      const reply = { ok: false, code: 'TIMEOUT', message: 'orders did not answer in time' };
      expect(cartAddItemV1.reply.safeParse(reply).success).toBe(true);
    });
  });

  describe('customers', () => {
    it('takes the number as typed and a known way of registering', () => {
      expectRejectedAt(customerRegisterV1.request, { ...customerRegister.request, phone: '' }, ['phone']);
      expectRejectedAt(customerRegisterV1.request, { ...customerRegister.request, how: 'sms' }, ['how']);
    });

    it('answers with the normalised E.164 number', () => {
      const customer = { ...customerRegister.success.customer, phone: '138 0013 8000' };
      expectRejectedAt(customerRegisterV1.reply, { ok: true, customer }, ['customer', 'phone']);
    });
  });

  describe('placing and cancelling orders', () => {
    it('requires an idempotency key worth the name', () => {
      const shortKey = { ...orderPlace.request, idempotencyKey: 'k1' };
      expectRejectedAt(orderPlaceV1.request, shortKey, ['idempotencyKey']);
      const { idempotencyKey: _key, ...withoutKey } = orderPlace.request;
      expectRejectedAt(orderPlaceV1.request, withoutKey, ['idempotencyKey']);
    });

    it('knows only agents and customers place orders', () => {
      expectRejectedAt(orderPlaceV1.request, { ...orderPlace.request, placedBy: 'system' }, ['placedBy']);
    });

    it('refuses a cancellation without a reason', () => {
      const request = { orderId: orderPlace.success.order.id, reason: ' ' };
      expectRejectedAt(orderCancelV1.request, request, ['reason']);
    });
  });

  describe('wallet', () => {
    it.each([0, -500, 99.5])('refuses a top-up of %d minor units', (amountMinor) => {
      const amount = { amountMinor, currency: 'CNY' };
      expectRejectedAt(walletTopUpV1.request, { ...walletTopUp.request, amount }, ['amount', 'amountMinor']);
    });

    it('refuses a top-up without the staff member who took the money', () => {
      const { staffId: _staffId, ...anonymous } = walletTopUp.request;
      expectRejectedAt(walletTopUpV1.request, anonymous, ['staffId']);
    });

    it('never reports a negative balance after paying', () => {
      const balance = { amountMinor: -7580, currency: 'CNY' };
      expectRejectedAt(walletPayV1.reply, { ...walletPay.success, balance }, ['balance', 'amountMinor']);
    });

    it('refuses a payment reply with a method the wallet does not use', () => {
      const payment = { ...walletPay.success.payment, method: 'card' };
      expectRejectedAt(walletPayV1.reply, { ...walletPay.success, payment }, ['payment', 'method']);
    });
  });
});
