// Routes of the linked-data documents: /id, /doc, collections, ontology, shapes, dataset, dumps.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { FORMATS, formatById, type FormatEntry } from '../rdf/formats.js';
import { collectionIri, documentIri } from '../rdf/layout.js';
import { negotiateFormat } from './negotiate.js';
import { etagOf, type Representation } from '../render/representation.js';
import type { CollectionKinds, TypeFacet } from '../render/pages/collection.js';
import type { Site } from '../render/site.js';
import { PICTURE_NAMES, isPictureName } from '../render/pictures/pictures.js';
import {
  resolveCollectionPath,
  resolveDocPath,
  resolveIdPath,
  splitExtension,
  type Resolution,
} from '../resolve/resolve-path.js';
import type { Things } from '../resolve/things.js';
import { HttpError } from '../errors.js';
import type { Collection } from '../rdf/vocab.js';
import { allowAnyOrigin } from './cors.js';
import type { LogRequest } from './request-log.js';
import { CACHE_DOCUMENTS, sendFileRepresentation, sendRepresentation, type SendOptions } from './send.js';

/** The format of a request: the extension's, else negotiated; 406 when nothing fits. */
function chooseFormat(
  req: Request,
  fixed: FormatEntry | undefined,
  offered: readonly FormatEntry[] = FORMATS,
): FormatEntry {
  if (fixed) {
    if (!offered.includes(fixed)) throw HttpError.notFound(`This resource is not available as ${fixed.label}.`);
    return fixed;
  }
  const format = negotiateFormat(req.headers.accept, offered);
  if (!format) throw HttpError.notAcceptable(offered.map((f) => f.mediaType));
  return format;
}

/** Sends a negotiated or fixed-format representation of something available in several formats. */
async function sendVariant(
  req: Request,
  res: Response,
  stem: string,
  fixed: FormatEntry | undefined,
  offered: readonly FormatEntry[],
  make: (format: FormatEntry) => Promise<Representation>,
  query = '',
): Promise<void> {
  const format = chooseFormat(req, fixed, offered);
  sendRepresentation(req, res, await make(format), variantOptions(stem, fixed, format, query));
}

/**
 * A negotiated answer varies by Accept and names its variant; a fixed-format one does neither. The
 * stem is the variant's address on this server (`site.onSite`), where the client can fetch it.
 */
function variantOptions(stem: string, fixed: FormatEntry | undefined, format: FormatEntry, query = ''): SendOptions {
  return fixed === undefined ? { negotiated: true, contentLocation: `${stem}.${format.extension}${query}` } : {};
}

/** A redirect to a URL of ours goes to this server (SITE_URL), never to the request's Host. */
function redirect(res: Response, site: Site, status: number, target: string): void {
  const location = site.onSite(target);
  res.setHeader('Location', location);
  allowAnyOrigin(res);
  res.setHeader('Cache-Control', status === 301 ? 'public, max-age=86400' : CACHE_DOCUMENTS);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  const body = `${status === 301 ? 'Moved Permanently' : 'See Other'}: ${location}\n`;
  res.setHeader('Content-Length', String(Buffer.byteLength(body))); // HEAD too: it answers as GET
  res.setHeader('ETag', etagOf(body)); // every response carries one (docs/contract.md)
  res.status(status).end(res.req.method === 'HEAD' ? undefined : body);
}

async function answer(req: Request, res: Response, site: Site, resolution: Resolution): Promise<void> {
  switch (resolution.kind) {
    case 'redirect':
      redirect(res, site, resolution.status, resolution.location);
      return;
    case 'gone': {
      const page = await site.gonePage(resolution.thing);
      // The 410 page is negotiated like any error, but HTML gets the page that explains the withdrawal.
      const wantsHtml = negotiateFormat(req.headers.accept, FORMATS)?.id === 'html';
      if (wantsHtml) {
        sendRepresentation(req, res, page, { status: 410, negotiated: true, cacheControl: 'public, max-age=300' });
        return;
      }
      throw HttpError.gone(
        `${resolution.thing.label} (${resolution.thing.iri}) has been withdrawn and is no longer published.`,
      );
    }
    case 'not-found':
      throw HttpError.notFound();
    case 'document': {
      const thing = resolution.thing;
      // The range is the document's to check: it knows its number of pages once it has read the thing.
      const page = pageNumber(req);
      await sendVariant(
        req,
        res,
        site.onSite(documentIri(thing, site.baseIri)),
        resolution.format,
        FORMATS,
        (f) => site.resourceDocument(thing, f, page),
        page > 1 ? `?page=${page}` : '',
      );
      return;
    }
    case 'collection': {
      const { collection } = resolution;
      const facet = parseType(req, site.collectionKinds(collection), collection);
      const page = pageWithin(req, site.pageCount(collection, facet));
      const stem = collectionIri(site.baseIri, collection);
      await sendVariant(
        req,
        res,
        site.onSite(stem),
        resolution.format,
        FORMATS,
        (f) => site.collectionDocument(collection, page, facet, f),
        collectionIri(site.baseIri, collection, page, facet?.curie).slice(stem.length),
      );
      return;
    }
  }
}

