import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { RoutingModule } from '../routing/routing.module';
import { CallActivityBuffer } from './call-activity.buffer';
import { LiveEventsRelay } from './live-events.relay';
import { LiveHub } from './live-hub';
import { LiveSocketServer } from './live-socket.server';

/** The live socket (`/api/live`): the events of a desk's calls, a customer's orders and the agent's status, pushed as they happen. */
@Module({
  imports: [SessionsModule, RoutingModule],
  providers: [LiveHub, CallActivityBuffer, LiveEventsRelay, LiveSocketServer],
  exports: [CallActivityBuffer],
})
export class LiveModule {}
