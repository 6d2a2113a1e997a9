// The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) at /sparql: one row per request shape of the W3C protocol tests.
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { DOMParser, type Document } from '@xmldom/xmldom';
import type { Express } from 'express';
import { Parser } from 'n3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf } from '../../src/render/representation.js';
import { realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

const { app }: { app: Express } = await realApp();

const SPARQL_RESULTS_NS = 'http://www.w3.org/2005/sparql-results#';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const BALI = `${TEST_BASE}id/process/bali-process`;
/** A query whose answer proves the UTF-8 of the request was decoded (the data holds this literal). */
const ASK_UTF8 = 'ASK { ?s ?p "Copyright © 2021 International Organization for Migration"@en }';
const SELECT = `SELECT ?label WHERE { <${BALI}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }`;
const ASK = `ASK { <${BALI}> ?p ?o }`;
const CONSTRUCT = `CONSTRUCT { <${BALI}> ?p ?o } WHERE { <${BALI}> ?p ?o }`;
const DESCRIBE = `DESCRIBE <${BALI}>`;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
const MARKER = '<urn:x-test:s> <urn:x-test:p> "inserted"';
const INSERT = `INSERT DATA { ${MARKER} }`;
/** `ASK { ?s ?p "©" }` with the © percent-encoded as its ISO-8859-1 byte (A9), not as UTF-8 (C2 A9). */
const LATIN1_QUERY_PARAM = 'query=ASK%20%7B%20%3Fs%20%3Fp%20%22%A9%22%20%7D';

const SOLUTION_TYPES = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
];
const GRAPH_TYPES = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];

/** Form-encodes parameters (repeated keys allowed). */
function form(...pairs: Array<[string, string]>): string {
  return new URLSearchParams(pairs).toString();
}

function xml(text: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, 'application/xml');
}

/** Checks that a body is what its Content-Type says it is (an independent parser per type). */
function expectBodyMatches(contentType: string, text: string, status: number): void {
  const type = contentType.split(';')[0]?.trim();
  expect(contentType, 'textual types carry charset=utf-8').toMatch(/;\s*charset=utf-8$/i);
  switch (type) {
    case 'application/sparql-results+json': {
      const json = JSON.parse(text) as { head?: unknown; boolean?: boolean; results?: unknown };
      expect(json.head).toBeDefined();
      expect(json.boolean !== undefined || json.results !== undefined).toBe(true);
      break;
    }
    case 'application/sparql-results+xml': {
      const root = xml(text).documentElement;
      expect([root?.namespaceURI, root?.localName]).toEqual([SPARQL_RESULTS_NS, 'sparql']);
      break;
    }
    case 'text/csv':
      expect(text).toMatch(/^[A-Za-z_][\w,]*\r\n/);
      break;
    case 'text/tab-separated-values':
      expect(text).toMatch(/^\?[A-Za-z_]\w*(\t\?[A-Za-z_]\w*)*\n/);
      break;
    case 'text/turtle':
      new Parser({ format: 'text/turtle', baseIRI: TEST_BASE }).parse(text);
      break;
    case 'application/n-triples':
      new Parser({ format: 'application/n-triples' }).parse(text);
      break;
    case 'application/ld+json':
      expect(JSON.parse(text)).toHaveProperty('@context');
      break;
    case 'application/rdf+xml': {
      const root = xml(text).documentElement;
      expect([root?.namespaceURI, root?.localName]).toEqual([RDF_NS, 'RDF']);
      break;
    }
    case 'text/plain':
      expect(text.startsWith(`${status} `)).toBe(true);
      break;
    case 'application/json':
      expect((JSON.parse(text) as { status: number }).status).toBe(status);
      break;
    case 'text/html':
      expect(text).toMatch(/<html[\s>]/i);
      break;
    default:
      throw new Error(`unexpected Content-Type ${contentType}`);
  }
}

/** An error carries no validator of the result it failed to produce: its ETag, if any, is its own body's. */
function expectOwnEtag(res: request.Response): void {
  if (res.headers.etag !== undefined) expect(res.headers.etag, "the error body's own ETag").toBe(etagOf(res.text));
}

