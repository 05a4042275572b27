import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './orders.config';

void bootService('orders', loadOrdersConfig, (config) => AppModule.register(config));
