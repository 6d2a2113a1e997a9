// What a document holds: the thing's triples, its blank nodes, inbound links, labels, metadata.
import { DataFactory, type Quad, type Term } from 'n3';
import { DCT, FOAF, RDF, VOID } from '../rdf/vocab.js';
import type { MemoryStore } from '../store/memory-store.js';

const { namedNode, quad } = DataFactory;

/** Site-wide facts every document's metadata states. */
export interface SiteInfo {
  readonly baseIri: string;
  readonly datasetIri: string;
  readonly licenseIri: string;
}

/** The quads with this subject, and recursively those of the blank nodes they reach. */
export function outgoingWithBlankNodes(store: MemoryStore, subject: Term): Quad[] {
  const result: Quad[] = [];
  const seen = new Set<string>();
  const queue: Term[] = [subject];
  while (queue.length > 0) {
    const node = queue.shift() as Term;
    for (const q of store.outgoing(node)) {
      result.push(q);
      if (q.object.termType === 'BlankNode' && !seen.has(q.object.value)) {
        seen.add(q.object.value);
        queue.push(q.object);
      }
    }
  }
  return result;
}

/**
 * The document about a thing (see docs/documents.md): its own triples with blank nodes,
 * the triples pointing at it, the labels of every IRI they mention, and document metadata.
 */
export function describeResource(store: MemoryStore, thingIri: string, documentIri: string, site: SiteInfo): Quad[] {
  const thing = namedNode(thingIri);
  const own = outgoingWithBlankNodes(store, thing);
  const inbound = store.incoming(thing);
  const quads = [...own, ...inbound];
  const mentioned = new Set<string>();
  for (const q of quads) {
    for (const term of [q.subject, q.object]) {
      if (term.termType === 'NamedNode' && term.value !== thingIri) mentioned.add(term.value);
    }
  }
  for (const iri of mentioned) quads.push(...store.labelQuads(namedNode(iri)));
  const document = namedNode(documentIri);
  quads.push(
    quad(document, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
    quad(document, namedNode(`${FOAF}primaryTopic`), thing),
    quad(thing, namedNode(`${FOAF}isPrimaryTopicOf`), document),
    quad(document, namedNode(`${VOID}inDataset`), namedNode(site.datasetIri)),
    quad(document, namedNode(`${DCT}license`), namedNode(site.licenseIri)),
  );
  return dedupe(quads);
}

/** Drops repeated quads, keeping first-seen order. */
export function dedupe(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = `${q.subject.id} ${q.predicate.id} ${q.object.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
