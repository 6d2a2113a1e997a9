// The label policy: which property names a resource, and which language is shown.
import type { Quad } from 'n3';
import { DCT, FOAF, RDFS, SCHEMA, SKOS } from './vocab.js';

/** Label properties in order of preference. */
export const LABEL_PROPERTIES: readonly string[] = [
  `${RDFS}label`,
  `${SKOS}prefLabel`,
  `${FOAF}name`,
  `${DCT}title`,
  `${SCHEMA}name`,
];

/** English label first, then any. */
export function pickLabel(quads: readonly Quad[]): string | undefined {
  const english = quads.find((q) => q.object.termType === 'Literal' && q.object.language.startsWith('en'));
  return (english ?? quads[0])?.object.value;
}

/**
 * The display label of every subject among these quads: the first label property a subject has,
 * English first. The same answer as asking the store for each one, when the quads hold each
 * subject's label triples (a description's own and label triples do).
 */
export function labelsOf(quads: Iterable<Quad>): Map<string, string> {
  const bySubject = new Map<string, Quad[][]>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    const rank = LABEL_PROPERTIES.indexOf(q.predicate.value);
    if (rank < 0) continue;
    let slots = bySubject.get(q.subject.value);
    if (!slots) {
      slots = LABEL_PROPERTIES.map(() => []);
      bySubject.set(q.subject.value, slots);
    }
    slots[rank]!.push(q);
  }
  const labels = new Map<string, string>();
  for (const [subject, slots] of bySubject) {
    const first = slots.find((s) => s.length > 0);
    const label = first && pickLabel(first);
    if (label !== undefined) labels.set(subject, label);
  }
  return labels;
}
