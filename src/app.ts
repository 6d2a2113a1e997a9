// createApp(): wires the stages into an express app. It never listens.
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { LoadedDataset } from './dataset/load.js';
import { documentRoutes } from './http/document-routes.js';
import { createErrorHandler } from './http/error-handler.js';
import { HttpError } from './http/http-error.js';
import { Site } from './render/site.js';

export interface AppDeps {
  /** The loaded (and already validated) dataset. */
  readonly dataset: LoadedDataset;
  readonly logger: Logger;
  /** Folder of templates and assets; defaults to the project's views/. */
  readonly viewsDir?: string;
}

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Builds the platform's express app from the configuration and the loaded dataset. */
export function createApp(config: Config, deps: AppDeps): { app: Express; site: Site } {
  const viewsDir = deps.viewsDir ?? path.join(config.root, 'views');
  const site = new Site(deps.dataset, viewsDir);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // our representations carry their own strong ETags
  app.set('query parser', 'simple');
  app.use(pinoHttp({ logger: deps.logger, quietReqLogger: true, autoLogging: { ignore: () => deps.logger.level === 'silent' } }));

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', READ_METHODS.join(', '));
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', READ_METHODS.join(', '));
      res.setHeader('Access-Control-Allow-Headers', 'Accept, If-None-Match, Content-Type');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    if (!READ_METHODS.includes(req.method)) {
      next(HttpError.methodNotAllowed(READ_METHODS));
      return;
    }
    // A `..` or `.` segment, raw or percent-encoded, never names a resource of ours.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(req.path)) {
      next(HttpError.badRequest('Paths with "." or ".." segments are not allowed.'));
      return;
    }
    next();
  });

  app.use('/assets', express.static(path.join(viewsDir, 'assets'), { fallthrough: true, index: false, maxAge: '1h' }));
  app.use(documentRoutes(site));
  app.use((_req: Request, _res: Response, next: NextFunction) => next(HttpError.notFound()));
  app.use(createErrorHandler(site, deps.logger));
  return { app, site };
}
