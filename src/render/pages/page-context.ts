// What every page module reads: the store, the thing index and the site's helpers (one per Site),
// and the two ways a page becomes a Representation (an RDF document or an HTML page).
import type { Quad } from 'n3';
import { MemoryStore } from '../../oxigraph/memory-store.js';
import { DEFAULT_PAGE_SIZE, type SiteInfo } from '../../rdf/document.js';
import { contentType, type FormatEntry } from '../../rdf/formats.js';
import { contextUrl, datasetIri, siteAddress, sitePrefixes } from '../../rdf/layout.js';
import type { Things } from '../../resolve/things.js';
import type { DataReads } from '../../store/store.js';
import { createHtmlRenderer, type HtmlRenderer, type PageFrame, type TemplateName } from '../html.js';
import type { JsonLdContext } from '../jsonld-context.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import { serialiseDocument } from '../../rdf/serialise.js';
import { DATASET_DESCRIPTION, DATASET_TITLE, LICENSE_IRI } from '../site-content.js';
import { VocabularyLabels } from '../vocabulary-labels.js';

/** What the site publishes: the store, the things of its data, and the files' own facts. */
export interface SiteData {
  /** The public base of every identifier (BASE_IRI): RDF, schema.org, canonical, sitemap. */
  readonly baseIri: string;
  /** Where this server is reached (SITE_URL): the base of every link of a page; BASE_IRI when absent. */
  readonly siteUrl?: string;
  readonly store: DataReads;
  /** The things of the store's data: the thing index in memory, or the catalogue on disk (resolve/things.ts). */
  readonly things: Things;
  /** The store's triple count, counted once when the platform opens. */
  readonly tripleCount: number;
  /** The JSON-LD context of every JSON-LD response (buildJsonLdContext over the ontology). */
  readonly context: JsonLdContext;
  /** The ontology and the shapes, from their files. */
  readonly ontology: readonly Quad[];
  readonly shapes: readonly Quad[];
  /** The latest modification of the data files. */
  readonly modified: Date;
  /** Names this data under this base IRI: it changes whenever any answer may change. */
  readonly version: string;
  /** Statements per page of a thing's document (DOCUMENT_PAGE_SIZE; DEFAULT_DOCUMENT_PAGE_SIZE when absent). */
  readonly documentPageSize?: number;
}

/** SiteData (every read through `store`, embedded or remote) and the helpers built from it once. */
export interface PageContext extends SiteData {
  readonly siteUrl: string;
  /** Statements per page of a thing's document: SiteData's, else DEFAULT_PAGE_SIZE. */
  readonly documentPageSize: number;
  readonly datasetIri: string;
  /** The ontology alone, for its labels, comments and hierarchy. */
  readonly ontologyStore: MemoryStore;
  readonly labels: VocabularyLabels;
  readonly html: HtmlRenderer;
  readonly info: SiteInfo;
  readonly prefixes: Record<string, string>;
}

/** The context every page module reads, for one site. */
export function createPageContext(data: SiteData, viewsDir: string): PageContext {
  const ontologyStore = new MemoryStore(data.ontology);
  const info = { baseIri: data.baseIri, datasetIri: datasetIri(data.baseIri), licenseIri: LICENSE_IRI };
  const siteUrl = data.siteUrl ?? data.baseIri;
  return {
    ...data,
    siteUrl,
    documentPageSize: data.documentPageSize ?? DEFAULT_PAGE_SIZE,
    datasetIri: info.datasetIri,
    ontologyStore,
    labels: new VocabularyLabels(ontologyStore, [...data.shapes]),
    html: createHtmlRenderer(viewsDir, { baseIri: data.baseIri, siteUrl, licenseIri: LICENSE_IRI }),
    info,
    prefixes: sitePrefixes(data.baseIri),
  };
}

/** Where a client reaches a URL of ours on this server: `BASE/x` -> `SITE/x` (see siteAddress). */
export function onSite(ctx: PageContext, url: string): string {
  return siteAddress(url, ctx.baseIri, ctx.siteUrl);
}

/** The page frame a page module fills: the schema.org node instead of its serialised JSON-LD. */
export type Frame = Omit<PageFrame, 'jsonLd'> & { schema: SchemaNode };

/** Quads as an RDF document in one format, with the site's prefixes and JSON-LD context. */
export async function rdfDocument(
  ctx: PageContext,
  quads: readonly Quad[],
  format: FormatEntry,
  topIri?: string,
): Promise<Representation> {
  const body = await serialiseDocument(quads, format.id as Exclude<typeof format.id, 'html'>, {
    prefixes: ctx.prefixes,
    context: ctx.context,
    contextUrl: contextUrl(ctx.baseIri),
    ...(topIri ? { topIri } : {}),
  });
  return makeRepresentation(body, contentType(format));
}

/** An HTML page: a template in its frame, the schema.org node embedded as JSON-LD. */
export function htmlPage(
  ctx: PageContext,
  template: TemplateName,
  frame: Frame,
  model: Record<string, unknown>,
): Representation {
  const { schema, ...rest } = frame;
  return makeRepresentation(
    ctx.html.render(template, { ...rest, jsonLd: scriptSafeJson(schema) }, model),
    'text/html; charset=utf-8',
  );
}

/**
 * The dataset as other pages' schema.org refers to it: Google requires a Dataset's name and
 * description even where it is only referenced, and recommends its licence and URL.
 */
export function datasetReference(ctx: PageContext): SchemaNode {
  return {
    '@id': ctx.datasetIri,
    '@type': 'Dataset',
    name: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    license: LICENSE_IRI,
    url: ctx.datasetIri,
  };
}
