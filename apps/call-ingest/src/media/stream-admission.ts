import { Inject, Injectable, Logger } from '@nestjs/common';
import { MessageBus, type KeyValueBucket } from '@callcart/messaging';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';
import { checkStreamToken } from '../twilio/stream-token';
import { IngestMetrics } from './ingest.metrics';

/** How long a call id stays marked as streamed: far longer than any call, and than a token lives. */
const STREAMED_MARK_TTL_MS = 24 * 60 * 60 * 1000;

/** Why a media stream was not let in. */
export interface StreamRefusal {
  readonly reason: 'duplicate-stream' | 'stream-token';
  readonly message: string;
}

/** What a stream presents at `start`. */
export interface StreamCredentials {
  readonly callId: string;
  readonly streamToken: string | undefined;
}

interface StreamedMark {
  readonly admittedAt: string;
}

/**
 * Lets one media stream in per call, across every call-ingest replica: the first `start` for a
 * CallSid creates its key in a JetStream key-value bucket (create succeeds only for an absent key),
 * a second stream for the same call, on this replica or another, finds it taken and is refused.
 * With `TWILIO_AUTH_TOKEN` set the stream must also present the token the voice webhook minted
 * for that CallSid (decision 0080). Should NATS not answer, the stream is let in (its audio
 * needs NATS anyway) and the lapse is logged: a refused real call would be a dropped customer.
 */
@Injectable()
export class StreamAdmission {
  private readonly logger = new Logger(StreamAdmission.name);
  private readonly streamed: KeyValueBucket<StreamedMark>;

  constructor(
    @Inject(CALL_INGEST_CONFIG) private readonly config: CallIngestConfig,
    bus: MessageBus,
    private readonly metrics: IngestMetrics,
  ) {
    this.streamed = bus.keyValue<StreamedMark>('media-streams', { ttlMs: STREAMED_MARK_TTL_MS });
  }

  /** Resolves with the refusal, or undefined when the stream may go on. */
  async admit(credentials: StreamCredentials): Promise<StreamRefusal | undefined> {
    const refusal = (await this.check(credentials)) ?? undefined;
    if (refusal) this.metrics.streamsRefused.inc({ reason: refusal.reason });
    return refusal;
  }

  private async check({ callId, streamToken }: StreamCredentials): Promise<StreamRefusal | undefined> {
    const authToken = this.config.twilio.authToken;
    if (authToken) {
      const problem = checkStreamToken(authToken, callId, streamToken, Date.now());
      if (problem) return { reason: 'stream-token', message: `stream token ${problem}: start the stream from the voice webhook's TwiML` };
    }
    try {
      const created = await this.streamed.create(callId, { admittedAt: new Date(Date.now()).toISOString() });
      if (created === undefined) return { reason: 'duplicate-stream', message: 'this call already has a media stream' };
    } catch (error) {
      this.logger.warn({ msg: 'stream admission could not reach NATS: stream let in unchecked', callId, err: (error as Error).message });
    }
    return undefined;
  }
}
