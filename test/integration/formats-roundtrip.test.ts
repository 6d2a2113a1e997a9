// Every RDF format of every document, and the dumps, parse back (independent parsers) to the same graph.
import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Express } from 'express';
import jsonld from 'jsonld';
import { Parser, type Quad, type Term } from 'n3';
import * as rdflib from 'rdflib';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/render/site.js';
import { realApp } from '../support/app.js';
import { TEST_BASE, iri } from '../support/dataset.js';
import { appContextLoader, type RemoteDocument } from '../support/jsonld.js';
import { allThings } from '../support/things.js';

// Loaded at collection time, so that every thing is a row of its own.
const { app, site }: { app: Express; site: Site } = await realApp();

const CONTEXT_URL = `${TEST_BASE}context.jsonld`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** Resolves only our own context, from the app itself: nothing remote is ever fetched. */
let documentLoader: (url: string) => Promise<RemoteDocument>;

beforeAll(async () => {
  documentLoader = await appContextLoader(app);
});

/** One canonical line per triple, independent of each parser's term classes and escaping. */
interface PlainTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}

function key(term: PlainTerm): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      throw new Error('documents are expected to hold no blank nodes');
    case 'Literal': {
      const language = (term.language ?? '').toLowerCase();
      const datatype = language ? RDF_LANG_STRING : term.datatype?.value || XSD_STRING;
      return JSON.stringify([term.value, language, datatype]);
    }
    default:
      throw new Error(`unexpected term type ${term.termType}`);
  }
}

function lines(triples: Iterable<{ subject: PlainTerm; predicate: PlainTerm; object: PlainTerm }>): Set<string> {
  const set = new Set<string>();
  for (const t of triples) set.add(`${key(t.subject)} ${key(t.predicate)} ${key(t.object)}`);
  return set;
}

/** GET with node:http against the app on 127.0.0.1:0: the bytes exactly as sent. */
async function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        })
        .on('error', reject);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function parseN3(text: string, format: string, baseIRI?: string): Quad[] {
  return new Parser({ format, ...(baseIRI ? { baseIRI } : {}) }).parse(text);
}

async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text) as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
    documentLoader,
  })) as unknown as string;
  return parseN3(nquads, 'application/n-quads');
}

/** The full IRI of a (possibly compact) JSON-LD id under our context. */
async function expandId(id: unknown): Promise<unknown> {
  // A node with only @id expands to nothing: give it a property so its expanded @id shows.
  const expanded = (await jsonld.expand(
    { '@context': CONTEXT_URL, '@id': id, 'http://example.org/p': 'x' } as jsonld.JsonLdDocument,
    { documentLoader },
  )) as Array<Record<string, unknown>>;
  return expanded[0]?.['@id'];
}

function parseRdfXml(
  text: string,
  base: string,
): Array<{ subject: PlainTerm; predicate: PlainTerm; object: PlainTerm }> {
  const store = rdflib.graph();
  rdflib.parse(text, store, base, 'application/rdf+xml');
  return store.statements.map((st) => ({ subject: st.subject, predicate: st.predicate, object: st.object }));
}

async function get(path: string, encoding = 'identity'): Promise<request.Response> {
  const res = await request(app).get(path).set('Accept-Encoding', encoding);
  expect(res.status, path).toBe(200);
  return res;
}

const THINGS = (await allThings(site.things)).map((t) => ({
  rule: `${t.collection}/${t.slug}: .ttl, .jsonld and .rdf parse to the .nt graph`,
  path: `/doc/${t.collection}/${t.slug}`,
  iri: t.iri,
}));

describe('every document parses back to the same graph in every format', () => {
  it('there are things to check', () => {
    expect(THINGS.length).toBeGreaterThan(100);
  });

  it.each(THINGS)('$rule; the JSON-LD top node is the thing', async ({ rule, path, iri: thingIri }) => {
    const nt = lines(parseN3((await get(`${path}.nt`)).text, 'application/n-triples'));
    expect(nt.size).toBeGreaterThan(0);
    expect(
      [...nt].some((line) => line.startsWith(`<${thingIri}> `)),
      `${rule}: the thing has triples`,
    ).toBe(true);
    const jsonText = (await get(`${path}.jsonld`)).text;
    const graphs = {
      Turtle: lines(parseN3((await get(`${path}.ttl`)).text, 'text/turtle', iri(path.slice(1)))),
      'JSON-LD': lines(await parseJsonLd(jsonText)),
      'RDF/XML': lines(parseRdfXml((await get(`${path}.rdf`)).text, iri(path.slice(1)))),
    };
    for (const [name, graph] of Object.entries(graphs)) {
      expect(
        [...nt].filter((line) => !graph.has(line)),
        `${name} lacks`,
      ).toEqual([]);
      expect(
        [...graph].filter((line) => !nt.has(line)),
        `${name} adds`,
      ).toEqual([]);
    }
    // The JSON-LD has the thing as its top node and our context by URL.
    const doc = JSON.parse(jsonText) as Record<string, unknown>;
    expect(doc['@context']).toBe(CONTEXT_URL);
    expect(await expandId(doc.id)).toBe(thingIri);
  });
});

