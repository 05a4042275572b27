import { ContractCase, eventCase, requestCase } from '../fixture-cases';
import { CUSTOMER_ID, CUSTOMER_PHONE, placedOrder } from '../common/fixtures';
import { orderBrowseV1 } from './order-browse.v1';
import { orderShipV1 } from './order-ship.v1';
import { orderShippedV1 } from './order-shipped.v1';

const readyOrder = {
  ...placedOrder,
  state: 'ready_to_ship' as const,
  settlement: { method: 'cash-on-delivery' as const, settledAt: '2025-03-14T02:40:00.000Z', amountToCollect: placedOrder.total },
};

export const orderBrowse = requestCase(orderBrowseV1, {
  request: { state: 'ready_to_ship', paymentMethod: 'cash-on-delivery', limit: 20, offset: 0 },
  success: {
    ok: true,
    orders: [{ order: readyOrder, customer: { phone: CUSTOMER_PHONE, name: '王秀英' } }],
    total: 1,
    counts: [
      { state: 'awaiting_payment', paymentMethod: null, count: 3 },
      { state: 'ready_to_ship', paymentMethod: 'cash-on-delivery', count: 1 },
      { state: 'shipped', paymentMethod: 'wallet', count: 12 },
    ],
  },
  failure: { ok: false, code: 'INVALID_REQUEST', message: 'state: Invalid option' },
});

export const orderShip = requestCase(orderShipV1, {
  request: { orderId: placedOrder.id, actor: { kind: 'staff', staffId: 'admin-1' } },
  success: { ok: true, order: { ...readyOrder, state: 'shipped' }, shippedAt: '2025-03-15T08:00:00.000Z' },
  failure: { ok: false, code: 'NOT_READY_TO_SHIP', message: 'the order is awaiting payment; only a ready-to-ship order ships' },
});

export const orderShipped = eventCase(orderShippedV1, {
  orderId: placedOrder.id,
  customerId: CUSTOMER_ID,
  shipmentId: '6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098',
  paymentMethod: 'cash-on-delivery',
  amountToCollect: placedOrder.total,
  shippedAt: '2025-03-15T08:00:00.000Z',
  shippedBy: { kind: 'staff', staffId: 'admin-1' },
});

export const fulfilmentCases: readonly ContractCase[] = [orderBrowse, orderShip, orderShipped];
