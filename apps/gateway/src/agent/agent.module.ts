import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { LiveModule } from '../live/live.module';
import { RoutingModule } from '../routing/routing.module';
import { AgentCallControlController } from './agent-call-control.controller';
import { AgentCallsController } from './agent-calls.controller';
import { AgentCartController } from './agent-cart.controller';
import { CallDeskService } from './call-desk.service';

/** The agent desk's commands: availability, the calls they handle (answer, hold, transfer, notes), search and the caller's cart. */
@Module({
  imports: [SessionsModule, RoutingModule, LiveModule],
  controllers: [AgentCallsController, AgentCallControlController, AgentCartController],
  providers: [CallDeskService],
})
export class AgentModule {}
