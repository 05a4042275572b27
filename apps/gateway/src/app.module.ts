import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { AdminModule } from './admin/admin.module';
import { AgentModule } from './agent/agent.module';
import { AuthModule } from './auth/auth.module';
import { GatewayCoreModule } from './gateway-core.module';
import type { GatewayConfig } from './gateway.config';
import { gatewayDatabase } from './gateway.database';
import { LiveModule } from './live/live.module';
import { PaymentsModule } from './payments/payments.module';
import { RoutingModule } from './routing/routing.module';
import { ShopModule } from './shop/shop.module';
import { StaffModule } from './staff/staff.module';
import { VoiceModule } from './voice/voice.module';

/** The gateway's feature modules, in the order a reader meets them (routing and live are shared by several). */
export const GATEWAY_FEATURE_MODULES = [AuthModule, StaffModule, RoutingModule, LiveModule, AgentModule, VoiceModule, ShopModule, AdminModule, PaymentsModule] as const;

/**
 * The gateway service: staff accounts and sessions on its own schema, call routing to agents,
 * live push over `/api/live`, and the HTTP commands of the agent desk, the shop and the admin
 * page, relayed to the services that own them over NATS. One feature module per area; they share
 * the core (configuration, SQL, service requests) and import the services of another module only
 * where the area needs it (the desk and the live socket read routing; sign-out stops routing).
 */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, gatewayDatabase), GatewayCoreModule.register(config), ...GATEWAY_FEATURE_MODULES],
    };
  }
}