/**
 * The kind a listing is narrowed to (`?type=mig:GlobalProcess`, or the class's full IRI): any class
 * a member has. A kind every member has narrows nothing: the whole listing (no facet) answers.
 */
function parseType(req: Request, kinds: CollectionKinds, collection: Collection): TypeFacet | undefined {
  const raw = req.query.type;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw HttpError.badRequest('The type parameter names one kind, once.');
  const facet = kinds.all.get(raw) ?? [...kinds.all.values()].find((f) => f.curie === raw);
  if (facet) return facet.count < kinds.members ? facet : undefined;
  const named = JSON.stringify(raw.slice(0, 100));
  throw HttpError.badRequest(
    kinds.shown.length === 0
      ? `No member of the ${collection} listing has the type ${named}; its members are all of one kind.`
      : `No member of the ${collection} listing has the type ${named}. Its kinds are: ${kinds.shown.map((f) => f.curie).join(', ')}.`,
  );
}

/** The page asked for (`?page=N`, 1 without one); a 400 for what is not a page number. */
function pageNumber(req: Request): number {
  const raw = req.query.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw))
    throw HttpError.badRequest('The page parameter must be a positive whole number, once.');
  return Number(raw);
}

/** The page asked for of a listing of `pages` pages; a 404 past the last. */
function pageWithin(req: Request, pages: number): number {
  const page = pageNumber(req);
  if (page > pages) throw HttpError.notFound(pages === 1 ? 'There is 1 page.' : `There are ${pages} pages.`);
  return page;
}

/** A file-like route under a stem (`/ontology`, `/ontology.ttl`): the format from the extension or Accept. */
function stemRoute(
  router: Router,
  stem: string,
  offered: readonly FormatEntry[],
  make: (site: Site, f: FormatEntry) => Promise<Representation>,
  site: Site,
): void {
  router.get(new RegExp(`^/${stem}(?:\\.([a-z]+))?$`), async (req, res) => {
    const extension = (req.params as Record<string, string | undefined>)[0];
    let fixed: FormatEntry | undefined;
    if (extension !== undefined) {
      const { format } = splitExtension(`x.${extension}`);
      if (!format) throw HttpError.notFound();
      fixed = format;
    }
    await sendVariant(req, res, `${site.siteUrl}${stem}`, fixed, offered, (f) => make(site, f));
  });
}

/** A path segment that can name a thing or a document (`bali-process`, `bali-process.ttl`). */
const SEGMENT = /^[a-z0-9][a-z0-9-]*(?:\.[a-z]+)?$/;

/**
 * The paths of things and their documents, `/{kind}/{collection}/{segment}`, and how each kind
 * resolves: the one table that both the fast path and the router route by.
 */
const THING_PATHS: ReadonlyMap<
  string,
  (collection: string, segment: string, things: Things) => Resolution | Promise<Resolution>
> =
  new Map([
    ['id', resolveIdPath],
    ['doc', resolveDocPath],
  ]);

/** The router's pattern for the same paths: its segments percent-decoded, any query string. */
const THING_PATH_ROUTE = new RegExp(
  `^/(?<kind>${[...THING_PATHS.keys()].join('|')})/(?<collection>[^/]+)/(?<segment>[^/]+)$`,
);

/**
 * GET and HEAD of `/id/{collection}/{slug}` and `/doc/{collection}/{slug}[.ext]`: the platform's
 * hottest routes, matched by splitting the path once, as the app's first handler, so a cached
 * document costs a map lookup and a write. Anything else (other methods, queries, odd segments)
 * falls through to the router and its checks.
 */
export function thingRoutes(site: Site, logRequest: LogRequest): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const [empty, kind = '', collection, segment, ...rest] = req.url.split('/');
    const resolve = THING_PATHS.get(kind);
    if (empty !== '' || rest.length > 0 || !resolve || !collection || !segment || !SEGMENT.test(segment)) return next();
    const started = performance.now();
    const failed = (error: unknown): void => {
      // The error handler writes the response: logged when it is done, timed from the start
      // (a 503 after a long wait on a remote store shows the wait).
      logRequest(req, res, started);
      next(error);
    };
    const resolved = resolve(collection, segment, site.things);
    // Resolved at once (the thing index in memory): a document already rendered is written
    // without a promise in between. From the catalogue, after its read.
    if (resolved instanceof Promise) {
      resolved.then((resolution) => respond(req, res, site, resolution, started, logRequest)).catch(failed);
      return;
    }
    try {
      respond(req, res, site, resolved, started, logRequest).catch(failed);
    } catch (error) {
      failed(error); // thrown while writing a rendered document: logged and answered like the rest
    }
  };
}

