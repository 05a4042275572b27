import { Module } from '@nestjs/common';
import { CallHandlingService } from './call-handling.service';
import { CallRoutingConsumer } from './call-routing.consumer';
import { CallRoutingService } from './call-routing.service';
import { CallTransferService } from './call-transfer.service';
import { DeskPresence } from './desk-presence';
import { RoutingNotifications } from './routing-notifications';
import { RoutingSweeper } from './routing-sweeper';

/**
 * Calls routed to agents: the queue, ringing and its timeout, answering, hold, transfer, wrap-up
 * and desk presence, on the gateway's schema. The desk's commands and the live socket use its services.
 */
@Module({
  providers: [CallRoutingService, CallHandlingService, CallTransferService, DeskPresence, RoutingNotifications, RoutingSweeper, CallRoutingConsumer],
  exports: [CallRoutingService, CallHandlingService, CallTransferService, DeskPresence, RoutingNotifications],
})
export class RoutingModule {}
