import { ShippingAddress } from './address';
import { Cart } from './cart';
import { Order } from './order';
import { ProductSummary } from './product';

/** Shared example data: two products, a customer in Shanghai, their cart and their order. */

export const CALL_ID = 'CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c';
export const CUSTOMER_ID = 'c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b21';
export const CUSTOMER_PHONE = '+8613800138000';

export const niveaCreme = {
  id: '3f1c2a9e-8b4d-4c6a-9e2f-1a7b5c3d9e01',
  sku: '100234',
  name: 'Nivea Creme 150 ml',
  brand: 'Nivea',
  category: 'Skin care',
  price: { amountMinor: 5900, currency: 'CNY' },
  active: true,
  language: 'en',
} satisfies ProductSummary;

export const peanutOil = {
  id: '7d2e4b1a-5c3f-4e8d-a1b2-c3d4e5f60718',
  sku: '200871',
  name: '金龙鱼 花生油 5L',
  brand: '金龙鱼',
  category: '粮油',
  price: { amountMinor: 16990, currency: 'CNY' },
  active: true,
  language: 'zh',
} satisfies ProductSummary;

/** Another Nivea with no brand or category filled in, to show both are optional. */
export const niveaSoft = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  sku: '100251',
  name: 'Nivea Soft 200 ml',
  price: { amountMinor: 4550, currency: 'CNY' },
  active: true,
  language: 'en',
} satisfies ProductSummary;

export const shanghaiAddress: ShippingAddress = {
  recipient: '王秀英',
  phone: CUSTOMER_PHONE,
  region: '上海市',
  city: '上海市',
  district: '徐汇区',
  street: '漕溪北路 88 号 3 号楼 1202 室',
  postcode: '200030',
  country: 'CN',
};

export const customerCart: Cart = {
  id: 'b7e1d3c5-2a4f-4e6b-8d9c-0a1b2c3d4e5f',
  owner: { customerId: CUSTOMER_ID },
  lines: [
    {
      productId: niveaCreme.id,
      sku: niveaCreme.sku,
      name: niveaCreme.name,
      unitPrice: niveaCreme.price,
      quantity: 2,
      lineTotal: { amountMinor: 11800, currency: 'CNY' },
    },
    {
      productId: peanutOil.id,
      sku: peanutOil.sku,
      name: peanutOil.name,
      unitPrice: peanutOil.price,
      quantity: 1,
      lineTotal: { amountMinor: 16990, currency: 'CNY' },
    },
  ],
  total: { amountMinor: 28790, currency: 'CNY' },
  confirmedAt: '2025-03-14T09:31:05.120+08:00',
  version: 4,
};

/** An unknown caller's cart, still owned by the call. */
export const callCart: Cart = {
  id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  owner: { callId: CALL_ID },
  lines: [],
  total: { amountMinor: 0, currency: 'CNY' },
  confirmedAt: null,
  version: 0,
};

export const placedOrder: Order = {
  id: 'e4d3c2b1-a0f9-4e8d-b7c6-5a4b3c2d1e0f',
  customerId: CUSTOMER_ID,
  lines: customerCart.lines,
  total: customerCart.total,
  shippingAddress: shanghaiAddress,
  state: 'awaiting_payment',
  placedAt: '2025-03-14T01:32:00.000Z',
  paymentDueAt: '2025-03-15T01:32:00.000Z',
  placedBy: 'agent',
  callId: CALL_ID,
};
