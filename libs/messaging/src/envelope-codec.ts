import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { containsNulCharacter, envelopeMetaSchema, type EnvelopeMeta } from '@callcart/contracts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the sender may say about a message's envelope; the rest is filled in. */
export interface EnvelopeInput {
  /** Reuse an id to republish the same message (JetStream drops it as a duplicate). */
  readonly messageId?: string;
  readonly correlationId?: string;
  readonly callId?: string;
}

/** Builds the envelope of a new message; a message with neither id correlates with itself. */
export function newEnvelopeMeta(input: EnvelopeInput): EnvelopeMeta {
  const id = input.messageId ?? randomUUID();
  return {
    id,
    time: new Date().toISOString(),
    ...(input.callId !== undefined ? { callId: input.callId } : {}),
    correlationId: input.correlationId ?? (input.callId === undefined ? id : undefined),
  };
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Thrown when bytes off the wire are not a valid message of the expected contract. */
export class InvalidMessageError extends Error {
  constructor(
    readonly subject: string,
    readonly reason: string,
  ) {
    super(`invalid message on ${subject}: ${reason}`);
  }
}

/** Formats zod issues as one readable line: `quantity: Too big: expected number to be <=99`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

const wireEnvelope = z.object({ meta: envelopeMetaSchema, payload: z.unknown() });

/** Why a payload with a NUL character is refused (PostgreSQL cannot store one in text). */
export const NUL_REFUSAL = 'text must not contain the NUL character (\\u0000)';

/** Parses a JSON envelope and validates its payload against the contract's schema (and refuses NUL characters in it). */
export function decodeEnvelope<T>(
  subject: string,
  bytes: Uint8Array,
  payloadSchema: z.ZodType<T>,
): { meta: EnvelopeMeta; payload: T } {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new InvalidMessageError(subject, 'body is not JSON');
  }
  const envelope = wireEnvelope.safeParse(raw);
  if (!envelope.success) throw new InvalidMessageError(subject, `envelope: ${describeIssues(envelope.error)}`);
  if (containsNulCharacter(envelope.data.payload)) throw new InvalidMessageError(subject, NUL_REFUSAL);
  const payload = payloadSchema.safeParse(envelope.data.payload);
  if (!payload.success) throw new InvalidMessageError(subject, describeIssues(payload.error));
  return { meta: envelope.data.meta, payload: payload.data };
}

/**
 * One wire schema per contract's header schema, built once: zod compiles each object schema on
 * its first parse, so a schema built per message paid that compilation on every audio frame.
 */
const binaryHeaderSchemas = new WeakMap<z.ZodType, z.ZodType<{ meta: EnvelopeMeta; header: unknown }>>();
function binaryHeaderSchema(metaSchema: z.ZodType): z.ZodType<{ meta: EnvelopeMeta; header: unknown }> {
  let schema = binaryHeaderSchemas.get(metaSchema);
  if (!schema) {
    schema = z.object({ meta: envelopeMetaSchema, header: metaSchema });
    binaryHeaderSchemas.set(metaSchema, schema);
  }
  return schema;
}

/** Parses the JSON header of a binary message (envelope and typed header together). */
export function decodeBinaryHeader<T>(
  subject: string,
  headerJson: string | undefined,
  metaSchema: z.ZodType<T>,
): { meta: EnvelopeMeta; header: T } {
  if (!headerJson) throw new InvalidMessageError(subject, 'missing envelope header');
  let raw: unknown;
  try {
    raw = JSON.parse(headerJson);
  } catch {
    throw new InvalidMessageError(subject, 'envelope header is not JSON');
  }
  const parsed = binaryHeaderSchema(metaSchema).safeParse(raw);
  if (!parsed.success) throw new InvalidMessageError(subject, describeIssues(parsed.error));
  return { meta: parsed.data.meta, header: parsed.data.header as T };
}

/** The NATS header that carries a binary message's envelope and typed header. */
export const BINARY_ENVELOPE_HEADER = 'Callcart-Envelope';
