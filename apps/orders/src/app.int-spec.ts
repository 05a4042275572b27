import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './orders.config';

describeServiceConformance({
  app: 'orders',
  schema: 'orders',
  module: (env) => AppModule.register(loadOrdersConfig(env)),
});
