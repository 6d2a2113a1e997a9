// The SPARQL 1.1 Protocol endpoint at /sparql: queries, the service description, the editor.
import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import { FORMATS } from '../rdf/formats.js';
import { serviceIri } from '../rdf/layout.js';
import { negotiateFormat } from './negotiate.js';
import { makeRepresentation } from '../render/representation.js';
import type { Site } from '../render/site.js';
import type { SparqlEngine } from '../sparql/engine.js';
import { parseProtocolRequest } from '../sparql/protocol.js';
import { QueryTooDeepError, checkBracketDepth } from '../sparql/query-depth.js';
import { EDITOR_HTML, GRAPH_FORMATS, SOLUTION_FORMATS, resultContentType } from '../rdf/result-formats.js';
import { serviceDescription } from '../sparql/service-description.js';
import { HttpError } from '../errors.js';
import { answerNotModified, sendRepresentation } from './send.js';

export const SPARQL_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];

export function sparqlRoutes(site: Site, engine: SparqlEngine, config: Config): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const limits = { ...engine.limits, maxQueryBytes: config.sparql.maxQueryBytes };
  // A form-encoded body can be three times the query's length; anything larger is refused by body-parser with 413.
  const rawBody = express.raw({ type: () => true, limit: config.sparql.maxQueryBytes * 3 + 1024 });

  router.all('/sparql', rawBody, async (req: Request, res: Response) => {
    const body = req.method === 'POST' && Buffer.isBuffer(req.body) ? req.body : undefined;
    const { query } = parseProtocolRequest(
      { method: req.method, originalUrl: req.originalUrl, contentType: req.headers['content-type'] },
      body,
      limits,
    );

    if (query === undefined) {
      const format = negotiateFormat(req.headers.accept, FORMATS);
      if (!format) throw HttpError.notAcceptable(FORMATS.map((f) => f.mediaType));
      const rep = format.rdf
        ? await site.cachedRdf(
            'service-description',
            () => serviceDescription(site.baseIri, site.tripleCount, limits),
            format,
            serviceIri(site.baseIri),
          )
        : await site.sparqlEditorPage();
      sendRepresentation(req, res, rep, { negotiated: true });
      return;
    }

    // Only work bounded by the request's size happens here: a linear scan of the brackets (a too
    // deep query is refused in milliseconds) and negotiation for both families of forms. Parsing
    // and evaluation happen in the engine, under the deadline.
    try {
      checkBracketDepth(query, engine.limits.maxDepth);
    } catch (error) {
      if (error instanceof QueryTooDeepError) throw HttpError.badRequest(error.message);
      throw error;
    }
    const solution = negotiateFormat(req.headers.accept, [...SOLUTION_FORMATS, EDITOR_HTML]);
    const graph = negotiateFormat(req.headers.accept, [...GRAPH_FORMATS, EDITOR_HTML]);
    if (solution === EDITOR_HTML && graph === EDITOR_HTML) {
      sendRepresentation(req, res, await site.sparqlEditorPage(query), { negotiated: true, cacheControl: 'no-store' });
      return;
    }

    // The ETag depends only on the data version, the query and the formats negotiated, so a 304 costs no
    // evaluation; it is decided by answerNotModified(), the same rule as every representation's.
    const etag = `"${createHash('sha256')
      .update(`${site.dataset.version}\n${solution?.id ?? ''}\n${graph?.id ?? ''}\n${query}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    const cacheable = req.method !== 'POST';
    if (cacheable && answerNotModified(req, res, { etag, vary: 'Accept' })) return;
    const answer = await engine.run({ query, solutionFormat: solution?.id ?? null, graphFormat: graph?.id ?? null });
    if (answer.kind === 'editor') {
      sendRepresentation(req, res, await site.sparqlEditorPage(query), { negotiated: true, cacheControl: 'no-store' });
      return;
    }
    const format = [...SOLUTION_FORMATS, ...GRAPH_FORMATS].find((f) => f.id === answer.format);
    if (!format) throw new Error(`the engine answered in an unknown format ${answer.format}`);
    const rep = makeRepresentation(answer.body, resultContentType(format), etag);
    sendRepresentation(req, res, rep, {
      negotiated: true,
      cacheControl: cacheable ? 'public, max-age=300' : 'no-store',
    });
  });

  // The worked examples: an HTML page (questions, queries, editor links, curl commands for CSV).
  router.get('/sparql/examples', async (req: Request, res: Response) => {
    const format = negotiateFormat(req.headers.accept, [EDITOR_HTML]);
    if (!format) throw HttpError.notAcceptable([EDITOR_HTML.mediaType]);
    sendRepresentation(req, res, await site.sparqlExamplesPage());
  });

  return router;
}
