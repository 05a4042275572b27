import 'reflect-metadata';
import { bootService } from '@callcart/service-kit';
import { AppModule } from './app.module';
import { loadSpeechConfig } from './speech.config';

void bootService('speech', loadSpeechConfig, (config) => AppModule.register(config));