/** Writes a resolved thing path: a rendered document at once, anything else through answer(). */
function respond(
  req: Request,
  res: Response,
  site: Site,
  resolution: Resolution,
  started: number,
  logRequest: LogRequest,
): Promise<void> {
  if (resolution.kind === 'document') {
    const format = resolution.format ?? negotiateFormat(req.headers.accept, FORMATS);
    const rep = format && site.renderedDocument(resolution.thing, format);
    if (format && rep) {
      sendRepresentation(
        req,
        res,
        rep,
        variantOptions(site.onSite(documentIri(resolution.thing, site.baseIri)), resolution.format, format),
      );
      logRequest.written(req, res, started);
      return Promise.resolve();
    }
  }
  return answer(req, res, site, resolution).then(() => logRequest.written(req, res, started));
}

/** Every document route of the site. */
export function documentRoutes(site: Site): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router.get('/', async (req, res) => {
    chooseFormat(req, undefined, [formatById('html')]); // the home page is HTML only: 406 otherwise
    sendRepresentation(req, res, await site.homePage(), { negotiated: true });
  });

  // Plain /id/ and /doc/ requests are answered by thingRoutes() ahead of the router; this serves the rest
  // (a query string, an odd segment) through the same table.
  router.get(THING_PATH_ROUTE, async (req, res) => {
    const { kind, collection, segment } = req.params as Record<'kind' | 'collection' | 'segment', string>;
    const resolve = THING_PATHS.get(kind);
    if (!resolve) throw new Error(`no resolver for /${kind}/`); // the pattern names only the table's kinds
    return answer(req, res, site, await resolve(collection, segment, site.things));
  });
  router.get('/doc/:collection', (req, res) => answer(req, res, site, resolveCollectionPath(req.params.collection)));

  router.get('/ontology.svg', async (req, res) => sendRepresentation(req, res, await site.ontologyDiagram()));
  // The pictures of the data, /pictures/{name}.svg (pictures/pictures.ts): any other name is a 404.
  router.get('/pictures/:file', async (req, res) => {
    const name = /^([a-z0-9-]+)\.svg$/.exec(req.params.file)?.[1];
    if (name === undefined || !isPictureName(name))
      throw HttpError.notFound(
        `No picture here: the pictures are ${PICTURE_NAMES.map((n) => `/pictures/${n}.svg`).join(', ')}.`,
      );
    sendRepresentation(req, res, await site.picture(name));
  });
  stemRoute(router, 'ontology', FORMATS, (s, f) => s.ontologyDocument(f), site);
  stemRoute(router, 'shapes', FORMATS, (s, f) => s.shapesDocument(f), site);
  stemRoute(router, 'dataset', FORMATS, (s, f) => s.datasetDocument(f), site);

  router.get('/.well-known/void', (_req, res) => redirect(res, site, 303, site.datasetIri));

  for (const dump of site.dumps()) {
    router.get(`/dataset/dump.${dump.format.extension}`, async (req, res) => {
      await sendFileRepresentation(req, res, await site.dump(dump.id), { gzip: true });
    });
  }
  router.get('/context.jsonld', async (req, res) => sendRepresentation(req, res, await site.contextDocument()));
  router.get('/sitemap.xml', async (req, res) => sendRepresentation(req, res, await site.sitemap()));
  // Past 50,000 pages sitemap.xml is an index of these files (the sitemap protocol's bound per file).
  router.get('/sitemap/:file', async (req, res) => {
    const n = /^([1-9]\d{0,5})\.xml$/.exec(req.params.file)?.[1];
    const part = n === undefined ? undefined : await site.sitemapPart(Number(n));
    if (!part) {
      const parts = site.sitemapParts;
      throw HttpError.notFound(
        parts === 1
          ? 'The sitemap is one file: /sitemap.xml.'
          : `The sitemap is /sitemap.xml, an index of ${parts} files: /sitemap/1.xml to /sitemap/${parts}.xml.`,
      );
    }
    sendRepresentation(req, res, part);
  });
  router.get('/robots.txt', async (req, res) => sendRepresentation(req, res, await site.robots()));

  return router;
}
