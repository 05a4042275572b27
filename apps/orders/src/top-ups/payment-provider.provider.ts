import type { Provider } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { AlipayProvider } from './alipay.provider';
import { PaymentProvider } from './payment-provider';

/** The {@link PaymentProvider} that `TOP_UP_PROVIDER` names, or null when customers cannot top up themselves. */
export function paymentProviderProvider(config: OrdersConfig): Provider {
  return { provide: PaymentProvider, useFactory: () => (config.topUps.alipay ? new AlipayProvider(config.topUps.alipay) : null) };
}
