import { describeServiceConformance } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadSpeechConfig } from './speech.config';

describeServiceConformance({
  app: 'speech',
  module: (env) => AppModule.register(loadSpeechConfig(env)),
});
