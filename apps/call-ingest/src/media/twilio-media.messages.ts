import { z } from 'zod';
import { callIdSchema } from '@callcart/contracts';
import { MAX_IDENTITY_LENGTH } from '../twilio/caller-identity';

/**
 * The Twilio Media Streams messages call-ingest receives (JSON text frames; numbers are sent as
 * strings). Only the fields we use are checked; Twilio may add others.
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages
 */

/** "123" as Twilio sends it (a plain number is tolerated). */
const numeric = z.union([z.string().regex(/^\d{1,15}$/, 'a decimal number as a string'), z.number().int().nonnegative()]).transform(Number);

export const connectedMessageSchema = z.object({ event: z.literal('connected') });

export const startMessageSchema = z.object({
  event: z.literal('start'),
  sequenceNumber: numeric.optional(),
  streamSid: z.string().min(1).max(64),
  start: z.object({
    streamSid: z.string().min(1).max(64).optional(),
    /** Becomes our call id, so it must be subject-safe (Twilio's CA… ids are). */
    callSid: callIdSchema,
    accountSid: z.string().max(64).optional(),
    tracks: z.array(z.string()).optional(),
    /** Ours, from the TwiML: caller and dialled identity (SIP URIs run long) and the stream token. */
    customParameters: z.record(z.string().max(64), z.string().max(MAX_IDENTITY_LENGTH)).optional(),
    mediaFormat: z.object({
      encoding: z.string(),
      sampleRate: z.union([z.number(), z.string()]).transform(Number),
      channels: z.union([z.number(), z.string()]).transform(Number).optional(),
    }),
  }),
});

export const mediaMessageSchema = z.object({
  event: z.literal('media'),
  sequenceNumber: numeric,
  media: z.object({
    track: z.string().optional(),
    chunk: numeric.optional(),
    timestamp: numeric,
    payload: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  }),
});

export const dtmfMessageSchema = z.object({
  event: z.literal('dtmf'),
  sequenceNumber: numeric.optional(),
  dtmf: z.object({ track: z.string().optional(), digit: z.string().regex(/^[0-9*#A-D]$/, 'a DTMF digit') }),
});

export const markMessageSchema = z.object({
  event: z.literal('mark'),
  sequenceNumber: numeric.optional(),
  mark: z.object({ name: z.string().max(256) }).optional(),
});

export const stopMessageSchema = z.object({
  event: z.literal('stop'),
  sequenceNumber: numeric.optional(),
  stop: z.object({ callSid: z.string().optional(), accountSid: z.string().optional() }).optional(),
});

export type StartMessage = z.infer<typeof startMessageSchema>;
export type MediaMessage = z.infer<typeof mediaMessageSchema>;
export type DtmfMessage = z.infer<typeof dtmfMessageSchema>;
export type MarkMessage = z.infer<typeof markMessageSchema>;
export type StopMessage = z.infer<typeof stopMessageSchema>;

/** A known message, or an event name we do not handle (ignored and counted). */
export type TwilioMediaMessage =
  | { event: 'connected' }
  | StartMessage
  | MediaMessage
  | DtmfMessage
  | MarkMessage
  | StopMessage
  | { event: 'unknown'; name: string };

/** Why a frame broke the protocol; the kind becomes the metric label and the close code. */
export class MediaProtocolError extends Error {
  override readonly name = 'MediaProtocolError';
  constructor(
    readonly kind: MediaProtocolErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type MediaProtocolErrorKind =
  | 'malformed-json'
  | 'invalid-message'
  | 'unsupported-format'
  | 'binary-frame'
  | 'frame-too-large'
  | 'media-before-start'
  | 'second-start'
  | 'payload-too-large';

/** WebSocket close codes (RFC 6455 §7.4.1) for each kind of violation. */
export const CLOSE_CODE_OF: Record<MediaProtocolErrorKind, number> = {
  'malformed-json': 1008,
  'invalid-message': 1008,
  'unsupported-format': 1003,
  'binary-frame': 1003,
  'frame-too-large': 1009,
  'media-before-start': 1008,
  'second-start': 1008,
  'payload-too-large': 1009,
};

const SCHEMAS = {
  connected: connectedMessageSchema,
  start: startMessageSchema,
  media: mediaMessageSchema,
  dtmf: dtmfMessageSchema,
  mark: markMessageSchema,
  stop: stopMessageSchema,
} as const;

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 2)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}

/** Parses one text frame. @throws MediaProtocolError for bad JSON or a known event with a bad shape. */
export function parseTwilioMediaMessage(text: string): TwilioMediaMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MediaProtocolError('malformed-json', 'malformed JSON');
  }
  if (typeof json !== 'object' || json === null || typeof (json as { event?: unknown }).event !== 'string') {
    throw new MediaProtocolError('invalid-message', 'a message must be a JSON object with an "event" string');
  }
  const event = (json as { event: string }).event;
  const schema = Object.hasOwn(SCHEMAS, event) ? SCHEMAS[event as keyof typeof SCHEMAS] : undefined;
  if (!schema) return { event: 'unknown', name: event.slice(0, 64) };
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MediaProtocolError('invalid-message', `invalid ${event} message: ${describe(parsed.error.issues)}`);
  return parsed.data as TwilioMediaMessage;
}
