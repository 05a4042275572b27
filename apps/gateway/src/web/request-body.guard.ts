import { containsNulCharacter } from '@callcart/contracts';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ApiError } from '../shared/api-error';
import { isStateChanging } from './request-origin';

/** The largest JSON body the API reads: the biggest command (a product edit with aliases) is a few KB. */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/** `application/json`, optionally with `charset=utf-8`: the only body the JSON API reads. */
function isUtf8Json(contentType: string): boolean {
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || parameter.replace(/"/g, '') === 'charset=utf-8');
}

/**
 * Lets through only bodies the API reads: JSON in UTF-8, not compressed (415 otherwise). Forms
 * and `text/plain` are what a cross-site page can send without asking the browser first, so the
 * API never reads them. Paths in `rawBodyPaths` (the catalogue upload) check their own types.
 */
export function jsonOnlyGuard(rawBodyPaths: readonly string[]): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (!isStateChanging(request.method) || !hasBody(request)) return next();
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return next(new ApiError(415, 'UNSUPPORTED_ENCODING', 'send the body uncompressed (no Content-Encoding)'));
    }
    if (rawBodyPaths.includes(request.path)) return next();
    if (!isUtf8Json(request.headers['content-type'] ?? '')) {
      return next(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json (UTF-8)'));
    }
    next();
  };
}

/** The JSON parser of the API: objects and arrays only, at most {@link JSON_BODY_LIMIT_BYTES}. */
export const jsonBodyParser: RequestHandler = express.json({ limit: JSON_BODY_LIMIT_BYTES, strict: true, inflate: false });

/**
 * The form parser of the payment providers' notification paths only (Alipay posts its signed
 * notification as a form): flat fields, at most 200 of them and {@link JSON_BODY_LIMIT_BYTES}.
 */
export const providerFormParser: RequestHandler = express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT_BYTES, parameterLimit: 200, inflate: false });

/**
 * Refuses (400) a request whose body, query or path holds a NUL character: PostgreSQL cannot
 * store one in text, so it would otherwise fail deep inside a service as a 5xx.
 */
export function nulCharacterGuard(request: Request, _response: Response, next: NextFunction): void {
  let path = request.path;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return next(new ApiError(400, 'INVALID_REQUEST', 'the path is not valid percent-encoding'));
  }
  if (path.includes('\u0000') || containsNulCharacter(request.query) || containsNulCharacter(request.body)) {
    return next(new ApiError(400, 'INVALID_REQUEST', 'text must not contain the NUL character (\\u0000)'));
  }
  next();
}

/** body-parser's error types and what the API answers for each. */
const PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': { status: 413, code: 'BODY_TOO_LARGE', message: `the body is larger than ${JSON_BODY_LIMIT_BYTES} bytes` },
  'entity.parse.failed': { status: 400, code: 'INVALID_REQUEST', message: 'the body is not valid JSON (an object or an array)' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json (UTF-8)' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING', message: 'send the body uncompressed (no Content-Encoding)' },
  'request.aborted': { status: 400, code: 'INVALID_REQUEST', message: 'the body broke off' },
  'request.size.invalid': { status: 400, code: 'INVALID_REQUEST', message: 'the body is shorter or longer than its Content-Length' },
  'stream.encoding.set': { status: 400, code: 'INVALID_REQUEST', message: 'the body could not be read' },
  // A provider's form with more fields than the form parser takes (no notification has them).
  'parameters.too.many': { status: 413, code: 'BODY_TOO_LARGE', message: 'the form has too many fields' },
};

/**
 * The last word on an error raised before the API's routes (the guards above, the JSON parser):
 * `{ code, message }` with a 4xx, never a stack trace or an HTML page.
 */
export function earlyErrorAnswer(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  if (error instanceof ApiError) {
    response.status(error.getStatus()).json(error.getResponse());
    return;
  }
  const parserError = PARSER_ERRORS[(error as { type?: string }).type ?? ''];
  if (parserError) {
    request.resume();
    response.status(parserError.status).json({ code: parserError.code, message: parserError.message });
    return;
  }
  next(error);
}
