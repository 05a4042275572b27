import type { Logger } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { EnvelopeMeta, EventContract, PayloadOf } from '@callcart/contracts';
import { decodeEnvelope } from './envelope-codec';
import type { EventHandler } from './message-bus';
import type { MessagingMetrics } from './messaging-metrics';

/**
 * Hands one JetStream message to its handler: a message failing its schema is logged and
 * terminated (never redelivered); a handler that returns acks it; one that throws gets it again
 * with a growing delay, until `maxDeliver` attempts, after which it is logged and given up.
 */
export async function deliverDurable<C extends EventContract>(delivery: {
  contract: C;
  handler: EventHandler<C>;
  jsMsg: JsMsg;
  maxDeliver: number;
  metrics: MessagingMetrics;
  logger: Logger;
}): Promise<void> {
  const { contract, handler, jsMsg, maxDeliver, metrics, logger } = delivery;
  let decoded: { meta: EnvelopeMeta; payload: unknown };
  try {
    decoded = decodeEnvelope(jsMsg.subject, jsMsg.data, contract.schema);
  } catch (error) {
    metrics.invalid.inc({ subject: contract.subject });
    logger.warn({ msg: 'invalid message dropped', subject: jsMsg.subject, reason: (error as Error).message });
    jsMsg.term('invalid message');
    return;
  }
  metrics.received.inc({ subject: contract.subject });
  try {
    await handler(decoded.payload as PayloadOf<C>, decoded.meta);
    jsMsg.ack();
  } catch (error) {
    metrics.handlerFailures.inc({ subject: contract.subject });
    const attempt = jsMsg.info.deliveryCount;
    const giveUp = attempt >= maxDeliver;
    logger.error({
      msg: giveUp ? 'handler failed for the last time: message given up' : 'handler failed: message will be redelivered',
      subject: jsMsg.subject,
      messageId: decoded.meta.id,
      attempt,
      err: error,
    });
    if (giveUp) jsMsg.term('handler failed');
    else jsMsg.nak(Math.min(30_000, 250 * 2 ** attempt));
  }
}