/** The number of triples, asked of every worker at once (each holds its own copy of the data). */
async function tripleCounts(): Promise<number[]> {
  const responses = await Promise.all(
    [0, 1, 2].map(() =>
      request(app)
        .post('/sparql')
        .type('form')
        .send(form(['query', COUNT])),
    ),
  );
  return responses.map((res) => {
    expect(res.status).toBe(200);
    const json = JSON.parse(res.text) as { results: { bindings: Array<{ n: { value: string } }> } };
    return Number(json.results.bindings[0]?.n.value);
  });
}

async function markerPresent(): Promise<boolean> {
  const res = await request(app).get(`/sparql?${form(['query', `ASK { ${MARKER} }`])}`);
  expect(res.status).toBe(200);
  return (JSON.parse(res.text) as { boolean: boolean }).boolean;
}

describe('query operation: the accepted request shapes (§2.1)', () => {
  it.each([
    {
      clause: 'query-get: query via GET (§2.1.1)',
      send: () => request(app).get(`/sparql?${form(['query', ASK_UTF8])}`),
    },
    {
      clause: 'query-get: %20-encoded spaces (§2.1.1)',
      send: () => request(app).get(`/sparql?query=${encodeURIComponent(ASK_UTF8)}`),
    },
    {
      clause: 'query-post-form: query via URL-encoded POST (§2.1.2)',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', ASK_UTF8])),
    },
    {
      clause: 'query-post-form: with charset=UTF-8 (§2.1.2)',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8')
          .send(form(['query', ASK_UTF8])),
    },
    {
      clause: 'query-post-direct: query via POST directly (§2.1.3)',
      send: () =>
        request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.from(ASK_UTF8)),
    },
    {
      clause: 'query-post-direct: with charset=utf-8 (§2.1.3)',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query; charset=utf-8')
          .send(Buffer.from(ASK_UTF8)),
    },
    {
      clause: 'query-post-direct: with charset="UTF-8", quoted (§2.1.3)',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query;charset="UTF-8"')
          .send(Buffer.from(ASK_UTF8)),
    },
  ])('$clause → 200, the UTF-8 literal matched', async ({ send }) => {
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/sparql-results+json; charset=utf-8');
    expect(JSON.parse(res.text)).toEqual({ head: {}, boolean: true });
  });

  it('query-get: the answer is the data (a COUNT of the default graph, the same on every worker)', async () => {
    const counts = await tripleCounts();
    expect(counts[0]).toBeGreaterThan(1000);
    expect(new Set(counts).size).toBe(1);
  });
});

