// What every page module reads: the store, the thing index and the site's helpers (one per Site),
// and the two ways a page becomes a Representation (an RDF document or an HTML page).
import type { Quad } from 'n3';
import type { MemoryStore } from '../../oxigraph/memory-store.js';
import type { SiteInfo } from '../../rdf/document.js';
import { contentType, type FormatEntry } from '../../rdf/formats.js';
import { contextUrl } from '../../rdf/layout.js';
import type { Collection } from '../../rdf/vocab.js';
import type { ThingIndex, ThingInfo } from '../../resolve/thing-index.js';
import type { Store } from '../../store/store.js';
import type { HtmlRenderer, PageFrame, TemplateName } from '../html.js';
import type { JsonLdContext } from '../jsonld-context.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import { serialiseDocument } from '../../rdf/serialise.js';
import type { VocabularyLabels } from '../vocabulary-labels.js';

export interface PageContext {
  readonly baseIri: string;
  readonly datasetIri: string;
  /** Every read of the data goes through the store (embedded or remote). */
  readonly store: Store;
  /** The triples in the store (counted once at start-up: the data does not change while served). */
  readonly tripleCount: number;
  /** The ontology and the shapes, as read from their files (small, always local). */
  readonly ontology: readonly Quad[];
  readonly shapes: readonly Quad[];
  /** The ontology alone, for its labels, comments and hierarchy. */
  readonly ontologyStore: MemoryStore;
  readonly index: ThingIndex;
  readonly labels: VocabularyLabels;
  readonly html: HtmlRenderer;
  readonly info: SiteInfo;
  readonly prefixes: Record<string, string>;
  readonly context: JsonLdContext;
  readonly modified: Date;
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

/** The published things of a collection (neither withdrawn nor replaced), in index order. */
export function publishedItems(ctx: PageContext, collection: Collection): readonly ThingInfo[] {
  return (ctx.index.byCollection.get(collection) ?? []).filter((t) => !t.withdrawn && !t.replacedBy);
}
