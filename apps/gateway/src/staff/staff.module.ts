import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { CustomerLookupController } from './customer-lookup.controller';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffAdminController } from './staff-admin.controller';

/** Staff accounts (created, deactivated, reset by an admin) and staff finding customers by phone or name. */
@Module({
  imports: [SessionsModule],
  controllers: [StaffAdminController, CustomerLookupController],
  providers: [StaffAccountsService],
  exports: [StaffAccountsService],
})
export class StaffModule {}
