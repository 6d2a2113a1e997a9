// The published site: every representation the server answers with, built from one loaded dataset.
// A facade: each page kind is rendered by its module under pages/; the Site holds the shared
// context, caches what they render and keeps the dumps on disk.
import type { Quad } from 'n3';
import type { FormatEntry } from '../rdf/formats.js';
import type { StartupLog } from '../dataset/cache-dir.js';
import { datasetIri, siteAddress } from '../rdf/layout.js';
import type { Collection } from '../rdf/vocab.js';
import type { ThingInfo } from '../resolve/thing-index.js';
import type { Things } from '../resolve/things.js';
import type { DataReads } from '../store/store.js';
import type { FileRepresentation } from './file-representation.js';
import type { JsonLdContext } from './jsonld-context.js';
import {
  collectionDocument,
  collectionKinds,
  pageCount,
  type CollectionKinds,
  type TypeFacet,
} from './pages/collection.js';
import {
  datasetDocument,
  datasetQuads,
  dumpLinks,
  writeDump,
  type DumpFormat,
  type DumpLink,
} from './pages/dataset.js';
import { examplesFor, sparqlEditorPage, sparqlExamplesPage, type SparqlExample } from './pages/editor.js';
import { errorPage, type CloseMatch } from './pages/error.js';
import { homePage } from './pages/home.js';
import { ontologyDiagram, ontologyDocument } from './pages/ontology.js';
import { createPageContext, rdfDocument, type PageContext, type SiteData } from './pages/page-context.js';
import { gonePage, resourceDocument } from './pages/resource.js';
import { siteSearch, type SiteSearch } from './pages/search.js';
import { shapesDocument } from './pages/shapes.js';
import { robots, sitemap, sitemapPart, sitemapParts } from './pages/sitemap.js';
import { picture, type PictureName } from './pictures/pictures.js';
import { prepareSummaries, type SummaryCache } from './site-summaries.js';
import { RepresentationCache, makeRepresentation, shareWhileRunning, type Representation } from './representation.js';

export { LICENSE_IRI, LICENSE_LABEL, DATASET_TITLE, DATASET_DESCRIPTION } from './site-content.js';
export { PAGE_SIZE } from './pages/collection.js';
export type { SiteData } from './pages/page-context.js';
export type { DumpFormat } from './pages/dataset.js';

export interface SiteOptions {
  /** The bound of the in-memory representation cache, in bytes (CACHE_MAX_BYTES). */
  readonly cacheMaxBytes: number;
  /** Where the dumps are written (as unlinked files: see file-representation.ts). */
  readonly fileDir: string;
  /** Where prepare() keeps what it builds, per data version (CACHE_DIR and the content hash). */
  readonly summaries?: SummaryCache;
}

/** Every page and document of the platform, rendered on first request and then cached. */
export class Site {
  /** The public base of every identifier (BASE_IRI). */
  readonly baseIri: string;
  /** Where this server is reached (SITE_URL): redirects and Content-Location go there. */
  readonly siteUrl: string;
  readonly store: DataReads;
  readonly things: Things;
  readonly context: JsonLdContext;
  readonly modified: Date;
  readonly prefixes: Record<string, string>;
  /** What the page modules read. */
  private readonly pages: PageContext;
  private readonly cache: RepresentationCache;
  private readonly fileDir: string;
  /** The dumps written so far, and those being written (concurrent requests share one rendering). */
  private readonly dumpFiles = new Map<DumpFormat, FileRepresentation>();
  private readonly dumpsPending = new Map<DumpFormat, Promise<FileRepresentation>>();
  private examples: SparqlExample[] | undefined;
  private sitemapFiles: number | undefined;

  constructor(
    readonly dataset: SiteData,
    viewsDir: string,
    private readonly options: SiteOptions,
  ) {
    this.cache = new RepresentationCache(options.cacheMaxBytes);
    this.fileDir = options.fileDir;
    this.pages = createPageContext(dataset, viewsDir);
    this.baseIri = dataset.baseIri;
    this.siteUrl = this.pages.siteUrl;
    this.store = dataset.store;
    this.things = dataset.things;
    this.context = dataset.context;
    this.modified = dataset.modified;
    this.prefixes = this.pages.prefixes;
  }

