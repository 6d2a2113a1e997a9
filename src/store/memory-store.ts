// The embedded in-memory store: the data and the ontology in one N3.Store, with a few lookups.
import { DataFactory, Store, type Quad, type Quad_Object, type Term } from 'n3';
import { DCT, FOAF, OWL, RDF, RDFS, SCHEMA, SKOS } from '../rdf/vocab.js';
import type { LoadedDataset } from '../dataset/load.js';

const { namedNode } = DataFactory;
const TYPE = namedNode(`${RDF}type`);
/** Label properties in order of preference. */
const LABEL_PROPERTIES = [`${RDFS}label`, `${SKOS}prefLabel`, `${FOAF}name`, `${DCT}title`, `${SCHEMA}name`].map((p) =>
  namedNode(p),
);

/** The default graph: data plus ontology, indexed for lookups by subject, predicate and object. */
export class MemoryStore {
  readonly store: Store;
  readonly size: number;

  constructor(quads: Iterable<Quad>) {
    this.store = new Store();
    for (const quad of quads) this.store.addQuad(quad);
    this.size = this.store.size;
  }

  /** The store of a loaded dataset: its data and its ontology (not the shapes). */
  static fromDataset(dataset: LoadedDataset): MemoryStore {
    return new MemoryStore([...dataset.data, ...dataset.ontology]);
  }

  /** Every quad with this subject. */
  outgoing(subject: Term): Quad[] {
    return this.store.getQuads(subject, null, null, null);
  }

  /** Every quad with this object. */
  incoming(object: Term): Quad[] {
    return this.store.getQuads(null, null, object, null);
  }

  /** The values of one property of a subject. */
  objects(subject: Term, predicate: string): Quad_Object[] {
    return this.store.getObjects(subject, namedNode(predicate), null);
  }

  /** The rdf:types of a subject. */
  types(subject: Term): string[] {
    return this.store.getObjects(subject, TYPE, null).map((t) => t.value);
  }

  /** Every subject with an rdf:type. */
  typedSubjects(): Term[] {
    return this.store.getSubjects(TYPE, null, null);
  }

  /** The label quads of a resource: the first label property it has, every language of it. */
  labelQuads(subject: Term): Quad[] {
    for (const predicate of LABEL_PROPERTIES) {
      const quads = this.store.getQuads(subject, predicate, null, null);
      if (quads.length > 0) return quads;
    }
    return [];
  }

  /** A display label: English first, then any language, else undefined. */
  label(subject: Term): string | undefined {
    const quads = this.labelQuads(subject);
    const english = quads.find((q) => q.object.termType === 'Literal' && q.object.language.startsWith('en'));
    return (english ?? quads[0])?.object.value;
  }

  /** True when the IRI is an owl class or property of the ontology. */
  isOntologyTerm(iri: string): boolean {
    const types = this.types(namedNode(iri));
    return types.some((t) => t.startsWith(OWL) || t === `${RDFS}Class` || t === `${RDF}Property`);
  }
}
