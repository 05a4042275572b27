import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/** Sends the events every feature writes to the outbox, after their transaction commits. */
@Module({ providers: [OutboxRelay] })
export class OutboxModule {}
