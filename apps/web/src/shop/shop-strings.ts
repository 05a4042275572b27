/** The shop's two languages. */
export type ShopLanguage = 'zh' | 'en';

const en = {
  title: 'My shop',
  language: '中文',
  phone: 'Phone number',
  sendCode: 'Text me a code',
  code: 'The 6-digit code',
  signIn: 'Sign in',
  codeSent: 'We sent a code to your phone.',
  signOut: 'Sign out',
  cart: 'Your cart',
  empty: 'Your cart is empty.',
  remove: 'Remove',
  total: 'Total',
  quantity: 'Quantity',
  confirm: 'This is right',
  confirmed: 'You confirmed this cart.',
  placeOrder: 'Place order',
  wallet: 'Wallet balance',
  pay: 'Pay from wallet',
  payWithin: 'Pay within',
  expired: 'time is up',
  paid: 'Paid',
  cashOnDelivery: 'Cash on delivery',
  toCollect: 'to pay the courier',
  orders: 'My orders',
  noOrders: 'No orders yet.',
  topUp: 'Top up my wallet',
  topUpAmount: 'Amount (yuan)',
  topUpInvalid: 'Enter an amount such as 100 or 50.50',
  topUpWithAlipay: 'Pay with Alipay',
  topUpOpen: 'Open Alipay to pay',
  topUpAfter: 'Your balance goes up once Alipay confirms the payment.',
  refresh: 'Refresh',
  state: {
    placed: 'Placed',
    awaiting_payment: 'Waiting for payment',
    paid: 'Paid',
    cash_on_delivery: 'Cash on delivery',
    ready_to_ship: 'Ready to ship',
    shipped: 'Shipped',
    cancelled: 'Cancelled',
  } as Record<string, string>,
};

const zh: typeof en = {
  title: '我的商店',
  language: 'English',
  phone: '手机号码',
  sendCode: '发送验证码',
  code: '6 位验证码',
  signIn: '登录',
  codeSent: '验证码已发送到您的手机。',
  signOut: '退出',
  cart: '购物车',
  empty: '购物车是空的。',
  remove: '删除',
  total: '合计',
  quantity: '数量',
  confirm: '确认无误',
  confirmed: '您已确认购物车。',
  placeOrder: '下单',
  wallet: '钱包余额',
  pay: '用钱包支付',
  payWithin: '请在此时间内支付',
  expired: '时间已到',
  paid: '已支付',
  cashOnDelivery: '货到付款',
  toCollect: '（送货时付款）',
  orders: '我的订单',
  noOrders: '还没有订单。',
  topUp: '给钱包充值',
  topUpAmount: '金额（元）',
  topUpInvalid: '请输入金额，例如 100 或 50.50',
  topUpWithAlipay: '用支付宝付款',
  topUpOpen: '打开支付宝付款',
  topUpAfter: '支付宝确认付款后，余额会增加。',
  refresh: '刷新',
  state: {
    placed: '已下单',
    awaiting_payment: '等待支付',
    paid: '已支付',
    cash_on_delivery: '货到付款',
    ready_to_ship: '待发货',
    shipped: '已发货',
    cancelled: '已取消',
  },
};

/** The shop's strings per language (a small dictionary; no i18n library needed). */
export const SHOP_STRINGS: Record<ShopLanguage, typeof en> = { en, zh };
export type ShopStrings = typeof en;

/** Chinese for browsers that prefer it, English otherwise. */
export function defaultShopLanguage(preferred: readonly string[]): ShopLanguage {
  return preferred.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}
