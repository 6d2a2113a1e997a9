// What every page module reads: the loaded dataset and its helpers (one per Site), and the two
// ways a page becomes a Representation (an RDF document or an HTML page).
import type { Quad } from 'n3';
import type { PublishedDataset } from '../../dataset/open.js';
import { contentType, type FormatEntry } from '../../rdf/formats.js';
import type { Collection } from '../../rdf/vocab.js';
import type { ThingIndex, ThingInfo } from '../../resolve/thing-index.js';
import type { MemoryStore } from '../../store/memory-store.js';
import type { SiteInfo } from '../describe.js';
import type { HtmlRenderer, PageFrame, TemplateName } from '../html.js';
import type { JsonLdContext } from '../jsonld-context.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import { serialiseDocument } from '../serialise.js';
import type { VocabularyLabels } from '../vocabulary-labels.js';

export interface PageContext {
  readonly baseIri: string;
  readonly datasetIri: string;
  readonly dataset: PublishedDataset;
  readonly store: MemoryStore;
  /** The ontology alone: what the ontology page and the JSON-LD context read. */
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
  quads: Quad[],
  format: FormatEntry,
  topIri?: string,
): Promise<Representation> {
  const body = await serialiseDocument(quads, format.id as Exclude<typeof format.id, 'html'>, {
    prefixes: ctx.prefixes,
    context: ctx.context,
    contextUrl: `${ctx.baseIri}context.jsonld`,
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
