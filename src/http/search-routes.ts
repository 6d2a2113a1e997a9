// Search: GET /search?q= (HTML or JSON, negotiated), /opensearch.xml, and close matches on the 404
// page. Mounted after the document routes: its router ends with the site's "nothing here" 404, and
// its error handler gives every HTML 404 (from any route, the fast path's too) its close matches.
import { Router, type ErrorRequestHandler, type Request } from 'express';
import { HttpError } from '../errors.js';
import { MAX_QUERY_LENGTH, MAX_RESULTS } from '../render/search-index.js';
import type { SearchFormat } from '../render/pages/search.js';
import type { Site } from '../render/site.js';
import { sendError } from './error-handler.js';
import { negotiateFormat } from './negotiate.js';
import { sendRepresentation } from './send.js';

const SEARCH_FORMATS: ReadonlyArray<{ id: SearchFormat; mediaType: string; aliases: readonly string[] }> = [
  { id: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'] },
  { id: 'json', mediaType: 'application/json', aliases: [] },
];

/** The query of a search request: once, not empty, at most MAX_QUERY_LENGTH characters; else a 400. */
export function searchQuery(req: Request): string {
  const q = req.query.q;
  if (q === undefined) throw HttpError.badRequest('Say what to search for: /search?q=words (a name or an acronym).');
  if (typeof q !== 'string') throw HttpError.badRequest('The q parameter must be given once.');
  const trimmed = q.trim();
  if (trimmed === '') throw HttpError.badRequest('The q parameter is empty: say what to search for.');
  if ([...trimmed].length > MAX_QUERY_LENGTH)
    throw HttpError.badRequest(`The q parameter is too long: at most ${MAX_QUERY_LENGTH} characters.`);
  return trimmed;
}

/** The optional `limit` (1 to MAX_RESULTS, default MAX_RESULTS); else a 400. */
function searchLimit(req: Request): number {
  const raw = req.query.limit;
  if (raw === undefined) return MAX_RESULTS;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,2}$/.test(raw) || Number(raw) > MAX_RESULTS)
    throw HttpError.badRequest(`The limit parameter must be a whole number from 1 to ${MAX_RESULTS}, once.`);
  return Number(raw);
}

/** The search routes, then the 404 of every path no route answered. */
export function searchRoutes(site: Site): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router.get('/search', async (req, res) => {
    const format = negotiateFormat(req.headers.accept, SEARCH_FORMATS);
    if (!format) throw HttpError.notAcceptable(SEARCH_FORMATS.map((f) => f.mediaType));
    const rep = await site.search().results(searchQuery(req), format.id, searchLimit(req));
    sendRepresentation(req, res, rep, { negotiated: true });
  });
  router.get('/opensearch.xml', async (req, res) => sendRepresentation(req, res, await site.search().openSearch()));
  // Here rather than after this router, so that closeMatches (the next handler) sees this 404 too.
  router.use((_req, _res, next) => next(HttpError.notFound()));
  return router;
}

/**
 * An HTML 404 lists the published things named like the address's last segment ("did you mean");
 * everything else (other statuses, plain text, JSON) goes on to the error handler unchanged.
 */
export function closeMatches(site: Site): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const wantsHtml = (): boolean => {
      const format = negotiateFormat(req.headers.accept, [
        { mediaType: 'text/html', aliases: [] },
        { mediaType: 'text/plain', aliases: [] },
        { mediaType: 'application/json', aliases: [] },
      ]);
      return format?.mediaType === 'text/html';
    };
    if (!(error instanceof HttpError) || error.status !== 404 || res.headersSent || !wantsHtml()) {
      next(error);
      return;
    }
    site
      .search()
      .closeMatches(req.path)
      .then(
        (matches) => sendError(req, res, site, error, matches), // the error handler's own response
        () => next(error), // no index (a store failure): the plain 404 page
      );
  };
}
