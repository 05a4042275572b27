import { BadRequestException, Controller, ForbiddenException, Header, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';
import { IngestMetrics } from '../media/ingest.metrics';
import { normaliseCallerIdentity } from './caller-identity';
import { PublicAddress } from './public-address';
import { mintStreamToken, STREAM_TOKEN_PARAMETER } from './stream-token';
import { connectStreamTwiml } from './twiml';
import { isSignedByTwilio, type TwilioParams } from './twilio-request-validator';

/** What Nest's Express adapter hands us: the Node request with the parsed form body. */
type WebhookRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** The form fields a voice webhook may carry as text (a repeated field is a list of texts). */
function webhookParams(body: unknown): TwilioParams {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('INVALID_WEBHOOK_BODY', 'the webhook body must be form fields');
  const params: TwilioParams = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) params[name] = value;
    else throw badRequest('INVALID_WEBHOOK_FIELD', `the field ${name.slice(0, 64)} must be text`);
  }
  return params;
}

/** A field Twilio sends once (From, To, CallSid): one text, or absent. */
function singleField(params: TwilioParams, name: string): string {
  const value = params[name];
  if (Array.isArray(value)) throw badRequest('INVALID_WEBHOOK_FIELD', `the field ${name} must be given once`);
  return value ?? '';
}

function badRequest(code: string, message: string): BadRequestException {
  return new BadRequestException({ code, message });
}

/**
 * Twilio's voice webhook: when a call comes in, Twilio asks what to do and we answer TwiML that
 * connects the call's audio to our media WebSocket, with the caller's and the dialled number as
 * stream parameters, and (when calls are authenticated) a stream token bound to this CallSid
 * that the media stream must present once. With `TWILIO_AUTH_TOKEN` set, only requests Twilio
 * signed are answered (checked by the official `twilio` package).
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
    const params = webhookParams(request.body);
    const authToken = this.config.twilio.authToken;
    if (authToken) {
      const url = this.publicAddress.urlOf(request.originalUrl ?? request.url ?? '/twilio/voice');
      if (!isSignedByTwilio(authToken, url, params, request.headers)) {
        this.metrics.signaturesRefused.inc({ endpoint: 'voice' });
        this.logger.warn({ msg: 'voice webhook with a missing or bad signature refused', url });
        throw new ForbiddenException({ code: 'INVALID_SIGNATURE', message: 'missing or invalid X-Twilio-Signature' });
      }
    }
    const streamParameters: Record<string, string> = {
      from: normaliseCallerIdentity(singleField(params, 'From')),
      to: normaliseCallerIdentity(singleField(params, 'To')),
    };
    const callSid = singleField(params, 'CallSid');
    if (authToken && callSid) streamParameters[STREAM_TOKEN_PARAMETER] = mintStreamToken(authToken, callSid, Date.now());
    return connectStreamTwiml(this.publicAddress.mediaStreamUrl(), streamParameters);
  }
}
