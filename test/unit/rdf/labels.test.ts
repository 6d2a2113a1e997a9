// The label policy: the first label property a subject has, English first.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { labelsOf, pickLabel } from '../../../src/rdf/labels.js';
import { DCT, RDFS, SKOS } from '../../../src/rdf/vocab.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const a = namedNode('https://x.example/a');
const b = namedNode('https://x.example/b');

describe('labelsOf', () => {
  it('prefers rdfs:label over skos:prefLabel over dct:title, whatever the order of the triples', () => {
    const labels = labelsOf([
      quad(a, namedNode(`${DCT}title`), literal('A title', 'en')),
      quad(a, namedNode(`${SKOS}prefLabel`), literal('A preferred', 'en')),
      quad(b, namedNode(`${DCT}title`), literal('B title', 'en')),
      quad(a, namedNode(`${RDFS}label`), literal('A label', 'en')),
    ]);
    expect(labels.get(a.value)).toBe('A label');
    expect(labels.get(b.value)).toBe('B title');
  });

  it('takes the English literal of the chosen property, else the first', () => {
    const labels = labelsOf([
      quad(a, namedNode(`${RDFS}label`), literal('Processus', 'fr')),
      quad(a, namedNode(`${RDFS}label`), literal('Process', 'en-GB')),
      quad(b, namedNode(`${RDFS}label`), literal('Proceso', 'es')),
    ]);
    expect(labels.get(a.value)).toBe('Process');
    expect(labels.get(b.value)).toBe('Proceso');
  });

  it('ignores other properties and blank-node subjects', () => {
    const labels = labelsOf([
      quad(a, namedNode(`${RDFS}comment`), literal('not a label')),
      quad(blankNode('x'), namedNode(`${RDFS}label`), literal('blank')),
    ]);
    expect([...labels.keys()]).toEqual([]);
    expect(pickLabel([])).toBeUndefined();
  });
});
