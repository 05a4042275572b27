import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { CustomerAccountsController } from './customer-accounts.controller';
import { ShopController } from './shop.controller';
import { ShopTopUpsController } from './shop-top-ups.controller';

/** The customer's shop: catalogue, cart, orders, payment from the wallet and top-ups. */
@Module({ imports: [SessionsModule], controllers: [ShopController, CustomerAccountsController, ShopTopUpsController] })
export class ShopModule {}
