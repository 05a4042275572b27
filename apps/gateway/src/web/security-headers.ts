import type { NextFunction, Request, Response } from 'express';

const STRICT_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
/** Swagger UI needs inline styles and data: images on its own page. */
const DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'";

/** 180 days: a browser that once reached the gateway over HTTPS never tries plain HTTP again. */
const HSTS = 'max-age=15552000';

/**
 * Security headers on every answer: a Content-Security-Policy that runs only the app's own
 * scripts (so a product name like `<img onerror>` can never run even if mis-rendered), no MIME
 * sniffing, no framing, no referrer leaks; and over HTTPS (directly, or per X-Forwarded-Proto
 * from a proxy that GATEWAY_TRUST_PROXY trusts) Strict-Transport-Security.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', request.path.startsWith('/api/docs') ? DOCS_CSP : STRICT_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  if (request.secure) response.setHeader('Strict-Transport-Security', HSTS);
  next();
}
