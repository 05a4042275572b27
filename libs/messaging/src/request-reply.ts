import type { Logger } from '@nestjs/common';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import type { EnvelopeMeta, ReplyOf, RequestContract, RequestOf } from '@callcart/contracts';
import { decodeEnvelope, describeIssues, encodeJson, type EnvelopeInput, InvalidMessageError, newEnvelopeMeta } from './envelope-codec';
import type { MessagingMetrics } from './messaging-metrics';
import { requestFailure, transportFailure } from './request-failure';
import type { SubjectNamer } from './subjects';

/** Handles one request of a contract; its reply is checked against the contract before it leaves. */
export type RequestHandler<C extends RequestContract> = (
  request: RequestOf<C>,
  meta: EnvelopeMeta,
) => ReplyOf<C> | Promise<ReplyOf<C>>;

/** What either side of a request needs: the connection, the subject names, counters and a log. */
export interface RequestParty {
  readonly nc: NatsConnection;
  readonly namer: SubjectNamer;
  readonly metrics: MessagingMetrics;
  readonly logger: Logger;
  readonly defaultTimeoutMs: number;
}

/**
 * Answers one request message: decoded against the contract (`INVALID_REQUEST` otherwise), handled,
 * the reply checked (`INTERNAL` when the handler returns something the contract does not allow or
 * throws), sent back under the request's correlation id.
 */
export async function answerRequest<C extends RequestContract>(party: RequestParty, contract: C, handler: RequestHandler<C>, msg: Msg): Promise<void> {
  const { metrics, logger } = party;
  let correlationId: string | undefined;
  let reply: unknown;
  try {
    const request = decodeEnvelope(msg.subject, msg.data, contract.request);
    correlationId = request.meta.correlationId ?? request.meta.id;
    metrics.received.inc({ subject: contract.subject });
    reply = await handler(request.payload as RequestOf<C>, request.meta);
    const checked = contract.reply.safeParse(reply);
    if (!checked.success) {
      logger.error({ msg: 'handler returned an invalid reply', subject: msg.subject, reason: describeIssues(checked.error) });
      reply = requestFailure('INTERNAL', 'the service produced an invalid reply');
    }
  } catch (error) {
    if (error instanceof InvalidMessageError) {
      metrics.invalid.inc({ subject: contract.subject });
      logger.warn({ msg: 'invalid request rejected', subject: msg.subject, reason: error.reason });
      reply = requestFailure('INVALID_REQUEST', error.reason);
    } else {
      metrics.handlerFailures.inc({ subject: contract.subject });
      logger.error({ msg: 'request handler failed', subject: msg.subject, err: error });
      reply = requestFailure('INTERNAL', 'the service failed to handle the request');
    }
  }
  if (!msg.reply) return;
  msg.respond(encodeJson({ meta: newEnvelopeMeta({ correlationId: correlationId ?? 'unknown' }), payload: reply }));
}

/**
 * Sends one request and reads its typed reply. Transport failures come back as replies too
 * (`TIMEOUT`, `UNAVAILABLE`, `INVALID_REPLY`); an invalid request is not sent (`INVALID_REQUEST`).
 */
export async function sendRequest<C extends RequestContract>(
  party: RequestParty,
  contract: C,
  data: RequestOf<C>,
  options: EnvelopeInput & { timeoutMs?: number },
): Promise<ReplyOf<C>> {
  const checked = contract.request.safeParse(data);
  if (!checked.success) return requestFailure('INVALID_REQUEST', describeIssues(checked.error)) as ReplyOf<C>;
  const subject = party.namer.subject(contract);
  const body = encodeJson({ meta: newEnvelopeMeta(options), payload: checked.data });
  let msg: Msg;
  try {
    msg = await party.nc.request(subject, body, { timeout: options.timeoutMs ?? party.defaultTimeoutMs });
  } catch (error) {
    return transportFailure(subject, error);
  }
  party.metrics.published.inc({ subject: contract.subject });
  try {
    return decodeEnvelope(msg.subject, msg.data, contract.reply).payload as ReplyOf<C>;
  } catch (error) {
    const reason = error instanceof InvalidMessageError ? error.reason : String(error);
    party.logger.error({ msg: 'invalid reply received', subject, reason });
    return requestFailure('INVALID_REPLY', reason) as ReplyOf<C>;
  }
}
