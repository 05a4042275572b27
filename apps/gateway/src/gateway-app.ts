import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { createServiceApp } from '@callcart/service-kit';
import { CATALOGUE_IMPORT_PATH } from './admin/catalogue-upload.body';
import { PROVIDER_NOTIFICATION_PATHS } from './payments/payment-notifications.controller';
import { AppModule } from './app.module';
import { csrfCookieRefresher, csrfTokenGuard } from './auth/csrf-token';
import { malformedSessionCookieGuard } from './auth/session-cookie.guard';
import { SessionsService } from './auth/sessions.service';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { ApiError } from './shared/api-error';
import { ApiExceptionFilter } from './shared/api-exception.filter';
import { earlyErrorAnswer, jsonBodyParser, jsonOnlyGuard, nulCharacterGuard, providerFormParser } from './web/request-body.guard';
import { crossSiteGuard } from './web/request-origin';
import { securityHeaders } from './web/security-headers';
import { webAppHandler } from './web/web-app.static';

/** The sign-in routes open a new session whatever cookie came along: no CSRF token yet. */
const SIGN_IN_PATHS = ['/api/auth/staff/sign-in', '/api/auth/customer/request-code', '/api/auth/customer/verify-code'];

/** Creates the gateway's Nest application (not listening yet), configured by {@link configureGatewayApp}. */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  return configureGatewayApp(await createServiceApp(AppModule.register(config), { bodyParser: false }));
}

/**
 * What the gateway adds to its Nest application before it listens: security headers on every
 * answer; the request checks of docs/security.md in order (a malformed session cookie dropped,
 * cross-site state changes refused, JSON-only bodies within a size limit, no NUL characters, the
 * CSRF token of a signed-in session), each refusal a `{ code, message }` 4xx; `{ code, message }`
 * errors under `/api`; the OpenAPI description at `/api/docs` (JSON at `/api/docs-json`); no
 * `/metrics` (it has its own port, see main.ts); and the built web app for every other path. The
 * live socket attaches itself (LiveSocketServer) and checks the origin itself.
 */
export function configureGatewayApp(app: INestApplication): INestApplication {
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  (app as NestExpressApplication).set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  app.use(malformedSessionCookieGuard(app.get(SessionsService).clearingCookie()));
  app.use(crossSiteGuard(config.publicOrigins));
  app.use(jsonOnlyGuard([CATALOGUE_IMPORT_PATH, ...PROVIDER_NOTIFICATION_PATHS]));
  app.use(jsonBodyParser);
  app.use(PROVIDER_NOTIFICATION_PATHS, providerFormParser);
  app.use(nulCharacterGuard);
  app.use(csrfCookieRefresher(config.cookieSecure));
  app.use(csrfTokenGuard([...SIGN_IN_PATHS, ...PROVIDER_NOTIFICATION_PATHS]));
  app.use('/metrics', (_request: Request, _response: Response, next: NextFunction) => next(new ApiError(404, 'NOT_FOUND', 'the metrics are served on their own port (GATEWAY_METRICS_PORT)')));
  app.use(earlyErrorAnswer);
  app.useGlobalFilters(new ApiExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('callcart gateway')
        .setDescription(
          'Agent desk, customer shop and catalogue admin API. Sign in first: the session travels in the cc_session cookie; state-changing requests of a session carry the cc_csrf cookie\'s value in X-CSRF-Token. Live events: WebSocket /api/live (docs/agent-events.md).',
        )
        .setVersion('1')
        .addCookieAuth('cc_session')
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.use(webAppHandler(config.webRoot));
  return app;
}
