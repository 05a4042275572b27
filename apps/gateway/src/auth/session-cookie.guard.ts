import type { NextFunction, Request, Response } from 'express';
import { readCookie, SESSION_COOKIE } from './sessions.service';

/** What a session token looks like (256 random bits in base64url); anything else was never issued. */
const SESSION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Whether a `Cookie` header carries a `cc_session` the gateway cannot have issued (`cc_session=%`). */
export function hasMalformedSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader?.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`))) return false;
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  return token === undefined || !SESSION_TOKEN_SHAPE.test(token);
}

/**
 * Treats a malformed session cookie as no session and tells the browser to drop it (with the
 * given clearing `Set-Cookie`): otherwise every request of that browser would fail the same way
 * and it could never sign in again.
 */
export function malformedSessionCookieGuard(clearingCookie: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (hasMalformedSessionCookie(request.headers.cookie)) {
      request.headers.cookie = request.headers
        .cookie!.split(';')
        .filter((part) => !part.trim().startsWith(`${SESSION_COOKIE}=`))
        .join(';');
      response.append('Set-Cookie', clearingCookie);
    }
    next();
  };
}
