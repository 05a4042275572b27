import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './gateway.config';

void bootService('gateway', loadGatewayConfig, (config) => AppModule.register(config));
