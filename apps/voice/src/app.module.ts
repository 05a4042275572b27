import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { VoiceMetrics } from './bridge/voice.metrics';
import { VoiceSessionsService } from './bridge/voice-sessions.service';
import { VOICE_CONFIG, type VoiceConfig } from './voice.config';

/** The voice service: carries agents' audio between their browsers (WebRTC) and the calls' audio on NATS. */
@Module({})
export class AppModule {
  static register(config: VoiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service)],
      providers: [{ provide: VOICE_CONFIG, useValue: config }, VoiceMetrics, VoiceSessionsService],
    };
  }
}
