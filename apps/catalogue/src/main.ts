import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadCatalogueConfig } from './catalogue.config';

void bootService('catalogue', loadCatalogueConfig, (config) => AppModule.register(config));
