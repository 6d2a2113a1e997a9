// The document about a thing: its description, then what the document says of itself, once each.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import {
  documentQuads,
  inboundWindow,
  ownInWindow,
  pageCountOf,
  pageWindow,
  type Description,
} from '../../../src/rdf/document.js';
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

describe('statement windows (a document a page at a time)', () => {
  const p = (n: number) => namedNode(`${BASE}ontology#p${n}`);
  const blank = DataFactory.blankNode('b1');
  // Five own statements, one of them reaching a blank node with a triple of its own.
  const own = [
    quad(thing, p(3), literal('c')),
    quad(thing, p(1), literal('a')),
    quad(thing, p(2), blank),
    quad(blank, p(9), literal('inside')),
    quad(thing, p(4), literal('d')),
    quad(thing, p(5), literal('e')),
  ];

  it('keeps the own statements of the window in canonical order, with the blank nodes they reach, and counts them all', () => {
    const first = ownInWindow(thing.value, own, pageWindow(1, 2));
    expect(first.total).toBe(5);
    expect(first.own.map((q) => q.object.value)).toEqual(['a', 'b1', 'inside']);
    expect(ownInWindow(thing.value, own, pageWindow(3, 2)).own.map((q) => q.object.value)).toEqual(['e']);
    expect(ownInWindow(thing.value, own, pageWindow(4, 2)).own).toEqual([]);
  });

  it('gives the inbound part of a window after the own statements', () => {
    expect(inboundWindow(5, pageWindow(1, 2))).toEqual({ offset: 0, limit: 0 });
    expect(inboundWindow(5, pageWindow(3, 2))).toEqual({ offset: 0, limit: 1 }); // statements 5 (own) and 6
    expect(inboundWindow(5, pageWindow(4, 2))).toEqual({ offset: 1, limit: 2 });
    expect(inboundWindow(0, pageWindow(2, 10))).toEqual({ offset: 10, limit: 10 });
  });

  it('counts pages over own and inbound statements, at least one', () => {
    expect(pageCountOf({ own: 0, inbound: 0, window: pageWindow(1, 10) })).toBe(1);
    expect(pageCountOf({ own: 5, inbound: 5, window: pageWindow(1, 10) })).toBe(1);
    expect(pageCountOf({ own: 5, inbound: 6, window: pageWindow(1, 10) })).toBe(2);
  });

  it('states a page in Hydra terms only when there is more than one, and names the thing’s document whatever the page', () => {
    const doc = `${BASE}doc/process/p`;
    const keys = (d: Description): string[] =>
      documentQuads(d, doc, site).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    const one = keys({
      iri: thing.value,
      own: [],
      inbound: [],
      labels: [],
      extent: { own: 3, inbound: 0, window: pageWindow(1, 10) },
    });
    expect(one.some((k) => k.includes('hydra'))).toBe(false);
    const second = keys({
      iri: thing.value,
      own: [],
      inbound: [],
      labels: [],
      extent: { own: 3, inbound: 30, window: pageWindow(2, 10) },
    });
    const H = 'http://www.w3.org/ns/hydra/core#';
    expect(second).toContain(`${doc}?page=2 ${H}first ${doc}`);
    expect(second).toContain(`${doc}?page=2 ${H}previous ${doc}`);
    expect(second).toContain(`${doc}?page=2 ${H}next ${doc}?page=3`);
    expect(second).toContain(`${doc}?page=2 ${H}last ${doc}?page=4`);
    expect(second).toContain(`${doc}?page=2 ${H}totalItems 33`);
    expect(second).toContain(`${doc}?page=2 http://purl.org/dc/terms/isPartOf ${doc}`);
    expect(second).toContain(`${thing.value} ${FOAF}isPrimaryTopicOf ${doc}`);
    expect(second).toContain(`${doc}?page=2 ${FOAF}primaryTopic ${thing.value}`);
  });
});
