// One page of a collection listing: its members with their labels and types, in RDF or HTML.
import { DataFactory, type Quad } from 'n3';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { collectionIri } from '../../rdf/layout.js';
import { DCT, FOAF, RDF, RDFS, VOID, type Collection } from '../../rdf/vocab.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { hrefFor } from '../resource-view.js';
import type { SchemaNode } from '../schema-org.js';
import { COLLECTION_TITLES } from '../site-content.js';
import { datasetReference, htmlPage, onSite, publishedItems, rdfDocument, type PageContext } from './page-context.js';

const { namedNode, literal, quad } = DataFactory;

/** Items per page of a collection listing. */
export const PAGE_SIZE = 50;

/** Number of pages of a collection (at least 1). */
export function pageCount(ctx: PageContext, collection: Collection): number {
  return Math.max(1, Math.ceil(publishedItems(ctx, collection).length / PAGE_SIZE));
}

export async function collectionDocument(
  ctx: PageContext,
  collection: Collection,
  page: number,
  format: FormatEntry,
): Promise<Representation> {
  const all = publishedItems(ctx, collection);
  const pages = pageCount(ctx, collection);
  const items = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const stem = collectionIri(ctx.baseIri, collection);
  const pageIri = (n: number): string => collectionIri(ctx.baseIri, collection, n);
  const title = COLLECTION_TITLES[collection];
  if (format.rdf) {
    const doc = namedNode(pageIri(page));
    const quads: Quad[] = [
      quad(doc, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
      quad(doc, namedNode(`${DCT}title`), literal(title, 'en')),
      quad(doc, namedNode(`${VOID}inDataset`), namedNode(ctx.datasetIri)),
    ];
    if (page > 1)
      quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#prev'), namedNode(pageIri(page - 1))));
    if (page < pages)
      quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#next'), namedNode(pageIri(page + 1))));
    const labels = new Map<string, Quad[]>();
    for (const q of await ctx.store.labels(items.map((item) => item.iri)))
      labels.set(q.subject.value, [...(labels.get(q.subject.value) ?? []), q]);
    for (const item of items) {
      quads.push(quad(doc, namedNode(`${RDFS}member`), namedNode(item.iri)));
      quads.push(...(labels.get(item.iri) ?? []));
      for (const type of item.types) quads.push(quad(namedNode(item.iri), namedNode(`${RDF}type`), namedNode(type)));
    }
    return rdfDocument(ctx, quads, format);
  }
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    '@id': pageIri(page),
    url: pageIri(page),
    name: title,
    isPartOf: datasetReference(ctx),
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: all.length,
      itemListElement: items.map((item, i) => ({
        '@type': 'ListItem',
        position: (page - 1) * PAGE_SIZE + i + 1,
        url: hrefFor(item.iri, ctx.baseIri),
        name: item.label,
      })),
    },
  };
  return htmlPage(
    ctx,
    'collection',
    {
      title,
      canonical: pageIri(page),
      alternates: alternatesFor(
        onSite(ctx, stem),
        FORMATS.filter((f) => f.rdf),
      ).map((a) => ({
        ...a,
        href: page === 1 ? a.href : `${a.href}?page=${page}`,
      })),
      schema,
    },
    {
      total: all.length,
      page,
      pages: pages > 1 ? pages : undefined,
      items: items.map((item) => ({
        href: hrefFor(item.iri, ctx.baseIri, ctx.siteUrl),
        label: item.label,
        types: item.types.map((t) => ctx.labels.label(t)).join(', '),
      })),
      pagination:
        pages > 1
          ? {
              prev: page > 1 ? onSite(ctx, pageIri(page - 1)) : undefined,
              next: page < pages ? onSite(ctx, pageIri(page + 1)) : undefined,
            }
          : undefined,
    },
  );
}