describe('bad-query-*: malformed query requests answer 4xx (§2.1.4, §2.2)', () => {
  it.each([
    {
      clause: 'bad-query-method: PUT',
      send: () =>
        request(app)
          .put('/sparql')
          .type('form')
          .send(form(['query', ASK])),
      status: 405,
      message: /answers GET, HEAD, POST, OPTIONS/,
    },
    {
      clause: 'bad-query-method: DELETE',
      send: () => request(app).delete(`/sparql?${form(['query', ASK])}`),
      status: 405,
      message: /answers GET, HEAD, POST, OPTIONS/,
    },
    {
      clause: 'bad-query-method: PATCH',
      send: () =>
        request(app)
          .patch('/sparql')
          .type('form')
          .send(form(['query', ASK])),
      status: 405,
      message: /answers/,
    },
    {
      clause: 'bad-multiple-queries: two query parameters in GET',
      send: () => request(app).get(`/sparql?${form(['query', ASK], ['query', SELECT])}`),
      status: 400,
      message: /Exactly one query/,
    },
    {
      clause: 'bad-multiple-queries: two query parameters in a form POST',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', ASK], ['query', SELECT])),
      status: 400,
      message: /Exactly one query/,
    },
    {
      clause: 'bad-multiple-queries: one in the form body, one in the URL',
      send: () =>
        request(app)
          .post(`/sparql?${form(['query', SELECT])}`)
          .type('form')
          .send(form(['query', ASK])),
      status: 400,
      message: /Exactly one query/,
    },
    {
      clause: 'bad-multiple-queries: a direct POST body and a query parameter',
      send: () =>
        request(app)
          .post(`/sparql?${form(['query', SELECT])}`)
          .set('Content-Type', 'application/sparql-query')
          .send(Buffer.from(ASK)),
      status: 400,
      message: /either in the body or as the query parameter/,
    },
    {
      clause: 'no query: a form POST without query',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['other', 'x'])),
      status: 400,
      message: /no query/,
    },
    {
      clause: 'no query: an empty form POST',
      send: () => request(app).post('/sparql').type('form').send(''),
      status: 400,
      message: /no query/,
    },
    {
      clause: 'no query: an empty direct POST',
      send: () => request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.alloc(0)),
      status: 400,
      message: /empty/,
    },
    {
      clause: 'no query: an empty query parameter',
      send: () => request(app).get('/sparql?query='),
      status: 400,
      message: /empty/,
    },
    {
      clause: 'bad-query-wrong-media-type: POST text/plain',
      send: () => request(app).post('/sparql').set('Content-Type', 'text/plain').send(Buffer.from(ASK)),
      status: 415,
      message: /application\/x-www-form-urlencoded or application\/sparql-query; got text\/plain/,
    },
    {
      clause: 'bad-query-wrong-media-type: POST application/json',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/json')
          .send(Buffer.from(JSON.stringify({ query: ASK }))),
      status: 415,
      message: /got application\/json/,
    },
    {
      clause: 'bad-query-missing-form-type: a form body without Content-Type',
      send: () =>
        request(app)
          .post('/sparql')
          .send(Buffer.from(form(['query', ASK]))),
      status: 415,
      message: /needs Content-Type/,
    },
    {
      clause: 'bad-query-missing-direct-type: a query body without Content-Type',
      send: () => request(app).post('/sparql').send(Buffer.from(ASK)),
      status: 415,
      message: /needs Content-Type/,
    },
    {
      clause: 'bad-query-non-utf8: application/sparql-query; charset=ISO-8859-1',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query; charset=ISO-8859-1')
          .send(Buffer.from(ASK_UTF8, 'latin1')),
      status: 415,
      message: /Only UTF-8 .*charset=iso-8859-1/,
    },
    {
      clause: 'bad-query-non-utf8: bytes that are not UTF-8 in a direct POST',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query')
          .send(Buffer.from(ASK_UTF8, 'latin1')),
      status: 400,
      message: /not valid UTF-8/,
    },
    {
      clause: 'bad-query-non-utf8: application/sparql-query; charset=UTF-16',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query; charset=UTF-16')
          .send(Buffer.from(`\ufeff${ASK}`, 'utf16le')),
      status: 415,
      message: /Only UTF-8 .*charset=utf-16/,
    },
    {
      clause: 'bad-query-non-utf8: ISO-8859-1 percent-encoded in a form POST',
      send: () => request(app).post('/sparql').type('form').send(LATIN1_QUERY_PARAM),
      status: 400,
      message: /form body is not valid UTF-8/,
    },
    {
      clause: 'bad-query-non-utf8: ISO-8859-1 percent-encoded in GET',
      send: () => request(app).get(`/sparql?${LATIN1_QUERY_PARAM}`),
      status: 400,
      message: /query string is not valid UTF-8/,
    },
    {
      clause: 'query-dataset-default-graph: default-graph-uri in GET is refused',
      send: () => request(app).get(`/sparql?${form(['query', ASK], ['default-graph-uri', BALI])}`),
      status: 400,
      message: /default-graph-uri is not supported/,
    },
    {
      clause: 'query-dataset-default-graph: default-graph-uri in a form POST is refused',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', ASK], ['default-graph-uri', BALI])),
      status: 400,
      message: /default-graph-uri is not supported/,
    },
    {
      clause: 'query-dataset-default-graph: default-graph-uri beside a direct POST is refused',
      send: () =>
        request(app)
          .post(`/sparql?${form(['default-graph-uri', BALI])}`)
          .set('Content-Type', 'application/sparql-query')
          .send(Buffer.from(ASK)),
      status: 400,
      message: /default-graph-uri is not supported/,
    },
    {
      clause: 'query-multiple-dataset: named-graph-uri in GET is refused',
      send: () =>
        request(app).get(`/sparql?${form(['query', ASK], ['default-graph-uri', BALI], ['named-graph-uri', BALI])}`),
      status: 400,
      message: /is not supported: the dataset is fixed/,
    },
    {
      clause: 'query-multiple-dataset: named-graph-uri in a form POST is refused',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', ASK], ['named-graph-uri', BALI])),
      status: 400,
      message: /named-graph-uri is not supported/,
    },
    {
      clause: 'named-graph-uri without a query (GET) is refused too',
      send: () => request(app).get(`/sparql?${form(['named-graph-uri', BALI])}`),
      status: 400,
      message: /named-graph-uri is not supported/,
    },
    {
      clause: 'SERVICE is refused (no federation)',
      send: () =>
        request(app).get(
          `/sparql?${form(['query', 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }'])}`,
        ),
      status: 400,
      message: /SERVICE is not supported/,
    },
    {
      clause: 'SERVICE SILENT inside OPTIONAL is refused',
      send: () =>
        request(app).get(
          `/sparql?${form(['query', 'SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?q ?v } } } LIMIT 1'])}`,
        ),
      status: 400,
      message: /SERVICE is not supported/,
    },
  ])('$clause → $status', async ({ send, status, message }) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.text).toMatch(message);
    expectBodyMatches(String(res.headers['content-type']), res.text, status);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expectOwnEtag(res);
    if (status === 405) expect(res.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
  });
});