  /**
   * Builds, before the platform serves, what the site-wide pages share and what grows with the
   * data (site-summaries.ts): the pictures and home figures, the vocabulary's usage, the search index.
   */
  prepare(log?: StartupLog): Promise<void> {
    return prepareSummaries(this.pages, this.search(), this.options.summaries, log);
  }

  /** Where a client reaches a URL of ours on this server: `BASE/x` -> `SITE/x`; any other URL unchanged. */
  onSite(url: string): string {
    return siteAddress(url, this.baseIri, this.siteUrl);
  }

  get datasetIri(): string {
    return datasetIri(this.baseIri);
  }

  /** The triple count of the default graph (data + ontology), which the dumps hold. */
  get tripleCount(): number {
    return this.dataset.tripleCount;
  }

  /** Bytes and entries held by the in-memory representation cache, and its bound. */
  get cacheUse(): { bytes: number; entries: number; maxBytes: number } {
    return { bytes: this.cache.bytes, entries: this.cache.size, maxBytes: this.cache.maxBytes };
  }

  // ----- resource documents (pages/resource.ts) ------------------------------------------------

  /** The document about a thing in one format, if it has been rendered already (no waiting). */
  renderedDocument(thing: ThingInfo, format: FormatEntry): Representation | undefined {
    return this.cache.peek(`doc ${thing.iri} ${format.id}`);
  }

  /** Page `page` of the document about one thing, in one format (a 404 past its last page). */
  resourceDocument(thing: ThingInfo, format: FormatEntry, page = 1): Promise<Representation> {
    const key = page === 1 ? `doc ${thing.iri} ${format.id}` : `doc ${thing.iri} ${format.id} ${page}`;
    return this.cache.get(key, async () => resourceDocument(this.pages, thing, format, page));
  }

  /** The 410 page of a withdrawn thing. */
  gonePage(thing: ThingInfo): Promise<Representation> {
    return this.cache.get(`gone ${thing.iri}`, () => gonePage(this.pages, thing));
  }

  // ----- collections (pages/collection.ts) -----------------------------------------------------

  /** The kinds of a collection's members: those its listing links, and every class a member has (`?type=`). */
  collectionKinds(collection: Collection): CollectionKinds {
    return collectionKinds(this.pages, collection);
  }

  /** Number of pages of a collection, or of its members of one kind (at least 1). */
  pageCount(collection: Collection, facet?: TypeFacet): number {
    return pageCount(this.pages, collection, facet);
  }

  /** One page of a collection listing, all of it or its members of one kind. */
  collectionDocument(
    collection: Collection,
    page: number,
    facet: TypeFacet | undefined,
    format: FormatEntry,
  ): Promise<Representation> {
    return this.cache.get(`collection ${collection} ${facet?.curie ?? '*'} ${page} ${format.id}`, () =>
      collectionDocument(this.pages, collection, page, facet, format),
    );
  }

  // ----- home, ontology, shapes (pages/home.ts, ontology.ts, shapes.ts) ------------------------

  /** The home page. */
  homePage(): Promise<Representation> {
    return this.cache.get('home', () => homePage(this.pages));
  }

