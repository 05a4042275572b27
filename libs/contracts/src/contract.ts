import { z } from 'zod';
import { StreamDefinition } from './streams';

/**
 * A contract binds one subject to the schema of what travels on it. Publishing and handling
 * take contracts, never bare subject strings, so a payload is checked on both ends.
 *
 * Subjects follow `<domain>.<entity>.<fact-or-command>.v<N>`; a per-call contract appends the
 * call id as the last token. Adding an optional field keeps a contract compatible; any other
 * change is a new `v2` contract beside the `v1`.
 */

/** Payloads of per-call messages name their call; the call id becomes the subject's last token. */
export interface CallScoped {
  readonly callId: string;
}

interface ContractBase {
  /** The subject without any deployment prefix and without the call id token. */
  readonly subject: string;
}

/** A fact published to whoever listens. */
export interface EventContract<TSchema extends z.ZodType = z.ZodType> extends ContractBase {
  readonly kind: 'event';
  readonly scope: 'global' | 'call';
  /** `core`: at most once, for live data; `durable`: JetStream, survives a consumer being down. */
  readonly delivery: 'core' | 'durable';
  readonly stream?: StreamDefinition;
  readonly schema: TSchema;
}

/** A per-call stream of raw bytes (audio) with a small typed header. */
export interface BinaryEventContract<TMeta extends z.ZodType<CallScoped> = z.ZodType<CallScoped>>
  extends ContractBase {
  readonly kind: 'binary-event';
  readonly scope: 'call';
  readonly delivery: 'core';
  readonly meta: TMeta;
  /** The largest body accepted, in bytes. */
  readonly maxBytes: number;
}

/** Error codes every request may answer with, whatever its own codes are. */
export const COMMON_ERROR_CODES = [
  'INVALID_REQUEST',
  'INVALID_REPLY',
  'TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

/** A command or query answered by exactly one replica of the owning service. */
export interface RequestContract<
  TRequest extends z.ZodType = z.ZodType,
  TSuccess extends z.ZodObject = z.ZodObject,
  TCode extends string = string,
> extends ContractBase {
  readonly kind: 'request';
  readonly request: TRequest;
  /** The fields of a successful reply (besides `ok: true`). */
  readonly success: TSuccess;
  /** The stable error codes this request may answer with, besides the common ones. */
  readonly errorCodes: readonly TCode[];
  /** The whole reply: `{ ok: true, ...success }` or `{ ok: false, code, message }`. */
  readonly reply: z.ZodType<Reply<z.infer<TSuccess>, TCode>>;
}

export type Contract = EventContract | BinaryEventContract | RequestContract;

export type Success<T> = { readonly ok: true } & T;
export interface Failure<TCode extends string> {
  readonly ok: false;
  readonly code: TCode | CommonErrorCode;
  readonly message: string;
}
export type Reply<T, TCode extends string> = Success<T> | Failure<TCode>;

export type PayloadOf<C extends EventContract> = z.infer<C['schema']>;
export type MetaOf<C extends BinaryEventContract> = z.infer<C['meta']>;
export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
export type SuccessOf<C extends RequestContract> = z.infer<C['success']>;
export type ErrorCodeOf<C extends RequestContract> = C['errorCodes'][number] | CommonErrorCode;
export type ReplyOf<C extends RequestContract> = Reply<SuccessOf<C>, C['errorCodes'][number]>;

const SUBJECT = /^[a-z]+(\.[a-z][a-z-]*)+\.v[1-9][0-9]*$/;

function checkSubject(subject: string): string {
  if (!SUBJECT.test(subject)) {
    throw new Error(`contract subject "${subject}" is not <domain>.<entity>.<fact>.v<N>`);
  }
  return subject;
}

/** A global fact, on core NATS or (with a stream) durable through JetStream. */
export function defineEvent<TSchema extends z.ZodType>(spec: {
  subject: string;
  schema: TSchema;
  stream?: StreamDefinition;
}): EventContract<TSchema> {
  return {
    kind: 'event',
    subject: checkSubject(spec.subject),
    scope: 'global',
    delivery: spec.stream ? 'durable' : 'core',
    stream: spec.stream,
    schema: spec.schema,
  };
}

/** A fact that belongs to one call: its subject ends with the payload's call id. */
export function defineCallEvent<TSchema extends z.ZodType<CallScoped>>(spec: {
  subject: string;
  schema: TSchema;
  stream?: StreamDefinition;
}): EventContract<TSchema> {
  return { ...defineEvent(spec), scope: 'call' };
}

/** Raw bytes for one call (audio frames) with a typed header carried in NATS headers. */
export function defineBinaryCallEvent<TMeta extends z.ZodType<CallScoped>>(spec: {
  subject: string;
  meta: TMeta;
  maxBytes: number;
}): BinaryEventContract<TMeta> {
  return {
    kind: 'binary-event',
    subject: checkSubject(spec.subject),
    scope: 'call',
    delivery: 'core',
    meta: spec.meta,
    maxBytes: spec.maxBytes,
  };
}

/** A request with a typed reply: `{ ok: true, ...success }` or `{ ok: false, code, message }`. */
export function defineRequest<
  TRequest extends z.ZodType,
  TSuccess extends z.ZodObject,
  const TCode extends string = never,
>(spec: {
  subject: string;
  request: TRequest;
  success: TSuccess;
  errorCodes?: readonly TCode[];
}): RequestContract<TRequest, TSuccess, TCode> {
  const errorCodes = spec.errorCodes ?? [];
  const codes = [...COMMON_ERROR_CODES, ...errorCodes] as [string, ...string[]];
  const reply = z.discriminatedUnion('ok', [
    spec.success.extend({ ok: z.literal(true) }),
    z.object({ ok: z.literal(false), code: z.enum(codes), message: z.string() }),
  ]) as unknown as z.ZodType<Reply<z.infer<TSuccess>, TCode>>;
  return {
    kind: 'request',
    subject: checkSubject(spec.subject),
    request: spec.request,
    success: spec.success,
    errorCodes,
    reply,
  };
}
