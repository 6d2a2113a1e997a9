// The document about one thing (its description in RDF, or its HTML page), a page at a time, and
// the 410 page of a withdrawn thing. A page holds at most DOCUMENT_PAGE_SIZE statements of the
// thing (its own first, then those pointing at it: rdf/document.ts), so no document grows with the
// number of links a thing has; later pages are `?page=N`, linked in the data (Hydra), in the page
// and in a `Link` header.
import { DataFactory } from 'n3';
import { HttpError } from '../../errors.js';
import {
  documentPageIri,
  documentQuads,
  pageCountOf,
  pageWindow,
  pagingLinks,
  type DescriptionExtent,
} from '../../rdf/document.js';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { documentIri } from '../../rdf/layout.js';
import { OWL, SKOS } from '../../rdf/vocab.js';
import type { ThingInfo } from '../../resolve/thing-index.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { readRelations } from '../resource/relations.js';
import { buildResourceView } from '../resource-view.js';
import { describeForSearchEngines } from '../schema-org.js';
import { errorPage } from './error.js';
import { htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';

/** Page `page` (from 1) of the document about a thing, in one format; a 404 past the last page. */
export async function resourceDocument(
  ctx: PageContext,
  thing: ThingInfo,
  format: FormatEntry,
  page = 1,
): Promise<Representation> {
  const docIri = documentIri(thing, ctx.baseIri);
  const size = ctx.documentPageSize;
  const description = await ctx.store.describe(thing.iri, pageWindow(page, size));
  const extent = description.extent ?? { own: 0, inbound: 0, window: pageWindow(page, size) };
  const pages = pageCountOf(extent);
  if (page > pages)
    throw HttpError.notFound(
      `The document about ${thing.label} has ${pages === 1 ? '1 page' : `${pages} pages`}; there is no page ${page}.`,
    );
  const links = pages > 1 ? pagingLinks((n) => onSite(ctx, documentPageIri(docIri, n)), page, pages) : undefined;
  const withLinks = (rep: Representation): Representation => (links ? { ...rep, links } : rep);
  if (format.rdf)
    return withLinks(await rdfDocument(ctx, documentQuads(description, docIri, ctx.info), format, thing.iri));
  // What the page shows of the things it connects, read through the store like the description.
  const relations = await readRelations(ctx.store, description, ctx.baseIri);
  const inverseOf = (property: string): string | undefined => {
    const inverse = ctx.ontologyStore.objects(DataFactory.namedNode(property), `${OWL}inverseOf`)[0];
    return inverse?.termType === 'NamedNode' ? ctx.labels.label(inverse.value) : undefined;
  };
  // Links go to this server (SITE_URL); the identifiers, the canonical address and schema.org stay public.
  const view = buildResourceView(description, ctx.labels, ctx.baseIri, ctx.siteUrl, { relations, inverseOf });
  const query = page > 1 ? `?page=${page}` : '';
  return withLinks(
    htmlPage(
      ctx,
      'resource',
      {
        title: pages > 1 ? `${view.title} (page ${page} of ${pages})` : view.title,
        ...(view.description ? { description: view.description } : {}),
        canonical: documentPageIri(docIri, page),
        alternates: alternatesFor(onSite(ctx, docIri), FORMATS).map((a) => ({ ...a, href: `${a.href}${query}` })),
        schema: describeForSearchEngines(description, ctx.baseIri, relations),
      },
      { view, paging: pages > 1 ? pagingView(ctx, docIri, page, pages, extent) : undefined },
    ),
  );
}

/** The pager of a page: where the others are, and which statements this one holds (numbers in words' style). */
function pagingView(ctx: PageContext, docIri: string, page: number, pages: number, extent: DescriptionExtent) {
  const at = (n: number): string => onSite(ctx, documentPageIri(docIri, n));
  const total = extent.own + extent.inbound;
  const number = (n: number): string => n.toLocaleString('en');
  return {
    label: 'Pages of this description',
    page: number(page),
    pages: number(pages),
    from: number(extent.window.offset + 1),
    to: number(Math.min(total, extent.window.offset + extent.window.limit)),
    total: number(total),
    ...(page > 1 ? { first: at(1), prev: at(page - 1) } : {}),
    ...(page < pages ? { next: at(page + 1), last: at(pages) } : {}),
  };
}

export async function gonePage(ctx: PageContext, thing: ThingInfo): Promise<Representation> {
  // The first page's worth of its own statements hold the note (a withdrawn thing keeps a few).
  const { own } = await ctx.store.describe(thing.iri, pageWindow(1, ctx.documentPageSize));
  const note = own.find((q) => q.subject.value === thing.iri && q.predicate.value === `${SKOS}changeNote`)?.object
    .value;
  return errorPage(
    ctx,
    410,
    'Gone',
    `${thing.label} (${thing.iri}) has been withdrawn and is no longer published.${note ? ` ${note}` : ''}`,
  );
}
