// The IRI and URL layout: every IRI of ours is built and parsed in src/rdf/layout.ts.
import { describe, expect, it } from 'vitest';
import { formatById } from '../../../src/rdf/formats.js';
import {
  againstBase,
  collectionIri,
  contextUrl,
  datasetIri,
  documentIri,
  parseThingIri,
  relativeToBase,
  serviceIri,
  sitePrefixes,
  thingIri,
  thingSpace,
} from '../../../src/rdf/layout.js';

const BASE = 'https://data.test.example/';

describe('the IRI layout', () => {
  it('parses exactly the IRIs it builds for things', () => {
    const iri = thingIri(BASE, 'process', 'bali-process');
    expect(iri).toBe(`${BASE}id/process/bali-process`);
    expect(parseThingIri(iri, BASE)).toEqual({ collection: 'process', slug: 'bali-process' });
    expect(iri.startsWith(thingSpace(BASE))).toBe(true);
  });

  it('refuses IRIs that are not things of ours', () => {
    for (const other of [
      `${BASE}id/process`,
      `${BASE}id/process/bali-process/extra`,
      `${BASE}id/unknown-collection/x`,
      `${BASE}id/process/Bali`,
      `${BASE}id/process/-x`,
      `${BASE}doc/process/bali-process`,
      'https://elsewhere.example/id/process/bali-process',
    ])
      expect(parseThingIri(other, BASE), other).toBeUndefined();
  });

  it('builds documents, collection pages and the site IRIs', () => {
    const thing = { collection: 'process', slug: 'bali-process' };
    expect(documentIri(thing, BASE)).toBe(`${BASE}doc/process/bali-process`);
    expect(documentIri(thing, BASE, formatById('turtle'))).toBe(`${BASE}doc/process/bali-process.ttl`);
    expect(collectionIri(BASE, 'process')).toBe(`${BASE}doc/process`);
    expect(collectionIri(BASE, 'process', 1)).toBe(`${BASE}doc/process`);
    expect(collectionIri(BASE, 'process', 3)).toBe(`${BASE}doc/process?page=3`);
    expect(collectionIri(BASE, 'event', 1, 'mig:Workshop')).toBe(`${BASE}doc/event?type=mig:Workshop`);
    expect(collectionIri(BASE, 'event', 2, 'mig:Workshop')).toBe(`${BASE}doc/event?type=mig:Workshop&page=2`);
    expect([datasetIri(BASE), contextUrl(BASE), serviceIri(BASE)]).toEqual([
      `${BASE}dataset`,
      `${BASE}context.jsonld`,
      `${BASE}sparql#service`,
    ]);
  });

  it('has one prefix map: the well-known prefixes, mig:, one per collection and shape:', () => {
    const prefixes = sitePrefixes(BASE);
    expect(prefixes.mig).toBe(`${BASE}ontology#`);
    expect(prefixes.process).toBe(`${BASE}id/process/`);
    expect(prefixes.shape).toBe(`${BASE}shapes#`);
    expect(prefixes.skos).toBe('http://www.w3.org/2004/02/skos/core#');
  });
});

describe('IRIs relative to the base, as the saved indexes write them', () => {
  it.each([
    [`${BASE}id/process/bali-process`, 'id/process/bali-process'],
    [`${BASE}ontology#Process`, 'ontology#Process'],
    ['https://elsewhere.example/x', 'https://elsewhere.example/x'],
    // What follows the base would read as an absolute IRI: written whole.
    [`${BASE}urn:x`, `${BASE}urn:x`],
  ])('%s is written %s and read back as it was', (iri, written) => {
    expect(relativeToBase(iri, BASE)).toBe(written);
    expect(againstBase(written, BASE)).toBe(iri);
  });
});
