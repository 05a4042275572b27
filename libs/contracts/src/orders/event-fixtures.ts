import { ContractCase, eventCase } from '../fixture-cases';
import {
  CALL_ID,
  CUSTOMER_ID,
  CUSTOMER_PHONE,
  customerCart,
  placedOrder,
  shanghaiAddress,
} from '../common/fixtures';
import { callerIdentifiedV1, ReturningCallerV1 } from './caller-identified.v1';
import { cartUpdatedV1 } from './cart-updated.v1';
import { customerRegisteredV1 } from './customer-registered.v1';
import { orderCancelledV1 } from './order-cancelled.v1';
import { orderPlacedV1 } from './order-placed.v1';
import { paymentSettledV1 } from './payment-settled.v1';
import { walletCreditedV1 } from './wallet-credited.v1';
import { shipmentReadyV1 } from './shipment-ready.v1';

/** A customer who has ordered before, calling with a cart in progress. */
export const returningCallerPayload: ReturningCallerV1 = {
  status: 'returning',
  callId: CALL_ID,
  customer: {
    customerId: CUSTOMER_ID,
    phone: CUSTOMER_PHONE,
    name: '王秀英',
    defaultAddress: shanghaiAddress,
    walletBalance: { amountMinor: 50000, currency: 'CNY' },
    recentOrders: [
      {
        orderId: '0f1e2d3c-4b5a-4968-8776-655443322110',
        placedAt: '2025-02-20T03:15:00.000Z',
        total: { amountMinor: 16990, currency: 'CNY' },
        state: 'shipped',
      },
    ],
    openCart: customerCart,
  },
};
export const returningCaller = eventCase(callerIdentifiedV1, returningCallerPayload);

export const newCaller = eventCase(callerIdentifiedV1, {
  status: 'new',
  callId: CALL_ID,
  phone: '+8613912345678',
  registrationDueAt: '2025-03-14T01:31:53.589Z',
});

export const unidentifiedCaller = eventCase(callerIdentifiedV1, {
  status: 'unidentified',
  callId: CALL_ID,
  reason: 'withheld',
  callerNumber: 'anonymous',
});

export const customerRegistered = eventCase(customerRegisteredV1, {
  customerId: CUSTOMER_ID,
  phone: CUSTOMER_PHONE,
  how: 'call-threshold',
  callId: CALL_ID,
  registeredAt: '2025-03-14T01:31:53.602Z',
});

export const cartUpdated = eventCase(cartUpdatedV1, { cart: customerCart });

export const orderPlaced = eventCase(orderPlacedV1, { order: placedOrder });

export const orderCancelled = eventCase(orderCancelledV1, {
  orderId: placedOrder.id,
  customerId: CUSTOMER_ID,
  reason: 'Customer found the same oil cheaper at the corner shop',
  refunded: { amountMinor: 28790, currency: 'CNY' },
  cancelledAt: '2025-03-14T06:00:00.000Z',
});

export const paymentSettled = eventCase(paymentSettledV1, {
  orderId: placedOrder.id,
  customerId: CUSTOMER_ID,
  method: 'wallet',
  amount: placedOrder.total,
  settledAt: '2025-03-14T02:10:44.871Z',
});

export const shipmentReady = eventCase(shipmentReadyV1, {
  shipmentId: '6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098',
  orderId: placedOrder.id,
  customerId: CUSTOMER_ID,
  lines: placedOrder.lines,
  address: shanghaiAddress,
  paymentMethod: 'cash-on-delivery',
  amountToCollect: placedOrder.total,
  readyAt: '2025-03-15T01:32:05.000Z',
});

export const walletCredited = eventCase(walletCreditedV1, {
  customerId: CUSTOMER_ID,
  topUpId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  entry: {
    entryId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    kind: 'paid-in',
    amount: { amountMinor: 20000, currency: 'CNY' },
    provider: 'alipay',
    providerTradeNo: '2025031422001412341234567890',
    topUpId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    balanceAfter: { amountMinor: 41210, currency: 'CNY' },
    at: '2025-03-14T02:20:00.000Z',
  },
  balance: { amountMinor: 41210, currency: 'CNY' },
});

export const orderEventCases: readonly ContractCase[] = [
  walletCredited,
  returningCaller,
  newCaller,
  unidentifiedCaller,
  customerRegistered,
  cartUpdated,
  orderPlaced,
  orderCancelled,
  paymentSettled,
  shipmentReady,
];