describe('bad-query-syntax: a syntax error answers 400 with the parser message and position', () => {
  it.each([
    {
      clause: 'bad-query-syntax: GET',
      send: () => request(app).get(`/sparql?${form(['query', 'SELECT * WHERE { ?s ?p }'])}`),
      line: 1,
    },
    {
      clause: 'bad-query-syntax: form POST',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', 'ASK {\n  ?s ?p ?o .\n  FILTER( }'])),
      line: 3,
    },
    {
      clause: 'bad-query-syntax: direct POST',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query')
          .send(Buffer.from('PREFIX x: <urn:x#>\nSELECT ?s WHERE {\n  ?s x:p "unterminated }')),
      line: 3,
    },
  ])('$clause → 400, "line $line" and a caret under the error', async ({ send, line }) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toContain('syntax error');
    expect(res.text).toContain(`Parse error on line ${line}:`);
    expect(res.text).toMatch(/\n-*\^\n/);
    expect(res.text).toMatch(/Expecting /);
  });

  it('an error the engine finds while evaluating: 400 with its message, never a 200 (status decided before the first byte)', async () => {
    const res = await request(app).get(
      `/sparql?${form(['query', 'ASK { FILTER(<urn:x-test:no-such-function>(1)) }'])}`,
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/could not be evaluated: .*no-such-function/);
    expectOwnEtag(res);
    expectBodyMatches(String(res.headers['content-type']), res.text, 400);
  });

  it('an error negotiated as JSON for a client that asks for JSON', async () => {
    const res = await request(app)
      .get(`/sparql?${form(['query', 'ASK {'])}`)
      .set('Accept', 'application/json');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((JSON.parse(res.text) as { message: string }).message).toContain('Parse error on line 1');
  });
});

