// What a document about a thing holds (docs/documents.md): its description and document metadata.
import { DataFactory, type Quad } from 'n3';
import { DCT, FOAF, HYDRA, RDF, VOID, XSD } from './vocab.js';

const { literal, namedNode, quad } = DataFactory;

/**
 * A resource as a store describes it: the triples it is the subject of (with those of the blank
 * nodes they reach), the triples pointing at it, and the label triples of every other IRI these
 * mention (its first label property, every language).
 */
export interface Description {
  readonly iri: string;
  readonly own: readonly Quad[];
  readonly inbound: readonly Quad[];
  readonly labels: readonly Quad[];
  /** Set when the description is one page of a larger one (see StatementWindow). */
  readonly extent?: DescriptionExtent;
}

/**
 * Which of a thing's statements one page of its document holds: `limit` of them from `offset`, in
 * one order: the thing's own statements first (subject the thing, canonical order), then those
 * pointing at it (by subject, then predicate). The blank nodes an own statement reaches come with
 * it, and labels with whatever a page mentions; neither counts.
 */
export interface StatementWindow {
  readonly offset: number;
  readonly limit: number;
}

/** How many statements the whole description holds, and the window a page of it shows. */
export interface DescriptionExtent {
  readonly own: number;
  readonly inbound: number;
  readonly window: StatementWindow;
}

/**
 * Statements per page of a document when the configuration says nothing (DOCUMENT_PAGE_SIZE):
 * every document of the real data fits on one page (the most linked thing, a section, has 94 links).
 */
export const DEFAULT_PAGE_SIZE = 200;

/** The window of page `page` (from 1) when a page holds `size` statements. */
export function pageWindow(page: number, size: number): StatementWindow {
  return { offset: (page - 1) * size, limit: size };
}

/** How many pages a paged description has (at least 1). */
export function pageCountOf(extent: DescriptionExtent): number {
  return Math.max(1, Math.ceil((extent.own + extent.inbound) / extent.window.limit));
}

/**
 * The thing's own statements a window holds, with the triples of the blank nodes they reach, from
 * all its own triples (`own`, as describe reads them); and how many own statements there are.
 */
export function ownInWindow(
  iri: string,
  own: readonly Quad[],
  window: StatementWindow,
): { own: Quad[]; total: number } {
  const top = canonicalOrder(own.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === iri));
  const kept = top.slice(window.offset, window.offset + window.limit);
  const bySubject = new Map<string, Quad[]>();
  for (const q of own) {
    if (q.subject.termType !== 'BlankNode') continue;
    const list = bySubject.get(q.subject.id);
    if (list) list.push(q);
    else bySubject.set(q.subject.id, [q]);
  }
  const reached = reachedFrom(
    kept.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.id),
    bySubject,
  );
  return { own: [...kept, ...reached], total: top.length };
}

/**
 * The IRIs whose labels a description of `iri` carries: every IRI its statements name but its
 * own and, on a page of a document (`page`), its own too: later pages hold none of its label
 * statements, and the page still names it.
 */
export function mentionedIris(iri: string, statements: ReadonlyArray<readonly Quad[]>, page: boolean): Set<string> {
  const mentioned = new Set<string>(page ? [iri] : []);
  for (const quads of statements)
    for (const q of quads)
      for (const term of [q.subject, q.object])
        if (term.termType === 'NamedNode' && term.value !== iri) mentioned.add(term.value);
  return mentioned;
}

/**
 * The triples reached from some nodes (by N3 id) through blank nodes: those of each start node,
 * then those of every blank node they lead to, each once, breadth first.
 */
export function reachedFrom(start: readonly string[], bySubject: ReadonlyMap<string, readonly Quad[]>): Quad[] {
  const reached: Quad[] = [];
  const queue = [...start];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const q of bySubject.get(queue.shift()!) ?? []) {
      reached.push(q);
      if (q.object.termType === 'BlankNode' && !seen.has(q.object.id)) {
        seen.add(q.object.id);
        queue.push(q.object.id);
      }
    }
  }
  return reached;
}

/** The inbound statements a window holds, after `ownTotal` own ones: an offset and limit into them. */
export function inboundWindow(ownTotal: number, window: StatementWindow): StatementWindow {
  const offset = Math.max(0, window.offset - ownTotal);
  const end = Math.max(0, window.offset + window.limit - ownTotal);
  return { offset, limit: Math.max(0, end - offset) };
}

/** The address of page `page` of a document: the document itself for the first, `?page=N` after. */
export function documentPageIri(documentIri: string, page: number): string {
  return page === 1 ? documentIri : `${documentIri}?page=${page}`;
}

