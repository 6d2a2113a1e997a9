// Labels and display order of properties and classes, from the ontology and the shapes.
import { DataFactory, Store, type Quad } from 'n3';
import { RDFS, SH } from '../rdf/vocab.js';
import type { MemoryStore } from '../oxigraph/memory-store.js';

export interface PropertyDisplay {
  readonly label: string;
  /** sh:order from the shapes; properties without one sort after those with one. */
  readonly order: number;
}

/**
 * How to show each property: its label (the ontology's rdfs:label, else the least of the shapes'
 * sh:names, else its local name) and its place (the lowest sh:order any shape gives it).
 */
export class VocabularyLabels {
  private readonly names = new Map<string, string>();
  private readonly orders = new Map<string, number>();

  /** `ontology` holds the ontology alone: the labels and comments of our classes and properties. */
  constructor(
    private readonly ontology: MemoryStore,
    shapes: Quad[],
  ) {
    const shapeStore = new Store(shapes);
    const path = DataFactory.namedNode(`${SH}path`);
    for (const { subject, object } of shapeStore.getQuads(null, path, null, null)) {
      if (object.termType !== 'NamedNode') continue;
      const order = shapeStore.getObjects(subject, DataFactory.namedNode(`${SH}order`), null)[0];
      if (order) {
        const value = Number(order.value);
        if (!Number.isNaN(value))
          this.orders.set(object.value, Math.min(value, this.orders.get(object.value) ?? value));
      }
      const names = shapeStore.getObjects(subject, DataFactory.namedNode(`${SH}name`), null);
      const name = names.find((n) => n.termType === 'Literal' && n.language.startsWith('en')) ?? names[0];
      // Several shapes may name one path; the least name wins, so the label does not depend on
      // the order the shapes were read in (files here, a remote store's answer there).
      const known = this.names.get(object.value);
      if (name && (known === undefined || name.value < known)) this.names.set(object.value, name.value);
    }
  }

  /** The label and order of a property. */
  property(iri: string): PropertyDisplay {
    return { label: this.label(iri), order: this.orders.get(iri) ?? Number.MAX_SAFE_INTEGER };
  }

  /** The label of a class or property. */
  label(iri: string): string {
    return this.ontology.label(DataFactory.namedNode(iri)) ?? this.names.get(iri) ?? localName(iri);
  }

  /** The English rdfs:comment of an ontology term, if any. */
  comment(iri: string): string | undefined {
    return this.ontology.objects(DataFactory.namedNode(iri), `${RDFS}comment`)[0]?.value;
  }
}

/** The last segment of an IRI, after `#` or `/`. */
export function localName(iri: string): string {
  return iri.replace(/^.*[#/]/, '') || iri;
}
