import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>callcart</title></head>
<body><h1>callcart gateway</h1><p>The web app is not built. Build it (dist/apps/web) and restart the gateway; the API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Paths the web app never owns: the API, the live socket and the service endpoints. */
function isServicePath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/health' || path.startsWith('/health/') || path === '/metrics';
}

/**
 * Serves the built web app from `webRoot` when it exists: its files, and `index.html` for any
 * other GET outside the API (the app routes on the client). Without a build, a small page says
 * so. Service paths always fall through to the API.
 */
export function webAppHandler(webRoot: string): RequestHandler {
  const root = resolve(webRoot);
  const built = existsSync(join(root, 'index.html'));
  const files = built ? express.static(root, { index: false, fallthrough: true }) : undefined;
  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isServicePath(request.path)) return next();
    if (!files) {
      response.status(200).type('html').send(NOT_BUILT_PAGE);
      return;
    }
    files(request, response, () => response.sendFile(join(root, 'index.html')));
  };
}
