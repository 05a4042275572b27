import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../shared/api-error';
import { type Principal, type Role, roleOf } from './principal';
import { readCookie, SESSION_COOKIE, SessionsService } from './sessions.service';

const ROLES = 'gateway:roles';

/** The roles allowed on a controller or route; the session guard refuses everyone else with 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type RequestWithPrincipal = Request & { principal?: Principal };

/**
 * Resolves the `cc_session` cookie to a principal (401 without a live session) and checks the
 * route's roles (403 for any other role). Owner checks happen in the handlers, which only ever
 * act on the principal's own customer id or on calls assigned to the principal.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const principal = await this.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(roleOf(principal))) {
      throw new ApiError(403, 'FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
    }
    request.principal = principal;
    return true;
  }
}

/** The signed-in principal (the route must be behind {@link SessionGuard}). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<RequestWithPrincipal>().principal!,
);