describe('bad-update-*: the endpoint is read-only; every update form answers 4xx and changes nothing', () => {
  let before: number[];

  beforeAll(async () => {
    before = await tripleCounts();
    expect(await markerPresent()).toBe(false);
  });

  it.each([
    {
      clause: 'bad-update-get: update= in GET',
      send: () => request(app).get(`/sparql?${form(['update', INSERT])}`),
      status: 400,
    },
    {
      clause: 'update= in a form POST (update operation §2.2.1)',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['update', INSERT])),
      status: 400,
    },
    {
      clause: 'application/sparql-update POST (update operation §2.2.2)',
      send: () =>
        request(app).post('/sparql').set('Content-Type', 'application/sparql-update').send(Buffer.from(INSERT)),
      status: 400,
    },
    {
      clause: 'bad-multiple-updates: two update parameters',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['update', INSERT], ['update', 'CLEAR ALL'])),
      status: 400,
    },
    {
      clause: 'bad-update-wrong-media-type: an update body as text/plain',
      send: () => request(app).post('/sparql').set('Content-Type', 'text/plain').send(Buffer.from(INSERT)),
      status: 415,
    },
    {
      clause: 'bad-update-missing-form-type: update= body without Content-Type',
      send: () =>
        request(app)
          .post('/sparql')
          .send(Buffer.from(form(['update', INSERT]))),
      status: 415,
    },
    {
      clause: 'bad-update-non-utf8: application/sparql-update; charset=ISO-8859-1',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-update; charset=ISO-8859-1')
          .send(Buffer.from(`INSERT DATA { <urn:x-test:s> <urn:x-test:p> "é" }`, 'latin1')),
      status: 400,
    },
    {
      clause: 'bad-update-syntax: a malformed update',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['update', 'INSERT DATA { <urn:a> }'])),
      status: 400,
    },
    {
      clause: 'bad-update-dataset-conflict: using-graph-uri beside USING',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['update', `DELETE { ?s ?p ?o } USING <${BALI}> WHERE { ?s ?p ?o }`], ['using-graph-uri', BALI])),
      status: 400,
    },
    {
      clause: 'using-named-graph-uri alone',
      send: () => request(app).get(`/sparql?${form(['query', ASK], ['using-named-graph-uri', BALI])}`),
      status: 400,
    },
    {
      clause: 'INSERT DATA sent as query= (GET)',
      send: () => request(app).get(`/sparql?${form(['query', INSERT])}`),
      status: 400,
    },
    {
      clause: 'INSERT DATA sent as query= (form POST)',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', INSERT])),
      status: 400,
    },
    {
      clause: 'INSERT DATA sent as application/sparql-query',
      send: () =>
        request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.from(INSERT)),
      status: 400,
    },
    {
      clause: 'LOAD sent as query=',
      send: () => request(app).get(`/sparql?${form(['query', 'LOAD <http://127.0.0.1:9/data.ttl>'])}`),
      status: 400,
    },
    {
      clause: 'CLEAR ALL sent as application/sparql-query',
      send: () =>
        request(app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.from('CLEAR ALL')),
      status: 400,
    },
    {
      clause: 'DROP DEFAULT sent as query=',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', 'DROP DEFAULT'])),
      status: 400,
    },
    {
      clause: 'DELETE WHERE sent as query=',
      send: () => request(app).get(`/sparql?${form(['query', 'DELETE WHERE { ?s ?p ?o }'])}`),
      status: 400,
    },
    {
      clause: 'a query followed by an update in one request',
      send: () =>
        request(app)
          .post('/sparql')
          .set('Content-Type', 'application/sparql-query')
          .send(Buffer.from(`ASK {} ; ${INSERT}`)),
      status: 400,
    },
  ])('$clause → $status, and the data is unchanged', async ({ send, status }) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.text).toMatch(/read-only|syntax error|Content-Type/);
    expect(await tripleCounts()).toEqual(before);
    expect(await markerPresent()).toBe(false);
  });
});

describe('FROM names graphs of this store only: evaluated without fetching', () => {
  let listener: net.Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    listener = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    listener.listen(0, '127.0.0.1');
    await once(listener, 'listening');
    port = (listener.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it('FROM <http://127.0.0.1:PORT/> → 200, no solutions, no connection made', async () => {
    const res = await request(app).get(
      `/sparql?${form(['query', `SELECT * FROM <http://127.0.0.1:${port}/> WHERE { ?s ?p ?o }`])}`,
    );
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as { results: { bindings: unknown[] } }).results.bindings).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections).toBe(0);
  });
});

