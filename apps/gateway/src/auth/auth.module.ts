import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module';
import { StaffModule } from '../staff/staff.module';
import { AuthController } from './auth.controller';
import { SessionsModule } from './sessions.module';
import { SignInRateLimiter } from './sign-in-rate-limiter';

/** Sign-in and sign-out of staff and customers (signing an agent out also stops routing calls to them). */
@Module({ imports: [SessionsModule, StaffModule, RoutingModule], controllers: [AuthController], providers: [SignInRateLimiter] })
export class AuthModule {}
