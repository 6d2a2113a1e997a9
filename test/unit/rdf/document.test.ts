// The document about a thing: its description, then what the document says of itself, once each.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { documentQuads, type Description } from '../../../src/rdf/document.js';
import { FOAF, RDFS } from '../../../src/rdf/vocab.js';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'https://data.test.example/';
const thing = namedNode(`${BASE}id/process/p`);
const other = namedNode(`${BASE}id/process/q`);
const label = quad(other, namedNode(`${RDFS}label`), literal('Q', 'en'));
const site = {
  baseIri: BASE,
  datasetIri: `${BASE}dataset`,
  licenseIri: 'https://creativecommons.org/licenses/by/4.0/',
};

describe('documentQuads', () => {
  it('lists own, inbound and label triples in that order, then the document metadata, without repeats', () => {
    const own = quad(thing, namedNode(`${BASE}ontology#partOf`), other);
    const inbound = quad(other, namedNode(`${BASE}ontology#has`), thing);
    const description: Description = { iri: thing.value, own: [own], inbound: [inbound, inbound], labels: [label] };
    const quads = documentQuads(description, `${BASE}doc/process/p`, site);
    expect(quads.slice(0, 3)).toEqual([own, inbound, label]);
    const metadata = quads.slice(3).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(metadata).toContain(`${BASE}doc/process/p ${FOAF}primaryTopic ${thing.value}`);
    expect(metadata).toContain(`${thing.value} ${FOAF}isPrimaryTopicOf ${BASE}doc/process/p`);
    expect(metadata).toContain(`${BASE}doc/process/p http://purl.org/dc/terms/license ${site.licenseIri}`);
    expect(quads).toHaveLength(3 + 5);
  });
});
