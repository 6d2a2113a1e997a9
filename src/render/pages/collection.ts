// One page of a collection listing: its members with their labels and types, in RDF or HTML,
// optionally narrowed to one of the kinds its members have (`?type=mig:GlobalProcess`).
import { DataFactory, type Quad } from 'n3';
import { hydraPaging, pagingLinks } from '../../rdf/document.js';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { collectionIri, curieOf } from '../../rdf/layout.js';
import { DCT, FOAF, RDF, RDFS, VOID, type Collection } from '../../rdf/vocab.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { hrefFor, readableName } from '../resource/value-view.js';
import type { SchemaNode } from '../schema-org.js';
import { COLLECTION_TITLES } from '../site-content.js';
import { localName } from '../vocabulary-labels.js';
import { datasetReference, htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';

const { namedNode, literal, quad } = DataFactory;

/** Items per page of a collection listing. */
export const PAGE_SIZE = 50;

/** A kind of member a collection listing can be narrowed to. */
export interface TypeFacet {
  readonly iri: string;
  /** How the `type` parameter names it: the class's prefixed name (`mig:GlobalProcess`), else its IRI. */
  readonly curie: string;
  /** The class's label, as a heading starts. */
  readonly label: string;
  /** Published members of that kind. */
  readonly count: number;
}

/** A class label as a heading or link starts: "global process on migration" -> "Global process on migration". */
function sentenceCase(label: string): string {
  return label.charAt(0).toLocaleUpperCase('en') + label.slice(1);
}

/** The kinds of a collection: those the listing links (`shown`), and every class a member has (`all`). */
export interface CollectionKinds {
  /** Most members first; kinds every member has narrow nothing and are left out, as are classes without a prefixed name. */
  readonly shown: readonly TypeFacet[];
  /** Every class at least one published member has, by IRI (a kind every member has included). */
  readonly all: ReadonlyMap<string, TypeFacet>;
  /** How many published members the collection has. */
  readonly members: number;
}

const kindsOf = new WeakMap<PageContext, Map<Collection, CollectionKinds>>();

/**
 * The kinds of a collection's members, from the counts the things keep (resolve/things.ts), made
 * once per site, so a listing request costs a lookup, not a pass over the collection.
 */
export function collectionKinds(ctx: PageContext, collection: Collection): CollectionKinds {
  let byCollection = kindsOf.get(ctx);
  if (!byCollection) kindsOf.set(ctx, (byCollection = new Map<Collection, CollectionKinds>()));
  const known = byCollection.get(collection);
  if (known) return known;
  const { members, types } = ctx.things.kinds(collection);
  const all = new Map<string, TypeFacet>();
  for (const [iri, count] of types) {
    const label = ctx.labels.label(iri);
    // A class without a label of its own (qb:DataSet) reads as its local name in words ("data set").
    const words = label === localName(iri) ? readableName(label) : label;
    all.set(iri, { iri, curie: curieOf(ctx.prefixes, iri) ?? iri, label: sentenceCase(words), count });
  }
  const shown = [...all.values()]
    .filter((f) => f.count < members && f.curie !== f.iri)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en'));
  const kinds = { shown, all, members };
  byCollection.set(collection, kinds);
  return kinds;
}

/** The kinds a collection listing links, most members first (see collectionKinds). */
export function collectionFacets(ctx: PageContext, collection: Collection): readonly TypeFacet[] {
  return collectionKinds(ctx, collection).shown;
}

/** Number of pages of a collection, or of its members of one kind (at least 1). */
export function pageCount(ctx: PageContext, collection: Collection, facet?: TypeFacet): number {
  const kinds = collectionKinds(ctx, collection);
  return Math.max(1, Math.ceil((facet ? facet.count : kinds.members) / PAGE_SIZE));
}

export async function collectionDocument(
  ctx: PageContext,
  collection: Collection,
  page: number,
  facet: TypeFacet | undefined,
  format: FormatEntry,
): Promise<Representation> {
  const total = facet ? facet.count : collectionKinds(ctx, collection).members;
  const pages = pageCount(ctx, collection, facet);
  const items = await ctx.things.listing(collection, facet?.iri, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const stem = collectionIri(ctx.baseIri, collection);
  const pageIri = (n: number): string => collectionIri(ctx.baseIri, collection, n, facet?.curie);
  const title = facet ? `${COLLECTION_TITLES[collection]}: ${facet.label}` : COLLECTION_TITLES[collection];
  if (format.rdf) {
    const doc = namedNode(pageIri(page));
    const quads: Quad[] = [
      quad(doc, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
      quad(doc, namedNode(`${DCT}title`), literal(title, 'en')),
      quad(doc, namedNode(`${VOID}inDataset`), namedNode(ctx.datasetIri)),
    ];
    if (facet) quads.push(quad(doc, namedNode(`${DCT}isPartOf`), namedNode(stem)));
    if (page > 1)
      quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#prev'), namedNode(pageIri(page - 1))));
    if (page < pages)
      quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#next'), namedNode(pageIri(page + 1))));
    // The same links in Hydra's terms, as a paged document states them (rdf/document.ts).
    if (pages > 1) quads.push(...hydraPaging(doc, pageIri, page, pages, total, PAGE_SIZE));
    const labels = new Map<string, Quad[]>();
    for (const q of await ctx.store.labels(items.map((item) => item.iri)))
      labels.set(q.subject.value, [...(labels.get(q.subject.value) ?? []), q]);
    for (const item of items) {
      quads.push(quad(doc, namedNode(`${RDFS}member`), namedNode(item.iri)));
      quads.push(...(labels.get(item.iri) ?? []));
      for (const type of item.types) quads.push(quad(namedNode(item.iri), namedNode(`${RDF}type`), namedNode(type)));
    }
    const rep = await rdfDocument(ctx, quads, format);
    return pages > 1 ? { ...rep, links: pagingLinks((n) => onSite(ctx, pageIri(n)), page, pages) } : rep;
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
      numberOfItems: total,
      itemListElement: items.map((item, i) => ({
        '@type': 'ListItem',
        position: (page - 1) * PAGE_SIZE + i + 1,
        url: hrefFor(item.iri, ctx.baseIri),
        name: item.label,
      })),
    },
  };
  const facets = collectionFacets(ctx, collection);
  // The alternates carry this listing's query (kind and page) after the format's extension.
  const query = pageIri(page).slice(stem.length);
  const html = htmlPage(
    ctx,
    'collection',
    {
      title,
      canonical: pageIri(page),
      alternates: alternatesFor(
        onSite(ctx, stem),
        FORMATS.filter((f) => f.rdf),
      ).map((a) => ({ ...a, href: `${a.href}${query}` })),
      schema,
    },
    {
      total,
      page,
      pages: pages > 1 ? pages : undefined,
      kinds:
        facets.length > 0
          ? [
              {
                label: 'All',
                count: collectionKinds(ctx, collection).members,
                href: onSite(ctx, stem),
                current: facet === undefined,
              },
              ...facets.map((f) => ({
                label: f.label,
                count: f.count,
                href: onSite(ctx, collectionIri(ctx.baseIri, collection, 1, f.curie)),
                current: f.iri === facet?.iri,
              })),
            ]
          : undefined,
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
  return pages > 1 ? { ...html, links: pagingLinks((n) => onSite(ctx, pageIri(n)), page, pages) } : html;
}
