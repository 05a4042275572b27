import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadCatalogueConfig } from './catalogue.config';

describeServiceConformance({
  app: 'catalogue',
  schema: 'catalogue',
  module: (env) => AppModule.register(loadCatalogueConfig(env)),
});
