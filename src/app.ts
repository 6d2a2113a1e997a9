// createApp(): wires the stages into an express app. It never listens.
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { writePreflight } from './http/cors.js';
import { documentRoutes, thingRoutes } from './http/document-routes.js';
import { createErrorHandler } from './http/error-handler.js';
import { HttpError } from './errors.js';
import { createRequestLog, requestLogger, type RequestLogSink } from './http/request-log.js';
import { closeMatches, searchRoutes } from './http/search-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { staticFiles } from './http/send.js';
import { SPARQL_METHODS, sparqlRoutes } from './http/sparql-routes.js';
import { RepresentationCache } from './render/representation.js';
import type { Site } from './render/site.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  /** Every representation of the loaded, validated dataset. */
  readonly site: Site;
  /** The store: its query engine answers /sparql (the pages read it through the site). */
  readonly store: Store;
  readonly logger: Logger;
  /** Where request lines go (pino's destination); without it they go through `logger.info()`. */
  readonly requestLogSink?: RequestLogSink;
  /** Folder of templates and assets (views/). */
  readonly viewsDir: string;
}

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];
/** The `service` field of every log line. */
export const SERVICE_NAME = 'iom-linked-data';
/** YASGUI's browser build, served from node_modules through our own route (no CDN). */
const YASGUI_BUILD = path.dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui/build/yasgui.min.js'));
/** Apache ECharts' browser build (the editor's chart and graph views), from node_modules through our own route. */
const ECHARTS_BUILD = path.dirname(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'));

/** Builds the platform's express app. */
export function createApp(config: Config, deps: AppDeps): Express {
  const { site, store, logger, viewsDir } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // our representations carry their own strong ETags
  app.set('query parser', 'simple');
  const logRequest = createRequestLog(logger, deps.requestLogSink, { service: SERVICE_NAME });
  // First of all, so every response has them: the fast path's, the router's, assets, SPARQL, errors.
  app.use(securityHeaders(config.baseIri, config.siteUrl));
  // The thing and document routes come first: they log for themselves and skip the general checks,
  // which they make on their own terms (GET/HEAD only, plain slug segments).
  app.use(thingRoutes(site, logRequest));
  app.use(requestLogger(logRequest));

  app.use((req: Request, res: Response, next: NextFunction) => {
    const allowed = req.path === '/sparql' ? SPARQL_METHODS : READ_METHODS;
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allowed.join(', '));
      writePreflight(res, allowed);
      res.status(204).end();
      return;
    }
    if (!allowed.includes(req.method)) {
      next(HttpError.methodNotAllowed(allowed));
      return;
    }
    // A `..` or `.` segment, raw or percent-encoded, never names a resource of ours.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(req.path)) {
      next(HttpError.badRequest('Paths with "." or ".." segments are not allowed.'));
      return;
    }
    next();
  });

  // Assets are served from memory, compressed once per coding (brotli, gzip) with a strong ETag
  // each, in their own cache (bounded by CACHE_MAX_BYTES too, at most 32 MiB: the editor's bundle
  // and its source map, compressed, are about 8 MiB).
  const assets = new RepresentationCache(Math.min(config.cacheMaxBytes, 32 * 1024 * 1024));
  app.use('/assets/yasgui', staticFiles(YASGUI_BUILD, { maxAgeSeconds: 86_400, cache: assets }));
  app.use('/assets/echarts', staticFiles(ECHARTS_BUILD, { maxAgeSeconds: 86_400, cache: assets }));
  app.use('/assets', staticFiles(path.join(viewsDir, 'assets'), { maxAgeSeconds: 3_600, cache: assets }));
  app.use(sparqlRoutes(site, store, config));
  app.use(documentRoutes(site));
  app.use(searchRoutes(site), closeMatches(site)); // /search, /opensearch.xml, then every 404 (with close matches)
  app.use((_req: Request, _res: Response, next: NextFunction) => next(HttpError.notFound()));
  app.use(createErrorHandler(site, logger));
  return app;
}
