// The pieces of the platform's own SPARQL reads: IRIs written into queries, and label rows chosen
// by the label policy (src/rdf/labels.ts), as the embedded store chooses them.
import { DataFactory, type Quad } from 'n3';
import { canonicalOrder } from '../rdf/document.js';
import { LABEL_PROPERTIES } from '../rdf/labels.js';
import { writableIri } from '../rdf/lexical.js';
import type { Row } from './store.js';

const { quad } = DataFactory;

/** `<iri>` for a query; only IRIs that writableIri accepts (the callers leave the others out). */
export function iriRef(iri: string): string {
  if (!writableIri(iri))
    throw new Error(`not an IRI that can be written in a query: ${JSON.stringify(iri.slice(0, 100))}`);
  return `<${iri}>`;
}

/** The label properties, for `FILTER(?p IN (...))`: a VALUES block of predicates is read whole by some stores (Oxigraph). */
export const LABELS = LABEL_PROPERTIES.map(iriRef).join(', ');

export function groupBy(quads: readonly Quad[], key: (q: Quad) => string): Map<string, Quad[]> {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = key(q);
    const group = groups.get(k);
    if (group) group.push(q);
    else groups.set(k, [q]);
  }
  return groups;
}

/** Label rows (?s ?p ?o) by subject, one slot per label property in LABEL_PROPERTIES order. */
export function collectLabels(rows: readonly Row[]): Map<string, Quad[][]> {
  const found = new Map<string, Quad[][]>();
  for (const row of rows) {
    const { s, p, o } = row;
    if (s?.termType !== 'NamedNode' || p?.termType !== 'NamedNode' || !o) continue;
    const rank = LABEL_PROPERTIES.indexOf(p.value);
    let slots = found.get(s.value);
    if (!slots) found.set(s.value, (slots = LABEL_PROPERTIES.map(() => [])));
    slots[rank]?.push(quad(s, p, o as Quad['object']));
  }
  return found;
}

/** Each IRI's label quads by the label policy: its first label property that has any, in canonical order. */
export function chooseLabels(found: Map<string, Quad[][]>): Map<string, Quad[]> {
  const chosen = new Map<string, Quad[]>();
  for (const [iri, slots] of found) chosen.set(iri, canonicalOrder(slots.find((slot) => slot.length > 0) ?? []));
  return chosen;
}
