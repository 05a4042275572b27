import type { ShippingAddress } from '@callcart/contracts';

/**
 * Who takes part in the demo. The seed creates them and the scripted call plays them, so both
 * read the same names from here. The agent's password is printed by the seed and `npm start`:
 * it is a development set-up, not a secret.
 */
export const DEMO_AGENT = { username: 'demo.agent', password: 'callcart-demo-agent' } as const;

/** A returning customer from Shanghai (China Mobile's documentation number). */
export const DEMO_CUSTOMER_PHONE = '+8613800138000';

export const DEMO_CUSTOMER_ADDRESS: ShippingAddress = {
  recipient: '王秀英 Wang Xiuying',
  phone: DEMO_CUSTOMER_PHONE,
  region: '上海市',
  city: '上海市',
  district: '徐汇区',
  street: '漕溪北路 88 号 3 号楼 502 室',
  postcode: '200030',
  country: 'CN',
};

/**
 * The demo wallet, in fen. The scripted order costs CN¥219, so CN¥1,000 pays for a few demo calls;
 * once the balance falls under CN¥500 the next seed tops it back up to CN¥1,000, and a seed on a
 * wallet above the floor changes nothing.
 */
export const DEMO_WALLET = { currency: 'CNY', targetMinor: 100_000, floorMinor: 50_000 } as const;

/** The development admin `npm start` creates (tools/start.mjs), unless the environment names another. */
export function devAdmin(env: NodeJS.ProcessEnv = process.env): { username: string; password: string } {
  return { username: env.GATEWAY_ADMIN_USERNAME || 'admin', password: env.GATEWAY_ADMIN_PASSWORD || 'callcart-dev-admin' };
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:3000';
export const DEFAULT_MEDIA_URL = 'ws://127.0.0.1:3001/media';
