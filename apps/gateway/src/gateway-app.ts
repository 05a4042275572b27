import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { ApiExceptionFilter } from './shared/api-exception.filter';
import { securityHeaders } from './web/security-headers';
import { webAppHandler } from './web/web-app.static';

/**
 * What the gateway adds to its Nest application before it listens: security headers on every
 * answer, `{ code, message }` errors under `/api`, the OpenAPI description at `/api/docs` (JSON at `/api/docs-json`), and the built web
 * app for every other path. The live socket attaches itself (LiveSocketServer).
 */
export function configureGatewayApp(app: INestApplication): INestApplication {
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  app.use(securityHeaders);
  app.useGlobalFilters(new ApiExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('callcart gateway')
        .setDescription('Agent desk, customer shop and catalogue admin API. Sign in first: the session travels in the cc_session cookie. Live events: WebSocket /api/live (docs/agent-events.md).')
        .setVersion('1')
        .addCookieAuth('cc_session')
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  app.use(webAppHandler(config.webRoot));
  return app;
}