describe('Accept negotiation of results (§2.1.6, the query-content-type-* tests)', () => {
  it.each([
    {
      clause: 'query-content-type-select: no Accept → SPARQL JSON',
      query: SELECT,
      accept: undefined,
      type: 'application/sparql-results+json',
    },
    {
      clause: 'query-content-type-ask: no Accept → SPARQL JSON',
      query: ASK,
      accept: undefined,
      type: 'application/sparql-results+json',
    },
    {
      clause: 'query-content-type-construct: no Accept → Turtle',
      query: CONSTRUCT,
      accept: undefined,
      type: 'text/turtle',
    },
    {
      clause: 'query-content-type-describe: no Accept → Turtle',
      query: DESCRIBE,
      accept: undefined,
      type: 'text/turtle',
    },
    {
      clause: 'query-content-type-select: */* → SPARQL JSON',
      query: SELECT,
      accept: '*/*',
      type: 'application/sparql-results+json',
    },
    { clause: 'query-content-type-construct: */* → Turtle', query: CONSTRUCT, accept: '*/*', type: 'text/turtle' },
    ...SOLUTION_TYPES.map((type) => ({
      clause: `query-content-type-select: Accept ${type}`,
      query: SELECT,
      accept: type,
      type,
    })),
    {
      clause: 'query-content-type-select: application/json → SPARQL JSON',
      query: SELECT,
      accept: 'application/json',
      type: 'application/sparql-results+json',
    },
    {
      clause: 'query-content-type-select: application/xml → SPARQL XML',
      query: SELECT,
      accept: 'application/xml',
      type: 'application/sparql-results+xml',
    },
    {
      clause: 'query-content-type-select: q-values pick SPARQL XML',
      query: SELECT,
      accept: 'text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1',
      type: 'application/sparql-results+xml',
    },
    {
      clause: 'query-content-type-select: a browser gets the editor',
      query: SELECT,
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      type: 'text/html',
    },
    {
      clause: 'query-content-type-ask: Accept SPARQL JSON',
      query: ASK,
      accept: 'application/sparql-results+json',
      type: 'application/sparql-results+json',
    },
    {
      clause: 'query-content-type-ask: Accept SPARQL XML',
      query: ASK,
      accept: 'application/sparql-results+xml',
      type: 'application/sparql-results+xml',
    },
    ...GRAPH_TYPES.map((type) => ({
      clause: `query-content-type-construct: Accept ${type}`,
      query: CONSTRUCT,
      accept: type,
      type,
    })),
    ...GRAPH_TYPES.map((type) => ({
      clause: `query-content-type-describe: Accept ${type}`,
      query: DESCRIBE,
      accept: type,
      type,
    })),
  ])('$clause', async ({ query, accept, type }) => {
    const req = request(app).get(`/sparql?${form(['query', query])}`);
    const res = await (accept === undefined ? req : req.set('Accept', accept));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expectBodyMatches(String(res.headers['content-type']), res.text, 200);
  });

  it.each([
    {
      clause: 'SELECT with Accept image/png → 406 listing the result types',
      query: SELECT,
      accept: 'image/png',
      listed: SOLUTION_TYPES,
    },
    {
      clause: 'ASK with Accept text/turtle → 406 listing the result types',
      query: ASK,
      accept: 'text/turtle',
      listed: SOLUTION_TYPES,
    },
    {
      clause: 'CONSTRUCT with Accept image/png → 406 listing the RDF types',
      query: CONSTRUCT,
      accept: 'image/png',
      listed: GRAPH_TYPES,
    },
    {
      clause: 'DESCRIBE with Accept text/csv → 406 listing the RDF types',
      query: DESCRIBE,
      accept: 'text/csv',
      listed: GRAPH_TYPES,
    },
  ])('$clause', async ({ query, accept, listed }) => {
    const res = await request(app)
      .get(`/sparql?${form(['query', query])}`)
      .set('Accept', accept);
    expect(res.status).toBe(406);
    for (const type of listed) expect(res.text).toContain(type);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expectBodyMatches(String(res.headers['content-type']), res.text, 406);
  });
});

