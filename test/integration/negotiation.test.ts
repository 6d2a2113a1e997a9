// Content negotiation of /id/ and /doc/ with the Accept headers real clients send (curl, browsers, RDF tools).
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { realApp } from '../support/app.js';
import { iri } from '../support/dataset.js';

let app: Express;

beforeAll(async () => {
  ({ app } = await realApp());
});

const DOC = '/doc/process/bali-process';
const ID = '/id/process/bali-process';

const EXTENSION: Record<string, string> = {
  'text/html': 'html',
  'text/turtle': 'ttl',
  'application/ld+json': 'jsonld',
  'application/n-triples': 'nt',
  'application/rdf+xml': 'rdf',
};

interface Row {
  rule: string;
  /** The Accept header; undefined sends none at all. */
  accept: string | undefined;
  expected: keyof typeof EXTENSION;
}

// Where each header comes from is noted on its row.
const ROWS: Row[] = [
  // curl 8 sends `Accept: */*` by default.
  { rule: 'curl (*/*) gets HTML, the first format', accept: '*/*', expected: 'text/html' },
  { rule: 'a request without Accept gets HTML', accept: undefined, expected: 'text/html' },
  {
    // Chromium's navigation request header.
    rule: 'Chromium gets HTML',
    accept:
      'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    expected: 'text/html',
  },
  // Firefox's navigation request header.
  {
    rule: 'Firefox gets HTML',
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    expected: 'text/html',
  },
  // Googlebot sends the same header as Firefox.
  {
    rule: 'Googlebot gets HTML',
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    expected: 'text/html',
  },
  {
    // raptor2 2.0 `rapper -g URL` (parser "guess"), captured from a local listener.
    rule: 'rapper -g gets RDF/XML, its first q=1 type',
    accept:
      'application/rdf+xml, text/rdf;q=0.6, application/n-triples, text/plain;q=0.1, text/turtle, application/x-turtle, application/turtle, ' +
      'text/n3;q=0.3, text/rdf+n3;q=0.3, application/rdf+n3;q=0.3, application/x-trig, application/rss;q=0.8, application/rss+xml;q=0.8, ' +
      'text/rss;q=0.8, application/xml;q=0.3, text/xml;q=0.3, application/atom+xml;q=0.3, text/html;q=0.2, application/xhtml+xml;q=0.4, ' +
      'text/html;q=0.6, application/xhtml+xml;q=0.8, application/json;q=0.1, text/json;q=0.1, text/x-nquads, */*;q=0.1',
    expected: 'application/rdf+xml',
  },
  {
    // raptor2 2.0 `rapper -i turtle URL`, captured from a local listener.
    rule: 'rapper -i turtle gets Turtle',
    accept:
      'text/turtle, application/x-turtle, application/turtle, text/n3;q=0.3, text/rdf+n3;q=0.3, application/rdf+n3;q=0.3, */*;q=0.1',
    expected: 'text/turtle',
  },
  {
    // Python rdflib 6.1.1 Graph().parse(url), captured from a local listener (rdflib/parser.py URLInputSource).
    rule: 'rdflib Graph().parse(url) gets RDF/XML',
    accept: 'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1',
    expected: 'application/rdf+xml',
  },
  // rdflib 6.1.1 Graph().parse(url, format="turtle"), captured the same way.
  {
    rule: 'rdflib parse(format="turtle") gets Turtle',
    accept: 'text/turtle,application/x-turtle, */*;q=0.1',
    expected: 'text/turtle',
  },
  // rdflib 6.1.1 Graph().parse(url, format="json-ld") (rdflib/parser.py).
  {
    rule: 'rdflib parse(format="json-ld") gets JSON-LD',
    accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1',
    expected: 'application/ld+json',
  },
  // jsonld.js documentLoader (node_modules/jsonld/lib/util.js, ACCEPT_HEADER).
  { rule: 'jsonld.js gets JSON-LD', accept: 'application/ld+json, application/json', expected: 'application/ld+json' },
  {
    rule: 'q-values choose Turtle over JSON-LD',
    accept: 'application/ld+json;q=0.5, text/turtle;q=0.9',
    expected: 'text/turtle',
  },
  {
    rule: 'q-values choose N-Triples over everything else',
    accept: 'text/html;q=0.1, application/n-triples',
    expected: 'application/n-triples',
  },
  { rule: 'text/* gets HTML, the first textual format', accept: 'text/*', expected: 'text/html' },
  {
    rule: 'application/* gets JSON-LD, the first application/ format',
    accept: 'application/*',
    expected: 'application/ld+json',
  },
  { rule: 'a charset parameter still matches Turtle', accept: 'text/turtle;charset=utf-8', expected: 'text/turtle' },
  {
    rule: 'a JSON-LD profile parameter still matches JSON-LD',
    accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
    expected: 'application/ld+json',
  },
  { rule: 'an alias (application/x-turtle) gets Turtle', accept: 'application/x-turtle', expected: 'text/turtle' },
  { rule: 'media types are case-insensitive', accept: 'Text/Turtle', expected: 'text/turtle' },
];

