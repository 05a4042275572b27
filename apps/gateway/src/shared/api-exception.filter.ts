import { type ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * Gives every error under `/api` the body `{ code, message }`: Nest's own errors (an unknown
 * route, malformed JSON) get a code from their status, and an unexpected failure becomes a 500
 * `INTERNAL` without details (they go to the log). Other paths (`/health`) keep Nest's answers.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Api');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (!request?.path?.startsWith('/api')) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'code' in body && 'message' in body) {
        response.status(status).json(body);
        return;
      }
      response.status(status).json({ code: status === 400 ? 'INVALID_REQUEST' : (HttpStatus[status] ?? 'ERROR'), message: exception.message });
      return;
    }
    this.logger.error({ msg: 'request failed', path: request.path, err: exception });
    response.status(500).json({ code: 'INTERNAL', message: 'the gateway failed to handle the request' });
  }
}
