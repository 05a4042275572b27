import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadCallIngestConfig } from './call-ingest.config';

void bootService('call-ingest', loadCallIngestConfig, (config) => AppModule.register(config));
