// Search: /search?q= as HTML or JSON, the OpenSearch description, and close matches for the 404
// page, all over one SearchIndex per data version, built on first use from ctx.store.
import { collectionIri } from '../../rdf/layout.js';
import { makeRepresentation, type Representation, type RepresentationCache } from '../representation.js';
import { hrefFor } from '../resource/value-view.js';
import { MAX_RESULTS, SearchIndex, cleanQuery, type SearchAnswer, type SearchHit } from '../search-index.js';
import type { SchemaNode } from '../schema-org.js';
import { COLLECTION_TITLES, DATASET_TITLE } from '../site-content.js';
import type { CloseMatch } from './error.js';
import { htmlPage, onSite, type PageContext } from './page-context.js';
import { COLLECTIONS } from '../../rdf/vocab.js';
import type { ThingInfo } from '../../resolve/thing-index.js';

export type SearchFormat = 'html' | 'json';

/** One result as a page or the JSON shows it. */
interface ResultView {
  readonly iri: string;
  readonly url: string;
  readonly label: string;
  readonly collection: string;
  readonly kind: string;
  readonly names: readonly string[];
  readonly matched?: string;
}

function viewOf(ctx: PageContext, hit: SearchHit): ResultView {
  return {
    iri: hit.iri,
    url: hrefFor(hit.iri, ctx.baseIri, ctx.siteUrl) ?? hit.iri,
    label: hit.label,
    collection: hit.collection,
    kind: COLLECTION_TITLES[hit.collection],
    names: hit.names,
    ...(hit.matched !== undefined ? { matched: hit.matched } : {}),
  };
}

/** The search address for a query on this server (SITE_URL) or under BASE_IRI. */
function searchUrl(base: string, query: string): string {
  return `${base}search?q=${encodeURIComponent(query)}`;
}

/** The search results page (HTML) or the same results as JSON. */
export function searchResults(ctx: PageContext, answer: SearchAnswer, format: SearchFormat): Representation {
  const results = answer.hits.map((hit) => viewOf(ctx, hit));
  if (format === 'json') {
    const body = { query: answer.query, total: answer.total, results };
    return makeRepresentation(`${JSON.stringify(body)}\n`, 'application/json; charset=utf-8');
  }
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'SearchResultsPage',
    name: `Search: ${answer.query}`,
    isPartOf: { '@id': ctx.baseIri, '@type': 'WebSite', name: DATASET_TITLE },
  };
  return htmlPage(
    ctx,
    'search',
    {
      title: `Search: ${answer.query}`,
      description: `Things in the ${DATASET_TITLE} named “${answer.query}”.`,
      canonical: searchUrl(ctx.baseIri, answer.query),
      alternates: [{ mediaType: 'application/json', href: searchUrl(ctx.siteUrl, answer.query), label: 'JSON' }],
      schema,
    },
    {
      searchQuery: answer.query,
      total: answer.total,
      shown: results.length,
      more: answer.total > results.length,
      results,
      collections: COLLECTIONS.map((c) => ({
        href: onSite(ctx, collectionIri(ctx.baseIri, c)),
        label: COLLECTION_TITLES[c],
      })),
    },
  );
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** /opensearch.xml: lets a browser add the site's search (HTML results, JSON for programs). */
export function openSearchDescription(ctx: PageContext): Representation {
  const template = (type: string): string =>
    `  <Url type="${type}" method="get" template="${escapeXml(`${ctx.siteUrl}search?q=`)}{searchTerms}"/>`;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">',
    '  <ShortName>IOM migration</ShortName>',
    `  <Description>${escapeXml(`Search the ${DATASET_TITLE}: processes, organisations, people, events and publications by name or acronym.`)}</Description>`,
    '  <InputEncoding>UTF-8</InputEncoding>',
    '  <OutputEncoding>UTF-8</OutputEncoding>',
    template('text/html'),
    template('application/json'),
    `  <Url type="application/opensearchdescription+xml" rel="self" template="${escapeXml(`${ctx.siteUrl}opensearch.xml`)}"/>`,
    '  <Language>en</Language>',
    '</OpenSearchDescription>',
    '',
  ].join('\n');
  return makeRepresentation(body, 'application/opensearchdescription+xml; charset=utf-8');
}

/** The words of a path that named nothing: its last segments, without an extension, split at `-`. */
export function pathWords(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // not valid percent-encoding: the raw path's letters are still words
  }
  const segments = decoded.split('/').filter((s) => s !== '' && s !== 'id' && s !== 'doc');
  const last = (segments.at(-1) ?? '').replace(/\.[a-z]{1,8}$/i, '');
  return cleanQuery(last.replace(/[^\p{L}\p{N}]+/gu, ' ')).slice(0, 100);
}

/** Search over one data version: the index (built once, on first use) and what is rendered from it. */
export class SiteSearch {
  private built: Promise<SearchIndex> | undefined;

  constructor(
    private readonly ctx: PageContext,
    private readonly cache: RepresentationCache,
  ) {}

  /** The index of every published thing, built on first use (concurrent callers share the build). */
  index(): Promise<SearchIndex> {
    this.built ??= this.things().then((things) => SearchIndex.build(this.ctx.store, things)).catch((error: unknown) => {
      this.built = undefined; // a failed build is tried again by the next search
      throw error;
    });
    return this.built;
  }

  /** Uses a saved index (CACHE_DIR) instead of building one. */
  useIndex(index: SearchIndex): void {
    this.built = Promise.resolve(index);
  }

  /** The published things the index holds, collection by collection in listing order. */
  async things(): Promise<ThingInfo[]> {
    const { things } = this.ctx;
    const lists = await Promise.all(COLLECTIONS.map((c) => things.listing(c, undefined, 0, things.kinds(c).members)));
    return lists.flat();
  }

  /** The results for a query (at most `limit`), as HTML or JSON; kept in the representation cache. */
  async results(query: string, format: SearchFormat, limit = MAX_RESULTS): Promise<Representation> {
    const cleaned = cleanQuery(query);
    const index = await this.index();
    return this.cache.get(`search ${format} ${limit} ${cleaned}`, () =>
      searchResults(this.ctx, index.find(cleaned, limit), format),
    );
  }

  /** The OpenSearch description. */
  openSearch(): Promise<Representation> {
    return this.cache.get('opensearch', () => openSearchDescription(this.ctx));
  }

  /** Things named like the words of a path that named nothing (for the 404 page). */
  async closeMatches(path: string): Promise<CloseMatch[]> {
    const words = pathWords(path);
    if (words === '') return [];
    return (await this.index()).closeMatches(words).map((hit) => {
      const view = viewOf(this.ctx, hit);
      return { href: view.url, label: view.label, kind: view.kind };
    });
  }
}

const searches = new WeakMap<PageContext, SiteSearch>();

/** The search of a site's page context (one per context, so one index per data version). */
export function siteSearch(ctx: PageContext, cache: RepresentationCache): SiteSearch {
  let search = searches.get(ctx);
  if (!search) {
    search = new SiteSearch(ctx, cache);
    searches.set(ctx, search);
  }
  return search;
}
