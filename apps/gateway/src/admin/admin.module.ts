import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { CatalogueAdminController } from './catalogue-admin.controller';
import { OrdersAdminController } from './orders-admin.controller';

/** The admin pages' commands: the catalogue (import, edit, reindex) and orders by state with shipping. */
@Module({ imports: [SessionsModule], controllers: [CatalogueAdminController, OrdersAdminController] })
export class AdminModule {}
