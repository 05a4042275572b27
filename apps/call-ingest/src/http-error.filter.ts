import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** Stable codes for the statuses call-ingest's HTTP side answers without one of its own. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'INVALID_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** What a thrown error says about its HTTP status: Nest's exceptions, and body-parser's `http-errors`. */
function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * Every refusal of call-ingest's HTTP side as `{ code, message }`, like the rest of the API:
 * Nest's own exceptions, the body parser's (a bad charset 415, malformed JSON 400, too large
 * 413) and anything unexpected (500 `INTERNAL`, logged, its details kept out of the answer);
 * the health check's own 503 body is kept.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = statusOf(error);
    const body = error instanceof HttpException ? error.getResponse() : undefined;
    // Answers already in our shape, and server-side answers of Nest's own (the health check's 503 detail), pass unchanged.
    if (body && typeof body === 'object' && (typeof (body as { code?: unknown }).code === 'string' || status >= 500)) {
      response.status(status).json(body);
      return;
    }
    if (status >= 500) {
      this.logger.error({ msg: 'request failed', err: (error as Error)?.message });
      response.status(status).json({ code: 'INTERNAL', message: 'call-ingest could not answer this request' });
      return;
    }
    const message = (error as Error)?.message || 'the request was refused';
    response.status(status).json({ code: CODE_OF_STATUS[status] ?? 'INVALID_REQUEST', message });
  }
}
