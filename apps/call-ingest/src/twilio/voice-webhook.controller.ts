import { Controller, ForbiddenException, Header, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';
import { IngestMetrics } from '../media/ingest.metrics';
import { PublicAddress } from './public-address';
import { isValidTwilioSignature, type WebhookParams } from '@callcart/telephony';
import { connectStreamTwiml } from './twiml';

/** What Nest's Express adapter hands us: the Node request with the parsed form body. */
type WebhookRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * Twilio's voice webhook: when a call comes in, Twilio asks what to do and we answer TwiML that
 * connects the call's audio to our media WebSocket, with the caller's and the dialled number as
 * stream parameters. With `TWILIO_AUTH_TOKEN` set, only requests Twilio signed are answered.
 */
@Controller('twilio')
export class VoiceWebhookController {
  private readonly logger = new Logger(VoiceWebhookController.name);

  constructor(
    @Inject(CALL_INGEST_CONFIG) private readonly config: CallIngestConfig,
    private readonly publicAddress: PublicAddress,
    private readonly metrics: IngestMetrics,
  ) {}

  @Post('voice')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  voice(@Req() request: WebhookRequest): string {
    const params = (request.body ?? {}) as WebhookParams;
    const authToken = this.config.twilio.authToken;
    if (authToken) {
      const url = this.publicAddress.urlOf(request.originalUrl ?? request.url ?? '/twilio/voice');
      if (!isValidTwilioSignature(authToken, url, params, firstValue(request.headers['x-twilio-signature']) || undefined)) {
        this.metrics.signaturesRefused.inc({ endpoint: 'voice' });
        this.logger.warn({ msg: 'voice webhook with a missing or bad signature refused', url, callSid: firstValue(params.CallSid) });
        throw new ForbiddenException('invalid X-Twilio-Signature');
      }
    }
    return connectStreamTwiml(this.publicAddress.mediaStreamUrl(), {
      from: firstValue(params.From),
      to: firstValue(params.To),
    });
  }
}
