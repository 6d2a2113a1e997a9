// What a document about a thing holds (docs/documents.md): its description and document metadata.
import { DataFactory, type Quad } from 'n3';
import { DCT, FOAF, RDF, VOID } from './vocab.js';

const { namedNode, quad } = DataFactory;

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
  const document = namedNode(documentIri);
  return dedupe([
    ...description.own,
    ...description.inbound,
    ...description.labels,
    quad(document, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
    quad(document, namedNode(`${FOAF}primaryTopic`), thing),
    quad(thing, namedNode(`${FOAF}isPrimaryTopicOf`), document),
    quad(document, namedNode(`${VOID}inDataset`), namedNode(site.datasetIri)),
    quad(document, namedNode(`${DCT}license`), namedNode(site.licenseIri)),
  ]);
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
