import { ContractCase, requestCase } from '../fixture-cases';
import { CUSTOMER_ID, CUSTOMER_PHONE, customerCart, placedOrder, shanghaiAddress } from '../common/fixtures';
import { customerFindV1 } from './customer-find.v1';
import { customerGetV1 } from './customer-get.v1';
import { orderGetV1 } from './order-get.v1';
import { orderListV1 } from './order-list.v1';
import { signInRequestCodeV1 } from './sign-in-request-code.v1';
import { signInVerifyCodeV1 } from './sign-in-verify-code.v1';
import { smsOutboxListV1 } from './sms-outbox-list.v1';
import { paymentNotificationV1 } from './payment-notification.v1';
import { walletTopUpStartV1 } from './wallet-top-up-start.v1';

export const signInRequestCode = requestCase(signInRequestCodeV1, {
  request: { phone: '138 0013 8000' },
  success: { ok: true, phone: CUSTOMER_PHONE, expiresAt: '2025-03-14T02:15:00.000Z', resendAfter: '2025-03-14T02:11:00.000Z' },
  failure: { ok: false, code: 'RATE_LIMITED', message: 'another code may be sent after 02:11' },
});

export const signInVerifyCode = requestCase(signInVerifyCodeV1, {
  request: { phone: CUSTOMER_PHONE, code: '042917' },
  success: {
    ok: true,
    customer: { customerId: CUSTOMER_ID, phone: CUSTOMER_PHONE },
    newlyRegistered: false,
    verifiedAt: '2025-03-14T02:11:30.000Z',
  },
  failure: { ok: false, code: 'INVALID_CODE', message: 'wrong code: 3 tries left' },
});

export const smsOutboxList = requestCase(smsOutboxListV1, {
  request: { limit: 20 },
  success: {
    ok: true,
    messages: [
      {
        id: '5b7d0c1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
        phone: CUSTOMER_PHONE,
        text: 'Your callcart code is 042917. It expires in 5 minutes.',
        createdAt: '2025-03-14T02:10:00.000Z',
      },
    ],
  },
  failure: { ok: false, code: 'OUTBOX_DISABLED', message: 'codes are sent by SMS in production' },
});

export const customerGet = requestCase(customerGetV1, {
  request: { phone: CUSTOMER_PHONE },
  success: {
    ok: true,
    customer: {
      customerId: CUSTOMER_ID,
      phone: CUSTOMER_PHONE,
      name: '王秀英',
      defaultAddress: shanghaiAddress,
      walletBalance: { amountMinor: 21210, currency: 'CNY' },
      recentOrders: [{ orderId: placedOrder.id, placedAt: placedOrder.placedAt, total: placedOrder.total, state: 'awaiting_payment' }],
      openCart: customerCart,
      registeredAt: '2025-01-02T08:00:00.000Z',
      how: 'call-threshold',
    },
  },
  failure: { ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'no customer with this number' },
});

export const customerFind = requestCase(customerFindV1, {
  request: { query: '0086-138 0013 8000', limit: 10 },
  success: {
    ok: true,
    matchedBy: 'phone',
    phone: CUSTOMER_PHONE,
    customers: [{ customerId: CUSTOMER_ID, phone: CUSTOMER_PHONE, name: null, recipient: '王秀英', city: '上海', walletBalance: { amountMinor: 21210, currency: 'CNY' } }],
  },
  failure: { ok: false, code: 'INVALID_PHONE', message: '"138" is not a usable phone number (invalid)' },
});

export const orderGet = requestCase(orderGetV1, {
  request: { orderId: placedOrder.id, customerId: CUSTOMER_ID },
  success: { ok: true, order: placedOrder, payment: null },
  failure: { ok: false, code: 'ORDER_NOT_FOUND', message: 'no such order for this customer' },
});

export const orderList = requestCase(orderListV1, {
  request: { customerId: CUSTOMER_ID, limit: 10 },
  success: { ok: true, orders: [placedOrder] },
  failure: { ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'no such customer' },
});

export const walletTopUpStart = requestCase(walletTopUpStartV1, {
  request: { customerId: CUSTOMER_ID, amount: { amountMinor: 20000, currency: 'CNY' }, idempotencyKey: 'shop-top-up-7c1e9a42' },
  success: {
    ok: true,
    topUp: {
      topUpId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
      amount: { amountMinor: 20000, currency: 'CNY' },
      state: 'pending',
      provider: 'alipay',
      payUrl: 'https://qr.alipay.com/bax08431xwbq2xkwzgek0036',
      expiresAt: '2025-03-14T02:30:00.000Z',
    },
  },
  failure: { ok: false, code: 'PAYMENT_PROVIDER_UNAVAILABLE', message: 'Alipay did not answer: try again' },
});

export const paymentNotification = requestCase(paymentNotificationV1, {
  request: {
    provider: 'alipay',
    fields: {
      notify_type: 'trade_status_sync',
      app_id: '2021000117611234',
      out_trade_no: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
      trade_no: '2025031422001412341234567890',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '200.00',
      sign_type: 'RSA2',
      sign: 'aGVsbG8=',
    },
  },
  success: { ok: true, outcome: 'credited', response: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' } },
  failure: { ok: false, code: 'INTERNAL', message: 'the database is not answering' },
});

export const accountCases: readonly ContractCase[] = [signInRequestCode, signInVerifyCode, smsOutboxList, customerGet, customerFind, orderGet, orderList, walletTopUpStart, paymentNotification];
