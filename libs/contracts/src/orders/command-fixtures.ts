import { ContractCase, requestCase } from '../fixture-cases';
import {
  CALL_ID,
  callCart,
  CUSTOMER_ID,
  CUSTOMER_PHONE,
  customerCart,
  niveaCreme,
  peanutOil,
  placedOrder,
  shanghaiAddress,
} from '../common/fixtures';
import { Wallet, WalletLedgerEntry } from '../common/wallet';
import { cartAddItemV1 } from './cart-add-item.v1';
import { cartClearV1 } from './cart-clear.v1';
import { cartConfirmV1 } from './cart-confirm.v1';
import { cartGetV1 } from './cart-get.v1';
import { cartRemoveItemV1 } from './cart-remove-item.v1';
import { cartSetQuantityV1 } from './cart-set-quantity.v1';
import { customerRegisterV1 } from './customer-register.v1';
import { customerSetShippingAddressV1 } from './customer-set-shipping-address.v1';
import { orderCancelV1 } from './order-cancel.v1';
import { orderPlaceV1 } from './order-place.v1';
import { walletGetV1 } from './wallet-get.v1';
import { walletPayV1 } from './wallet-pay.v1';
import { walletTopUpV1 } from './wallet-top-up.v1';

const byCustomer = { customerId: CUSTOMER_ID };
const cartNotFound = { ok: false, code: 'CART_NOT_FOUND', message: 'no cart for this customer' } as const;

export const cartAddItem = requestCase(cartAddItemV1, {
  request: { cart: byCustomer, productId: niveaCreme.id, quantity: 2 },
  success: { ok: true, cart: customerCart },
  failure: { ok: false, code: 'PRODUCT_INACTIVE', message: 'Nivea Creme 150 ml is no longer sold' },
});

export const cartSetQuantity = requestCase(cartSetQuantityV1, {
  request: { cart: byCustomer, productId: niveaCreme.id, quantity: 2 },
  success: { ok: true, cart: customerCart },
  failure: { ok: false, code: 'LINE_NOT_FOUND', message: 'the cart holds no Nivea Creme 150 ml' },
});

export const cartRemoveItem = requestCase(cartRemoveItemV1, {
  request: { cart: { callId: CALL_ID }, productId: peanutOil.id },
  success: { ok: true, cart: callCart },
  failure: cartNotFound,
});

export const cartClear = requestCase(cartClearV1, {
  request: { cart: { callId: CALL_ID } },
  success: { ok: true, cart: callCart },
  failure: cartNotFound,
});

export const cartConfirm = requestCase(cartConfirmV1, {
  request: { cart: byCustomer },
  success: { ok: true, cart: customerCart },
  failure: { ok: false, code: 'CART_EMPTY', message: 'nothing to confirm' },
});

export const cartGet = requestCase(cartGetV1, {
  request: { cart: byCustomer },
  success: { ok: true, cart: customerCart },
  failure: cartNotFound,
});

export const customerRegister = requestCase(customerRegisterV1, {
  request: { phone: '138 0013 8000', how: 'agent', callId: CALL_ID },
  success: {
    ok: true,
    customer: { customerId: CUSTOMER_ID, phone: CUSTOMER_PHONE, registeredAt: '2025-03-14T01:28:00.000Z' },
  },
  failure: { ok: false, code: 'ALREADY_REGISTERED', message: '+8613800138000 is already a customer' },
});

export const customerSetShippingAddress = requestCase(customerSetShippingAddressV1, {
  request: { customerId: CUSTOMER_ID, address: shanghaiAddress },
  success: { ok: true, customerId: CUSTOMER_ID, address: shanghaiAddress },
  failure: { ok: false, code: 'CUSTOMER_NOT_FOUND', message: `no customer ${CUSTOMER_ID}` },
});

export const orderPlace = requestCase(orderPlaceV1, {
  request: {
    customerId: CUSTOMER_ID,
    idempotencyKey: 'place-b7e1d3c5-v4',
    placedBy: 'agent',
    callId: CALL_ID,
  },
  success: { ok: true, order: placedOrder },
  failure: { ok: false, code: 'ADDRESS_REQUIRED', message: 'the customer has no shipping address yet' },
});

export const orderCancel = requestCase(orderCancelV1, {
  request: { orderId: placedOrder.id, reason: 'Customer called back to cancel' },
  success: { ok: true, order: { ...placedOrder, state: 'cancelled' } },
  failure: { ok: false, code: 'NOT_CANCELLABLE', message: 'the order has shipped' },
});

const topUpEntry: WalletLedgerEntry = {
  entryId: '2b3c4d5e-6f7a-4b8c-8d9e-0f1a2b3c4d5e',
  kind: 'top-up',
  amount: { amountMinor: 50000, currency: 'CNY' },
  reason: 'Cash paid in at the Xuhui shop',
  staffId: 'staff-lihua',
  balanceAfter: { amountMinor: 50000, currency: 'CNY' },
  at: '2025-03-01T02:00:00.000Z',
};

const paymentEntry: WalletLedgerEntry = {
  entryId: '1a2b3c4d-5e6f-4a7b-9c8d-7e6f5a4b3c2d',
  kind: 'payment',
  amount: { amountMinor: -28790, currency: 'CNY' },
  orderId: placedOrder.id,
  balanceAfter: { amountMinor: 21210, currency: 'CNY' },
  at: '2025-03-14T02:10:44.871Z',
};

/** A wallet topped up with 500 yuan that then paid the placed order. */
export const wallet: Wallet = {
  customerId: CUSTOMER_ID,
  balance: { amountMinor: 21210, currency: 'CNY' },
  recentEntries: [paymentEntry, topUpEntry],
};

export const walletGet = requestCase(walletGetV1, {
  request: { customerId: CUSTOMER_ID },
  success: { ok: true, wallet },
  failure: { ok: false, code: 'CUSTOMER_NOT_FOUND', message: `no customer ${CUSTOMER_ID}` },
});

export const walletTopUp = requestCase(walletTopUpV1, {
  request: {
    customerId: CUSTOMER_ID,
    amount: { amountMinor: 50000, currency: 'CNY' },
    reason: 'Cash paid in at the Xuhui shop',
    staffId: 'staff-lihua',
    idempotencyKey: 'topup-20250301-0001',
  },
  success: {
    ok: true,
    entry: topUpEntry,
    wallet: { ...wallet, balance: topUpEntry.balanceAfter, recentEntries: [topUpEntry] },
  },
  failure: { ok: false, code: 'CURRENCY_MISMATCH', message: 'the wallet holds CNY, not USD' },
});

export const walletPay = requestCase(walletPayV1, {
  request: { orderId: placedOrder.id, customerId: CUSTOMER_ID, idempotencyKey: 'pay-e4d3c2b1-1' },
  success: {
    ok: true,
    payment: {
      orderId: placedOrder.id,
      customerId: CUSTOMER_ID,
      method: 'wallet',
      amount: placedOrder.total,
      settledAt: '2025-03-14T02:10:44.871Z',
    },
    balance: wallet.balance,
  },
  failure: { ok: false, code: 'INSUFFICIENT_FUNDS', message: 'balance 212.10 CNY, order 287.90 CNY' },
});

export const orderCommandCases: readonly ContractCase[] = [
  cartAddItem,
  cartSetQuantity,
  cartRemoveItem,
  cartClear,
  cartConfirm,
  cartGet,
  customerRegister,
  customerSetShippingAddress,
  orderPlace,
  orderCancel,
  walletGet,
  walletTopUp,
  walletPay,
];
