import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  callEndedV1,
  callerIdentifiedV1,
  callStartedV1,
  type CallEndedV1,
  type CallerIdentifiedV1,
  type CallStartedV1,
  type EnvelopeMeta,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { claimInboxMessage } from '@callcart/service-kit';
import { customerByPhone, customerProfile } from '../customers/customer-records';
import { readPhoneNumber } from '../customers/phone-number';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { enqueueEvent } from '../outbox/outbox';
import { rows, Transactions } from '../shared/transaction';

/**
 * When a call catches up late (the service was down), its registration deadline may already
 * have passed; the call's `ended` fact may be just behind in the stream. This grace gives it the
 * time to arrive before the timer registers a caller who has in fact hung up.
 */
const CATCH_UP_GRACE_MS = 3000;

/**
 * Follows calls: on `call started` it identifies the caller by number and tells the agent's
 * screen (`caller identified`: returning with their profile, new with the registration deadline,
 * or unidentified with the reason); on `call ended` the call stops counting towards registration.
 * Both are durable consumers shared by the replicas, each message acted on once (the inbox).
 */
@Injectable()
export class CallSessionsHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CallSessionsHandler.name);

  constructor(
    private readonly bus: MessageBus,
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.consume(callStartedV1, { durable: 'orders-call-started' }, (call, meta) => this.callStarted(call, meta));
    await this.bus.consume(callEndedV1, { durable: 'orders-call-ended' }, (call, meta) => this.callEnded(call, meta));
  }

  async callStarted(call: CallStartedV1, meta: EnvelopeMeta): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await claimInboxMessage(manager, 'orders-call-started', meta.id))) return;
      const reading = readPhoneNumber(call.callerNumber, this.config.defaultRegion);
      let identified: CallerIdentifiedV1;
      if (!reading.ok) {
        identified = { status: 'unidentified', callId: call.callId, reason: reading.reason, callerNumber: call.callerNumber };
        await this.insertSession(manager, call, null, identified, null);
      } else {
        const customer = await customerByPhone(manager, reading.e164);
        if (customer) {
          const { registeredAt: _registeredAt, how: _how, ...profile } = await customerProfile(manager, customer, this.config.currency);
          identified = { status: 'returning', callId: call.callId, customer: profile };
          await this.insertSession(manager, call, reading.e164, identified, null, customer.id);
        } else {
          let due = Date.parse(call.startedAt) + this.config.registrationThresholdMs;
          if (due < Date.now()) due = Date.now() + CATCH_UP_GRACE_MS;
          identified = { status: 'new', callId: call.callId, phone: reading.e164, registrationDueAt: new Date(due).toISOString() };
          await this.insertSession(manager, call, reading.e164, identified, new Date(due));
        }
      }
      await enqueueEvent(manager, callerIdentifiedV1, identified, { callId: call.callId });
      this.logger.log({ msg: 'caller identified', callId: call.callId, status: identified.status });
    });
  }

  async callEnded(call: CallEndedV1, meta: EnvelopeMeta): Promise<void> {
    await this.transactions.run(async (manager) => {
      if (!(await claimInboxMessage(manager, 'orders-call-ended', meta.id))) return;
      // If `ended` overtakes `started` (two consumers catching up), the row it leaves keeps the
      // late `started` from opening a registration timer for a call that is already over.
      await rows(
        manager,
        `INSERT INTO @.call_session ("call_id", "caller_number", "identification", "status", "started_at", "ended_at")
         VALUES ($1, '', 'unidentified', 'ended', $2::timestamptz - make_interval(secs => $3::double precision / 1000), $2)
         ON CONFLICT ("call_id") DO UPDATE SET "status" = 'ended', "ended_at" = EXCLUDED."ended_at"`,
        [call.callId, call.endedAt, call.durationMs],
      );
    });
  }

  private async insertSession(
    manager: Parameters<typeof rows>[0],
    call: CallStartedV1,
    phone: string | null,
    identified: CallerIdentifiedV1,
    registrationDueAt: Date | null,
    customerId: string | null = null,
  ): Promise<void> {
    await rows(
      manager,
      `INSERT INTO @.call_session ("call_id", "caller_number", "phone", "identification", "unidentified_reason", "customer_id", "status", "started_at", "registration_due_at")
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8) ON CONFLICT ("call_id") DO NOTHING`,
      [
        call.callId,
        call.callerNumber,
        phone,
        identified.status,
        identified.status === 'unidentified' ? identified.reason : null,
        customerId,
        call.startedAt,
        registrationDueAt,
      ],
    );
  }
}
