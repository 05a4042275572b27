import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './gateway.config';

describeServiceConformance({
  app: 'gateway',
  schema: 'gateway',
  module: (env) => AppModule.register(loadGatewayConfig(env)),
});
