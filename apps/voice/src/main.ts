import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadVoiceConfig } from './voice.config';

void bootService('voice', loadVoiceConfig, (config) => AppModule.register(config));
