import { Module } from '@nestjs/common';
import { CallSessionsHandler } from '../calls/call-sessions.handler';
import { CustomerRequestsHandler } from './customer-requests.handler';
import { CustomersService } from './customers.service';
import { RegistrationTimer } from './registration.timer';

/** Callers and customers: identifying callers, registering them (by hand or by the call-length threshold), profiles and lookup. */
@Module({ providers: [CallSessionsHandler, CustomersService, CustomerRequestsHandler, RegistrationTimer] })
export class CustomersModule {}
