import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadVoiceConfig } from './voice.config';

describeServiceConformance({
  app: 'voice',
  module: (env) => AppModule.register(loadVoiceConfig(env)),
});
