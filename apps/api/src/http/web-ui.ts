import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Serves the web UI's build: its files as they are (hashed assets cached for a year), and index.html for any other
 * GET that accepts HTML, so the single-page app's routes survive a reload. Never under /api: an unknown API path
 * still answers the API's JSON 404. Plain Express middleware, so nothing is added to the OpenAPI document.
 */
export function serveWebUi(app: NestExpressApplication, directory: string): boolean {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  // A path whose last segment has an extension is a file: a missing one is a 404, not the app.
  const isFile = (path: string) => /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1));
  app.useStaticAssets(root, {
    index: false,
    setHeaders(response, path) {
      const hashed = path.startsWith(join(root, 'assets'));
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      isApi(request.path) ||
      isFile(request.path) ||
      !request.accepts('html')
    ) {
      return next();
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
