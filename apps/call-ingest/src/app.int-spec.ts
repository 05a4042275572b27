import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadCallIngestConfig } from './call-ingest.config';

describeServiceConformance({
  app: 'call-ingest',
  module: (env) => AppModule.register(loadCallIngestConfig(env)),
});
