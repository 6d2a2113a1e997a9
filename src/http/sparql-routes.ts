// The SPARQL 1.1 Protocol endpoint at /sparql: queries, the service description, the editor.
import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import { FORMATS } from '../negotiate/formats.js';
import { negotiateFormat } from '../negotiate/negotiate.js';
import { makeRepresentation } from '../render/representation.js';
import type { Site } from '../render/site.js';
import { analyseQuery } from '../sparql/analyse-query.js';
import { runDescribe } from '../sparql/describe.js';
import type { SparqlEngine } from '../sparql/engine.js';
import { parseProtocolRequest } from '../sparql/protocol.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS, resultContentType, type ResultFormat } from '../sparql/result-formats.js';
import { serviceDescription } from '../sparql/service-description.js';
import { HttpError } from './http-error.js';
import { sendRepresentation } from './send.js';

export const SPARQL_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];

/** The HTML editor offered beside result formats: a browser asking for HTML gets the editor. */
const HTML: ResultFormat = {
  id: 'html',
  mediaType: 'text/html',
  aliases: ['application/xhtml+xml'],
  label: 'HTML',
  formatIri: '',
};

export function sparqlRoutes(site: Site, engine: SparqlEngine, config: Config): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const limits = { ...engine.limits, maxQueryBytes: config.sparql.maxQueryBytes };
  // A form-encoded body can be three times the query's length; anything larger is refused by body-parser with 413.
  const rawBody = express.raw({ type: () => true, limit: config.sparql.maxQueryBytes * 3 + 1024 });

  router.all('/sparql', rawBody, async (req: Request, res: Response) => {
    const body = req.method === 'POST' && Buffer.isBuffer(req.body) ? req.body : undefined;
    const { query } = parseProtocolRequest(req, body, limits);

    if (query === undefined) {
      const format = negotiateFormat(req.headers.accept, FORMATS);
      if (!format) throw HttpError.notAcceptable(FORMATS.map((f) => f.mediaType));
      const rep = format.rdf
        ? await site.cachedRdf(
            'service-description',
            () => serviceDescription(site.baseIri, site.tripleCount, limits),
            format,
            `${site.baseIri}sparql#service`,
          )
        : await site.sparqlEditorPage();
      sendRepresentation(req, res, rep, { negotiated: true });
      return;
    }

    const analysed = analyseQuery(query, site.baseIri);
    const formats = analysed.form === 'SELECT' || analysed.form === 'ASK' ? SOLUTION_FORMATS : GRAPH_FORMATS;
    const format = negotiateFormat(req.headers.accept, [...formats, HTML]);
    if (!format) throw HttpError.notAcceptable(formats.map((f) => f.mediaType));
    if (format === HTML) {
      sendRepresentation(req, res, await site.sparqlEditorPage(query), { negotiated: true, cacheControl: 'no-store' });
      return;
    }

    // The ETag depends only on the data version, the query and the format, so a 304 costs no evaluation.
    const etag = `"${createHash('sha256').update(`${site.dataset.version}\n${format.id}\n${query}`).digest('base64url').slice(0, 27)}"`;
    const cacheable = req.method !== 'POST';
    if (cacheable) {
      res.setHeader('ETag', etag);
      if (req.fresh) {
        res.setHeader('Vary', 'Accept');
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.status(304).end();
        return;
      }
    }
    const result =
      analysed.form === 'DESCRIBE'
        ? await runDescribe(query, analysed, format, site, engine)
        : await engine.run({ query, form: analysed.form, format });
    const rep = makeRepresentation(result, resultContentType(format), etag);
    sendRepresentation(req, res, rep, {
      negotiated: true,
      cacheControl: cacheable ? 'public, max-age=300' : 'no-store',
    });
  });

  // The worked examples: an HTML page (questions, queries, editor links, curl commands for CSV).
  router.get('/sparql/examples', async (req: Request, res: Response) => {
    const format = negotiateFormat(req.headers.accept, [HTML]);
    if (!format) throw HttpError.notAcceptable([HTML.mediaType]);
    sendRepresentation(req, res, await site.sparqlExamplesPage());
  });

  return router;
}