/** Site-wide facts every document's metadata states. */
export interface SiteInfo {
  readonly baseIri: string;
  readonly datasetIri: string;
  readonly licenseIri: string;
}

/** The document about a thing: its description and what the document says of itself. */
export function documentQuads(description: Description, documentIri: string, site: SiteInfo): Quad[] {
  const thing = namedNode(description.iri);
  const { extent } = description;
  const pages = extent ? pageCountOf(extent) : 1;
  const page = extent ? Math.floor(extent.window.offset / extent.window.limit) + 1 : 1;
  const document = namedNode(documentPageIri(documentIri, page));
  return dedupe([
    ...description.own,
    ...description.inbound,
    ...description.labels,
    quad(document, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
    quad(document, namedNode(`${FOAF}primaryTopic`), thing),
    quad(thing, namedNode(`${FOAF}isPrimaryTopicOf`), namedNode(documentIri)),
    quad(document, namedNode(`${VOID}inDataset`), namedNode(site.datasetIri)),
    quad(document, namedNode(`${DCT}license`), namedNode(site.licenseIri)),
    ...(extent && pages > 1 ? pagingQuads(documentIri, page, pages, extent) : []),
  ]);
}

/**
 * A page's place among the document's pages, in Hydra's terms (as Triple Pattern Fragments state
 * theirs): the first, last, previous and next page, how many statements the whole document holds
 * and how many a page does. A later page is part of the document, whose address is the first page's.
 */
function pagingQuads(documentIri: string, page: number, pages: number, extent: DescriptionExtent): Quad[] {
  const at = namedNode(documentPageIri(documentIri, page));
  return [
    ...hydraPaging(
      at,
      (n) => documentPageIri(documentIri, n),
      page,
      pages,
      extent.own + extent.inbound,
      extent.window.limit,
    ),
    ...(page > 1 ? [quad(at, namedNode(`${DCT}isPartOf`), namedNode(documentIri))] : []),
  ];
}

/**
 * One page among `pages`, in Hydra's terms: a partial view with its first, last, previous and next
 * page, how many items the whole holds and how many a page does (documents and collection listings).
 */
export function hydraPaging(
  at: Quad['subject'],
  pageIri: (n: number) => string,
  page: number,
  pages: number,
  totalItems: number,
  itemsPerPage: number,
): Quad[] {
  const link = (property: string, n: number): Quad => quad(at, namedNode(`${HYDRA}${property}`), namedNode(pageIri(n)));
  const count = (property: string, n: number): Quad =>
    quad(at, namedNode(`${HYDRA}${property}`), literal(String(n), namedNode(`${XSD}integer`)));
  return [
    quad(at, namedNode(`${RDF}type`), namedNode(`${HYDRA}PartialCollectionView`)),
    link('first', 1),
    link('last', pages),
    ...(page > 1 ? [link('previous', page - 1)] : []),
    ...(page < pages ? [link('next', page + 1)] : []),
    count('totalItems', totalItems),
    count('itemsPerPage', itemsPerPage),
  ];
}

/** RFC 8288 links to the first, previous, next and last page (a `Link` header's value). */
export function pagingLinks(pageUrl: (n: number) => string, page: number, pages: number): string {
  const link = (n: number, rel: string): string => `<${pageUrl(n)}>; rel="${rel}"`;
  return [
    link(1, 'first'),
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < pages ? [link(page + 1, 'next')] : []),
    link(pages, 'last'),
  ].join(', ');
}

/**
 * Quads in one order whatever store they came from: by subject, then predicate, then object, each
 * compared by its N3 id (`<iri>`-like keys, literals with their language or datatype). Stores
 * return matches in their own index order; a description in this order serialises to the same
 * bytes from the embedded store and from a remote one (blank nodes aside: each store labels its own).
 */
export function canonicalOrder(quads: readonly Quad[]): Quad[] {
  const key = (q: Quad): [string, string, string] => [q.subject.id, q.predicate.id, q.object.id];
  return [...quads].sort((a, b) => {
    const [as, ap, ao] = key(a);
    const [bs, bp, bo] = key(b);
    return as < bs ? -1 : as > bs ? 1 : ap < bp ? -1 : ap > bp ? 1 : ao < bo ? -1 : ao > bo ? 1 : 0;
  });
}

/** A description with each of its parts in canonical order (see canonicalOrder). */
export function canonicalDescription(description: Description): Description {
  return {
    iri: description.iri,
    own: canonicalOrder(description.own),
    inbound: canonicalOrder(description.inbound),
    labels: canonicalOrder(description.labels),
    ...(description.extent ? { extent: description.extent } : {}),
  };
}

/** Drops repeated quads, keeping first-seen order. */
export function dedupe(quads: readonly Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = `${q.subject.id} ${q.predicate.id} ${q.object.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
