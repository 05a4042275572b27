import type { NextFunction, Request, Response } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../shared/api-error';
import { isStateChanging } from '../web/request-origin';
import { readCookie, SESSION_COOKIE } from './sessions.service';

/** The cookie the web app reads its CSRF token from (readable by the page, unlike cc_session). */
export const CSRF_COOKIE = 'cc_csrf';
/** The header a state-changing request of a signed-in session carries the token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: an HMAC keyed by the session token (docs/decisions/0070). Only
 * whoever holds the HttpOnly session token, or a page of the gateway's own origin that can read
 * `cc_csrf`, can know it; nothing is stored, and it ends with the session.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('callcart csrf v1').digest('base64url');
}

/** The `Set-Cookie` value that hands the page its session's CSRF token. */
export function csrfCookieFor(sessionToken: string, secure: boolean): string {
  return [`${CSRF_COOKIE}=${csrfTokenFor(sessionToken)}`, 'Path=/', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

/** The `Set-Cookie` value that removes the CSRF cookie (at sign-out). */
export function csrfClearingCookie(secure: boolean): string {
  return [`${CSRF_COOKIE}=`, 'Path=/', 'SameSite=Strict', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ');
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses (403 `CSRF_TOKEN_INVALID`) a state-changing API request that carries a session cookie
 * but not that session's token in `X-CSRF-Token`. Requests without a session act for nobody;
 * the sign-in routes in `exemptPaths` open a new session whatever cookie came along.
 */
export function csrfTokenGuard(exemptPaths: readonly string[]) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!isStateChanging(request.method) || !request.path.startsWith('/api/') || exemptPaths.includes(request.path)) return next();
    const sessionToken = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!sessionToken) return next();
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent === 'string' && sameToken(sent, csrfTokenFor(sessionToken))) return next();
    next(new ApiError(403, 'CSRF_TOKEN_INVALID', `send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header`));
  };
}

/**
 * Hands a session's CSRF token to a browser that holds the session but not the token (a session
 * opened before the token existed, a cleared cookie): on any request, so the page's first read
 * (`GET /api/auth/me`) repairs it and the user is never stuck with a session they cannot use.
 */
export function csrfCookieRefresher(secure: boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const sessionToken = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (sessionToken && readCookie(request.headers.cookie, CSRF_COOKIE) !== csrfTokenFor(sessionToken)) {
      response.append('Set-Cookie', csrfCookieFor(sessionToken, secure));
    }
    next();
  };
}
