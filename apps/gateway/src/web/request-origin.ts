import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../shared/api-error';

/** Methods that change nothing: a cross-site page may cause them (links, images) without harm. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a method may change state, and so must come from one of the gateway's own pages. */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a browser request comes from a page the gateway trusts: its `Origin` is the gateway's
 * own (same host and port as the `Host` header) or one of the configured public origins. Without
 * `Origin`, `Sec-Fetch-Site` must say same-origin or none (typed by the user). A request with
 * neither header is not a browser's (curl, the gateway client): a cross-site page cannot make a
 * browser drop both, so such a request carries no forged intent.
 */
export function isTrustedOrigin(headers: IncomingHttpHeaders, publicOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin !== undefined) {
    if (publicOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === headers.host;
    } catch {
      return false; // "null" (sandboxed frames, file:) or garbage
    }
  }
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * Refuses (403 `CROSS_SITE_REQUEST`) a state-changing request sent by a page of another origin:
 * `SameSite=Lax` lets a sibling port or subdomain send the session cookie, the origin check
 * does not (docs/security.md).
 */
export function crossSiteGuard(publicOrigins: readonly string[]) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!isStateChanging(request.method) || isTrustedOrigin(request.headers, publicOrigins)) return next();
    next(new ApiError(403, 'CROSS_SITE_REQUEST', `requests from ${request.headers.origin ?? 'another site'} are not accepted; use the callcart pages`));
  };
}
