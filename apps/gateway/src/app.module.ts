import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { CatalogueAdminController } from './admin/catalogue-admin.controller';
import { OrdersAdminController } from './admin/orders-admin.controller';
import { CustomerLookupController } from './staff/customer-lookup.controller';
import { AgentCallsController } from './agent/agent-calls.controller';
import { AgentCartController } from './agent/agent-cart.controller';
import { CallDeskService } from './agent/call-desk.service';
import { AuthController } from './auth/auth.controller';
import { SessionGuard } from './auth/session.guard';
import { SessionsService } from './auth/sessions.service';
import { SignInRateLimiter } from './auth/sign-in-rate-limiter';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { gatewayDatabase } from './gateway.database';
import { CallActivityBuffer } from './live/call-activity.buffer';
import { LiveEventsRelay } from './live/live-events.relay';
import { LiveHub } from './live/live-hub';
import { LiveSocketServer } from './live/live-socket.server';
import { CallRoutingConsumer } from './routing/call-routing.consumer';
import { CallRoutingService } from './routing/call-routing.service';
import { CallHandlingService } from './routing/call-handling.service';
import { CallTransferService } from './routing/call-transfer.service';
import { RoutingSweeper } from './routing/routing-sweeper';
import { DeskPresence } from './routing/desk-presence';
import { AgentCallControlController } from './agent/agent-call-control.controller';
import { RoutingNotifications } from './routing/routing-notifications';
import { ServiceRequests } from './shared/service-requests';
import { GatewaySql } from './shared/sql';
import { PaymentNotificationsController } from './payments/payment-notifications.controller';
import { CustomerAccountsController } from './shop/customer-accounts.controller';
import { ShopController } from './shop/shop.controller';
import { ShopTopUpsController } from './shop/shop-top-ups.controller';
import { StaffAccountsService } from './staff/staff-accounts.service';
import { StaffAdminController } from './staff/staff-admin.controller';
import { AgentVoiceController } from './voice/agent-voice.controller';

/**
 * The gateway service: staff accounts and sessions on its own schema, call routing to agents,
 * live push over `/api/live`, and the HTTP commands of the agent desk, the shop and the admin
 * page, relayed to the services that own them over NATS.
 */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, gatewayDatabase)],
      controllers: [
        AuthController,
        StaffAdminController,
        AgentCallsController,
        AgentCartController,
        ShopController,
        CustomerAccountsController,
        CatalogueAdminController,
        ShopTopUpsController,
        PaymentNotificationsController,
        CustomerLookupController,
        OrdersAdminController,
        AgentVoiceController,
        AgentCallControlController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        GatewaySql,
        ServiceRequests,
        SessionsService,
        SessionGuard,
        SignInRateLimiter,
        StaffAccountsService,
        CallRoutingService,
        CallHandlingService,
        CallTransferService,
        RoutingSweeper,
        DeskPresence,
        CallRoutingConsumer,
        RoutingNotifications,
        CallActivityBuffer,
        LiveHub,
        LiveEventsRelay,
        LiveSocketServer,
        CallDeskService,
      ],
    };
  }
}
