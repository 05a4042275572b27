import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpErrorFilter } from './http-error.filter';
import { ServiceKitModule } from '@callcart/service-kit';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from './call-ingest.config';
import { CallEventsPublisher } from './media/call-events.publisher';
import { IngestMetrics } from './media/ingest.metrics';
import { MediaStreamServer } from './media/media-stream.server';
import { StreamAdmission } from './media/stream-admission';
import { CallAudioLink } from './playout/call-audio.link';
import { PublicAddress } from './twilio/public-address';
import { VoiceWebhookController } from './twilio/voice-webhook.controller';
import { SipServer } from './sip/sip-server';
import { SipMetrics } from './sip/sip.metrics';
import { PromptWaitingAudio, WAITING_AUDIO } from './sip/waiting-audio';
import { loadWaitingPrompts } from './prompts/prompt-files';

/**
 * The call-ingest service: Twilio's voice webhook and media WebSocket, and the SIP trunk endpoint
 * (SIP + RTP), turning a phone call into call started / audio frames / keypad digits / call ended on
 * NATS, and the audio back to the caller (waiting audio, the agent's voice) as call control directs.
 */
@Module({})
export class AppModule {
  static register(config: CallIngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service)],
      controllers: [VoiceWebhookController],
      providers: [
        { provide: CALL_INGEST_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        PublicAddress,
        IngestMetrics,
        CallEventsPublisher,
        StreamAdmission,
        CallAudioLink,
        MediaStreamServer,
        SipMetrics,
        // SIP callers hear the same greeting and waiting loop as Twilio callers.
        { provide: WAITING_AUDIO, useFactory: () => new PromptWaitingAudio(loadWaitingPrompts(config.playout.greetingLanguage)) },
        SipServer,
      ],
    };
  }
}