  /** The ontology: HTML documentation of every class and property, or the ontology's RDF. */
  ontologyDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`ontology ${format.id}`, () => ontologyDocument(this.pages, format));
  }

  /** BASE/ontology.svg: the diagram of the model (the classes and the object properties between them). */
  ontologyDiagram(): Promise<Representation> {
    return this.cache.get('ontology svg', () => ontologyDiagram(this.pages));
  }

  /** BASE/pictures/{name}.svg: one picture of the data (pictures/pictures.ts), as an SVG file. */
  picture(name: PictureName): Promise<Representation> {
    return this.cache.get(`picture ${name}`, async () =>
      makeRepresentation((await picture(this.pages, name)).file, 'image/svg+xml; charset=utf-8'),
    );
  }

  /** The SHACL shapes: an HTML list of node shapes, or the shapes' RDF. */
  shapesDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`shapes ${format.id}`, () => shapesDocument(this.pages, format));
  }

  // ----- the dataset, its dumps, sitemap and robots (pages/dataset.ts, sitemap.ts) -------------

  /** The VoID and DCAT description of the dataset. */
  datasetQuads(): Quad[] {
    return datasetQuads(this.pages);
  }

  /** The dataset description page or RDF. */
  datasetDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`dataset ${format.id}`, () => datasetDocument(this.pages, format));
  }

  /** The dumps and their stable URLs. */
  dumps(): DumpLink[] {
    return dumpLinks(this.datasetIri);
  }

  /**
   * The full dump of the default graph (data + ontology), rendered once and kept on disk: at 1 M
   * triples a dump is over 100 MB, more than the whole memory cache should hold, and rendering it
   * per request would hold that much per concurrent download.
   */
  dump(id: DumpFormat): Promise<FileRepresentation> {
    const written = this.dumpFiles.get(id);
    if (written) return Promise.resolve(written);
    return shareWhileRunning(this.dumpsPending, id, async () => {
      const file = await writeDump(this.pages, this.fileDir, id);
      this.dumpFiles.set(id, file);
      return file;
    });
  }

  /** The JSON-LD context every JSON-LD response uses. */
  contextDocument(): Promise<Representation> {
    return this.cache.get('context', () =>
      makeRepresentation(
        `${JSON.stringify({ '@context': this.context }, null, 2)}\n`,
        'application/ld+json; charset=utf-8',
      ),
    );
  }

  /** sitemap.xml: every HTML page with its last modification. */
  sitemap(): Promise<Representation> {
    return this.cache.get('sitemap', () => sitemap(this.pages));
  }

  /** BASE/sitemap/{n}.xml: part n of the sitemap when it takes more than one file; undefined past the last. */
  async sitemapPart(n: number): Promise<Representation | undefined> {
    if (this.sitemapParts === 1 || n < 1 || n > this.sitemapParts) return undefined;
    return this.cache.get(`sitemap ${n}`, async () => {
      const part = await sitemapPart(this.pages, n);
      if (!part) throw new Error(`sitemap part ${n} vanished`); // the index does not change while the site serves
      return part;
    });
  }

  /** How many files the sitemap takes (1: sitemap.xml is the whole list). */
  get sitemapParts(): number {
    // Counted once: the thing index does not change while the site serves.
    this.sitemapFiles ??= sitemapParts(this.pages);
    return this.sitemapFiles;
  }

  /** robots.txt: everything may be crawled; the sitemap says where. */
  robots(): Promise<Representation> {
    return this.cache.get('robots', () => robots(this.pages));
  }

  // ----- SPARQL (pages/editor.ts) ----------------------------------------------------------------

  /** The query editor; with a query, the editor opens on it (what a browser gets for GET ?query=). */
  sparqlEditorPage(query?: string): Promise<Representation> {
    const make = (): Representation => sparqlEditorPage(this.pages, this.sparqlExamples, query);
    return query === undefined ? this.cache.get('sparql-editor', make) : Promise.resolve(make());
  }

  /** The worked example queries, written for this base IRI. */
  get sparqlExamples(): SparqlExample[] {
    this.examples ??= examplesFor(this.baseIri);
    return this.examples;
  }

  /** BASE/sparql/examples: every worked example with its question, query, editor link and a curl command for CSV. */
  sparqlExamplesPage(): Promise<Representation> {
    return this.cache.get('sparql-examples', () => sparqlExamplesPage(this.pages, this.sparqlExamples));
  }

  /** An RDF document cached under a key (the service description). */
  cachedRdf(key: string, quads: () => Quad[], format: FormatEntry, topIri?: string): Promise<Representation> {
    return this.cache.get(`rdf ${key} ${format.id}`, () => rdfDocument(this.pages, quads(), format, topIri));
  }

  // ----- search (pages/search.ts) ---------------------------------------------------------------

  /** Search: one index per data version (built on first use), results in HTML or JSON, OpenSearch, close matches. */
  search(): SiteSearch {
    return siteSearch(this.pages, this.cache);
  }

  // ----- errors (pages/error.ts) -----------------------------------------------------------------

  /**
   * An HTML error page (404, 406, 410 ...), not cached: messages may carry request details. A 404
   * may list close matches (search's "did you mean").
   */
  errorPage(
    status: number,
    heading: string,
    message: string,
    available?: string[],
    matches: readonly CloseMatch[] = [],
  ): Representation {
    return errorPage(this.pages, status, heading, message, available, matches);
  }
}