describe('HTTP: HEAD, OPTIONS, ETag and 304, CORS', () => {
  it('HEAD answers as GET without a body (same status, Content-Type, Content-Length, ETag)', async () => {
    const path = `/sparql?${form(['query', SELECT])}`;
    const get = await request(app).get(path).set('Accept', 'text/csv');
    const head = await request(app).head(path).set('Accept', 'text/csv');
    expect(head.status).toBe(200);
    for (const name of ['content-type', 'content-length', 'etag', 'vary', 'access-control-allow-origin'])
      expect(head.headers[name], name).toBe(get.headers[name]);
    expect(head.text ?? '').toBe('');
  });

  it('HEAD of a bad query answers its 4xx without a body', async () => {
    const res = await request(app).head(`/sparql?${form(['query', 'SELECT * {'])}`);
    expect(res.status).toBe(400);
    expect(res.text ?? '').toBe('');
  });

  it('OPTIONS (CORS preflight) → 204 with Allow and the CORS headers', async () => {
    const res = await request(app)
      .options('/sparql')
      .set('Origin', 'https://notebook.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('GET results carry an ETag; If-None-Match answers 304 without a body', async () => {
    const path = `/sparql?${form(['query', SELECT])}`;
    const first = await request(app).get(path);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(app).get(path);
    expect(again.headers.etag).toBe(etag);
    const cached = await request(app).get(path).set('If-None-Match', etag);
    expect(cached.status).toBe(304);
    expect(cached.text ?? '').toBe('');
    expect(cached.headers.etag).toBe(etag);
    expect(cached.headers['access-control-allow-origin']).toBe('*');
    const stale = await request(app).get(path).set('If-None-Match', '"something-else"');
    expect(stale.status).toBe(200);
  });

  it.each([
    { clause: 'a different query', other: { query: ASK, accept: 'application/sparql-results+json' } },
    { clause: 'the same query in another format', other: { query: SELECT, accept: 'application/sparql-results+xml' } },
  ])('$clause → a different ETag, and the first ETag does not validate it', async ({ other }) => {
    const first = await request(app)
      .get(`/sparql?${form(['query', SELECT])}`)
      .set('Accept', 'application/sparql-results+json');
    const second = await request(app)
      .get(`/sparql?${form(['query', other.query])}`)
      .set('Accept', other.accept);
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBeDefined();
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const conditional = await request(app)
      .get(`/sparql?${form(['query', other.query])}`)
      .set('Accept', other.accept)
      .set('If-None-Match', String(first.headers.etag));
    expect(conditional.status).toBe(200);
  });

  it.each([
    { clause: 'a SELECT result', send: () => request(app).get(`/sparql?${form(['query', SELECT])}`), status: 200 },
    {
      clause: 'a CONSTRUCT result by POST',
      send: () =>
        request(app)
          .post('/sparql')
          .type('form')
          .send(form(['query', CONSTRUCT])),
      status: 200,
    },
    {
      clause: 'the service description',
      send: () => request(app).get('/sparql').set('Accept', 'text/turtle'),
      status: 200,
    },
    { clause: 'a syntax error', send: () => request(app).get(`/sparql?${form(['query', 'ASK {'])}`), status: 400 },
    { clause: 'a refused method', send: () => request(app).put('/sparql'), status: 405 },
    {
      clause: 'an unacceptable Accept',
      send: () =>
        request(app)
          .get(`/sparql?${form(['query', ASK])}`)
          .set('Accept', 'image/png'),
      status: 406,
    },
    {
      clause: 'a refused Content-Type',
      send: () => request(app).post('/sparql').set('Content-Type', 'text/plain').send(Buffer.from(ASK)),
      status: 415,
    },
  ])('Access-Control-Allow-Origin: * on $clause ($status), never with credentials', async ({ send, status }) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('POST results are not stored by caches (Cache-Control: no-store)', async () => {
    const res = await request(app)
      .post('/sparql')
      .type('form')
      .send(form(['query', SELECT]));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
