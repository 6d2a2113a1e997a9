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
