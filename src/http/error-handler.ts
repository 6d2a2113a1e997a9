// The one error handler: turns any error into a negotiated error response; 500 only for our bugs.
import type { ErrorRequestHandler, Request, Response } from 'express';
import Negotiator from 'negotiator';
import type { Logger } from 'pino';
import type { CloseMatch } from '../render/pages/error.js';
import type { Site } from '../render/site.js';
import { makeRepresentation, type Representation } from '../render/representation.js';
import { HttpError, REASONS } from '../errors.js';
import { allowAnyOrigin } from './cors.js';
import { sendRepresentation } from './send.js';

const ERROR_TYPES = ['text/html', 'text/plain', 'application/json'];
/** SPARQL clients (curl, SPARQLWrapper) mostly send wildcards: they read a plain-text error best. */
const SPARQL_ERROR_TYPES = ['text/plain', 'application/json', 'text/html'];

/** Express marks client errors it raises itself (bad URI encoding, bodies) with a 4xx status. */
function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      status === 400 && error instanceof URIError
        ? 'The request path is not valid percent-encoded UTF-8.'
        : (error as Error).message;
    return new HttpError(status, message);
  }
  return undefined;
}

/**
 * Sends an error with a body in HTML, plain text or JSON, as the client accepts (never a 406 for an
 * error); the HTML page of a 404 lists `matches` when given (search's close matches).
 */
export function sendError(
  req: Request,
  res: Response,
  site: Site,
  error: HttpError,
  matches: readonly CloseMatch[] = [],
): void {
  const heading = REASONS[error.status] ?? 'Error';
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  allowAnyOrigin(res);
  const accept = req.headers.accept;
  const sparql = req.path === '/sparql';
  const offered = sparql ? SPARQL_ERROR_TYPES : ERROR_TYPES;
  const type = accept ? (new Negotiator({ headers: { accept } }).mediaType(offered) ?? 'text/plain') : offered[0];
  let page: Representation;
  if (type === 'text/html') {
    page = site.errorPage(error.status, heading, error.message, error.available, matches);
  } else if (type === 'application/json') {
    const body = {
      status: error.status,
      error: heading,
      message: error.message,
      ...(error.available ? { available: error.available } : {}),
    };
    page = makeRepresentation(`${JSON.stringify(body)}\n`, 'application/json; charset=utf-8');
  } else {
    const body = `${error.status} ${heading}\n\n${error.message}\n${error.available ? `\n${error.available.join('\n')}\n` : ''}`;
    page = makeRepresentation(body, 'text/plain; charset=utf-8');
  }
  // Like any representation: an ETag (docs/contract.md), brotli or gzip when the client takes it
  // and the body is long enough, Content-Length for HEAD too; never a 304 (an error has a status).
  sendRepresentation(req, res, page, { status: error.status, negotiated: true, cacheControl: 'no-store' });
}

/** The express error middleware. Unknown errors are logged in full and answered as a bare 500. */
export function createErrorHandler(site: Site, logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = asHttpError(error);
    if (known) {
      // Ours, not the client's (the store is away, the engine is full): a line for the operator.
      if (known.status >= 500)
        logger.warn({ status: known.status, url: req.originalUrl, reason: known.message }, 'request not answered');
      sendError(req, res, site, known);
      return;
    }
    logger.error({ err: error, url: req.originalUrl }, 'unhandled error');
    res.status(500).type('text/plain').end('500 Internal Server Error\n');
  };
}
