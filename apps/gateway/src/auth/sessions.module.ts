import { Module } from '@nestjs/common';
import { SessionGuard } from './session.guard';
import { SessionsService } from './sessions.service';

/** Sessions and the guard every authenticated route uses: imported by each module with such routes. */
@Module({ providers: [SessionsService, SessionGuard], exports: [SessionsService, SessionGuard] })
export class SessionsModule {}