describe('GET /doc/ negotiates the format from real Accept headers', () => {
  it.each(ROWS)('$rule', async ({ accept, expected }) => {
    const req = request(app).get(DOC);
    if (accept !== undefined) req.set('Accept', accept);
    const res = await req;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(`${expected}; charset=utf-8`);
    expect(res.headers.vary).toMatch(/\bAccept\b/);
    expect(res.headers['content-location']).toBe(iri(`doc/process/bali-process.${EXTENSION[expected]}`));
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
  });

  it.each(ROWS)('/id/ answers 303 to the document first: $rule', async ({ accept }) => {
    const req = request(app).get(ID).redirects(0);
    if (accept !== undefined) req.set('Accept', accept);
    const res = await req;
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(iri('doc/process/bali-process'));
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('the variant named by Content-Location is that format only', () => {
  it.each(Object.entries(EXTENSION))('%s at .%s', async (mediaType, extension) => {
    const res = await request(app).get(`${DOC}.${extension}`).set('Accept', 'image/png');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
    expect(res.headers['content-location']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('an Accept that matches nothing', () => {
  it.each([
    { rule: 'image/png is 406 with the available types (plain text)', accept: 'image/png', body: 'text/plain' },
    {
      rule: 'image/png and text/plain is 406 with the available types',
      accept: 'image/png, text/plain',
      body: 'text/plain',
    },
    {
      rule: 'text/html;q=0 refuses HTML: 406 with the available types',
      accept: 'text/html;q=0, image/png',
      body: 'text/plain',
    },
    {
      rule: 'images only, everything else refused (*/*;q=0): 406 with the available types',
      accept: 'image/avif,image/webp,*/*;q=0',
      body: 'text/plain',
    },
  ])('$rule', async ({ accept, body }) => {
    const res = await request(app).get(DOC).set('Accept', accept);
    expect(res.status).toBe(406);
    expect(res.headers['content-type']).toBe(`${body}; charset=utf-8`);
    for (const type of Object.keys(EXTENSION)) expect(res.text).toContain(type);
  });
});

describe('a malformed Accept never causes a 500', () => {
  it.each([
    { rule: 'only semicolons', accept: ';;;' },
    { rule: 'a type without subtype', accept: 'text/' },
    { rule: 'a non-numeric q-value', accept: '*/*;q=abc' },
    { rule: 'a bare word', accept: 'turtle' },
    { rule: 'commas only', accept: ',,,' },
    { rule: 'an unterminated quoted parameter', accept: 'text/turtle;profile="abc' },
    { rule: 'a q-value above 1', accept: 'text/turtle;q=5' },
    { rule: 'a negative q-value', accept: 'text/turtle;q=-1' },
  ])('$rule ($accept)', async ({ accept }) => {
    for (const path of [DOC, ID, '/doc/process', '/ontology', '/']) {
      const res = await request(app).get(path).set('Accept', accept).redirects(0);
      expect(res.status, `${path} with Accept: ${accept}`).toBeLessThan(500);
      expect([200, 303, 400, 406], `${path} with Accept: ${accept}`).toContain(res.status);
    }
  });
});

describe('other negotiated resources', () => {
  it.each([
    { rule: 'a collection is negotiated', path: '/doc/process', location: 'doc/process' },
    { rule: 'the ontology is negotiated', path: '/ontology', location: 'ontology' },
    { rule: 'the shapes are negotiated', path: '/shapes', location: 'shapes' },
    { rule: 'the dataset is negotiated', path: '/dataset', location: 'dataset' },
  ])('$rule', async ({ path, location }) => {
    for (const [mediaType, extension] of Object.entries(EXTENSION)) {
      const res = await request(app).get(path).set('Accept', mediaType);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(`${mediaType}; charset=utf-8`);
      expect(res.headers.vary).toMatch(/\bAccept\b/);
      expect(res.headers['content-location']).toBe(iri(`${location}.${extension}`));
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('the home page is HTML only: Turtle is 406', async () => {
    const res = await request(app).get('/').set('Accept', 'text/turtle');
    expect(res.status).toBe(406);
    expect(res.text).toContain('text/html');
  });
});