describe('the JSON-LD and Turtle shapes', () => {
  it.each([
    { rule: 'a process', path: '/doc/process/bali-process', thing: iri('id/process/bali-process') },
    { rule: 'an organisation', path: '/doc/organisation/iom', thing: iri('id/organisation/iom') },
  ])('JSON-LD of $rule: the thing is the top node and the context is ours', async ({ path, thing }) => {
    const doc = JSON.parse((await get(`${path}.jsonld`)).text) as Record<string, unknown>;
    expect(doc['@context']).toBe(CONTEXT_URL);
    expect(doc['@graph']).toBeUndefined();
    const expanded = (await jsonld.expand(doc, { documentLoader })) as Array<Record<string, unknown>>;
    expect(expanded).toHaveLength(1);
    expect(expanded[0]?.['@id']).toBe(thing);
    expect(Array.isArray(expanded[0]?.['@included'])).toBe(true);
  });

  it('the Turtle starts with @prefix lines', async () => {
    const text = (await get('/doc/process/bali-process.ttl')).text;
    const first = text.split('\n').filter((line) => line.trim() !== '');
    expect(first[0]).toMatch(/^@prefix [a-z]*: <[^>]+>\s*\.$/);
    const body = first.findIndex((line) => !line.startsWith('@prefix'));
    expect(body).toBeGreaterThan(0);
    expect(first.slice(body).some((line) => line.startsWith('@prefix'))).toBe(false);
  });
});

describe('the dumps', () => {
  let declared: number;

  beforeAll(async () => {
    const quads = parseN3((await get('/dataset.ttl')).text, 'text/turtle');
    const triples = quads.find(
      (q) => q.subject.value === iri('dataset') && q.predicate.value === 'http://rdfs.org/ns/void#triples',
    );
    declared = Number((triples?.object as Term | undefined)?.value);
  });

  it.each([
    { rule: 'the Turtle dump parses and holds void:triples triples', path: '/dataset/dump.ttl', format: 'text/turtle' },
    {
      rule: 'the N-Triples dump parses and holds void:triples triples',
      path: '/dataset/dump.nt',
      format: 'application/n-triples',
    },
  ])('$rule', async ({ path, format }) => {
    expect(declared).toBeGreaterThan(1000);
    const res = await get(path);
    const graph = lines(parseN3(res.text, format, iri(path.slice(1))));
    expect(graph.size).toBe(declared);
  });

  it('both dumps hold the same graph', async () => {
    const ttl = lines(parseN3((await get('/dataset/dump.ttl')).text, 'text/turtle'));
    const nt = lines(parseN3((await get('/dataset/dump.nt')).text, 'application/n-triples'));
    expect([...ttl].filter((l) => !nt.has(l))).toEqual([]);
    expect(ttl.size).toBe(nt.size);
  });

  it.each([
    { rule: 'the gzipped Turtle dump decompresses to the same bytes', path: '/dataset/dump.ttl' },
    { rule: 'the gzipped N-Triples dump decompresses to the same bytes', path: '/dataset/dump.nt' },
  ])('$rule', async ({ path }) => {
    const plain = await get(path);
    // supertest always decompresses, so take the raw bytes from the app listening on a loopback port.
    const gz = await rawGet(path, { 'Accept-Encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const raw = gz.body;
    expect(raw[0]).toBe(0x1f);
    expect(raw[1]).toBe(0x8b);
    expect(Number(gz.headers['content-length'])).toBe(raw.length);
    expect(gunzipSync(raw).equals(Buffer.from(plain.text, 'utf8'))).toBe(true);
  });
});
