// Content codings: every textual response in brotli or gzip when the client takes it, each coding
// with its own strong ETag, Vary: Accept-Encoding, HEAD and 304 right, short bodies as they are.
// Over a real socket, so the bytes are the wire's (supertest would decompress them).
import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realApp } from '../support/app.js';

let server: Server;
let port: number;

beforeAll(async () => {
  const { app } = await realApp();
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One request; the body exactly as it came over the wire. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

const SELECT_LABELS = encodeURIComponent(
  'SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s',
);
const ASK = encodeURIComponent('ASK { ?s ?p ?o }');

/** One of every kind of textual response, each long enough to be worth compressing. */
const KINDS = [
  { kind: 'the home page (HTML)', path: '/', accept: 'text/html', type: /^text\/html/ },
  { kind: 'a resource page (HTML)', path: '/doc/process/bali-process', accept: 'text/html', type: /^text\/html/ },
  { kind: 'a collection page (HTML)', path: '/doc/process', accept: 'text/html', type: /^text\/html/ },
  { kind: 'Turtle', path: '/doc/process/bali-process', accept: 'text/turtle', type: /^text\/turtle/ },
  { kind: 'JSON-LD', path: '/doc/process/bali-process', accept: 'application/ld+json', type: /^application\/ld\+json/ },
  {
    kind: 'N-Triples',
    path: '/doc/process/bali-process',
    accept: 'application/n-triples',
    type: /^application\/n-triples/,
  },
  { kind: 'RDF/XML', path: '/doc/process/bali-process', accept: 'application/rdf+xml', type: /^application\/rdf\+xml/ },
  { kind: 'the VoID/DCAT description (Turtle)', path: '/dataset', accept: 'text/turtle', type: /^text\/turtle/ },
  { kind: 'the JSON-LD context', path: '/context.jsonld', accept: '*/*', type: /json/ },
  { kind: 'the sitemap (XML)', path: '/sitemap.xml', accept: '*/*', type: /xml/ },
  { kind: "the ontology's diagram (SVG)", path: '/ontology.svg', accept: '*/*', type: /^image\/svg\+xml/ },
  { kind: 'the stylesheet (CSS)', path: '/assets/style.css', accept: '*/*', type: /^text\/css/ },
  { kind: "the editor's script (JS)", path: '/assets/sparql-editor.js', accept: '*/*', type: /javascript/ },
  { kind: "YASGUI's bundle (1 MB of JS)", path: '/assets/yasgui/yasgui.min.js', accept: '*/*', type: /javascript/ },
  { kind: "YASGUI's stylesheet", path: '/assets/yasgui/yasgui.min.css', accept: '*/*', type: /^text\/css/ },
  { kind: 'the SPARQL editor (HTML)', path: '/sparql', accept: 'text/html', type: /^text\/html/ },
  {
    kind: 'SPARQL results (JSON)',
    path: `/sparql?query=${SELECT_LABELS}`,
    accept: 'application/sparql-results+json',
    type: /^application\/sparql-results\+json/,
  },
  {
    kind: 'SPARQL results (XML)',
    path: `/sparql?query=${SELECT_LABELS}`,
    accept: 'application/sparql-results+xml',
    type: /^application\/sparql-results\+xml/,
  },
  { kind: 'SPARQL results (CSV)', path: `/sparql?query=${SELECT_LABELS}`, accept: 'text/csv', type: /^text\/csv/ },
  { kind: 'the service description (Turtle)', path: '/sparql', accept: 'text/turtle', type: /^text\/turtle/ },
  {
    kind: 'a 404 page with close matches (HTML)',
    path: '/doc/process/bali-proces',
    accept: 'text/html',
    type: /^text\/html/,
    status: 404,
  },
  {
    kind: 'a 400 answer to a bad query (JSON)',
    path: `/sparql?query=${encodeURIComponent(`SELECT * WHERE { ?s ?p ${'?o '.repeat(40)}`)}`,
    accept: 'application/json',
    type: /^application\/json/,
    status: 400,
  },
] as const;

const decode = { gzip: gunzipSync, br: brotliDecompressSync } as const;

describe.each(KINDS)('$kind', (kind) => {
  const { path, accept, type } = kind;
  const status = 'status' in kind ? kind.status : 200;
  let plain: Answer;
  beforeAll(async () => {
    plain = await raw(path, { Accept: accept });
  });

  it('is sent as it is without Accept-Encoding, saying it varies by Accept-Encoding', () => {
    expect(plain.status).toBe(status);
    expect(plain.headers['content-type']).toMatch(type);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/\bAccept-Encoding\b/);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
  });

  it.each(['gzip', 'br'] as const)('in %s: smaller, the same bytes decoded, its own strong ETag', async (coding) => {
    const coded = await raw(path, { Accept: accept, 'Accept-Encoding': coding });
    expect(coded.status).toBe(status);
    expect(coded.headers['content-encoding']).toBe(coding);
    expect(coded.headers['content-type']).toBe(plain.headers['content-type']);
    expect(coded.headers.vary).toMatch(/\bAccept-Encoding\b/);
    expect(Number(coded.headers['content-length'])).toBe(coded.body.length);
    expect(coded.body.length).toBeLessThan(plain.body.length);
    expect(decode[coding](coded.body).equals(plain.body)).toBe(true);
    expect(coded.headers.etag).toBe(`${plain.headers.etag!.slice(0, -1)}-${coding}"`);
    expect(coded.headers.etag).toMatch(/^"[^"]+"$/); // strong
  });

  it('HEAD in a coding: the same headers as GET, no body; 304 for the coding the client holds (never for an error)', async () => {
    const get = await raw(path, { Accept: accept, 'Accept-Encoding': 'br' });
    const head = await raw(path, { Accept: accept, 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(status);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary'])
      expect(head.headers[name], name).toBe(get.headers[name]);
    const fresh = await raw(path, { Accept: accept, 'Accept-Encoding': 'br', 'If-None-Match': get.headers.etag! });
    if (status !== 200) {
      expect(fresh.status).toBe(status); // an error is not a cached representation to revalidate
      return;
    }
    expect(fresh.status).toBe(304);
    expect(fresh.body.length).toBe(0);
    expect(fresh.headers.etag).toBe(get.headers.etag);
    expect(fresh.headers.vary).toMatch(/\bAccept-Encoding\b/);
  });
});

describe('choosing a coding', () => {
  const path = '/doc/process/bali-process';
  it.each([
    { header: 'gzip, deflate, br', coding: 'br', why: 'brotli when weighed alike (as browsers send it)' },
    { header: 'br;q=0.5, gzip', coding: 'gzip', why: 'the client prefers gzip' },
    { header: 'gzip;q=0.4, br;q=0.8', coding: 'br', why: 'the client prefers brotli' },
    { header: '*', coding: 'br', why: 'any coding' },
    { header: 'deflate', coding: undefined, why: 'none we offer' },
    { header: 'gzip;q=0, br;q=0', coding: undefined, why: 'both refused' },
    { header: 'identity, gzip;q=0.5', coding: undefined, why: 'identity preferred' },
    { header: 'x-odd,,;q=', coding: undefined, why: 'nonsense' },
  ])('Accept-Encoding: $header → $coding ($why)', async ({ header, coding }) => {
    const answer = await raw(path, { Accept: 'text/html', 'Accept-Encoding': header });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(coding);
  });

  it('a cache holding either copy is answered 304 with the tag it holds, in a coding it still takes', async () => {
    const plain = await raw(path, { Accept: 'text/html' });
    const gz = await raw(path, { Accept: 'text/html', 'Accept-Encoding': 'gzip' });
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const held = await raw(path, {
      Accept: 'text/html',
      'Accept-Encoding': 'gzip',
      'If-None-Match': plain.headers.etag!,
    });
    expect(held.status).toBe(304);
    expect(held.headers.etag).toBe(plain.headers.etag);
    const both = `${plain.headers.etag!}, ${gz.headers.etag!}`;
    const either = await raw(path, { Accept: 'text/html', 'Accept-Encoding': 'gzip', 'If-None-Match': both });
    expect(either.status).toBe(304);
    // A gzip copy is no use to a client that no longer takes gzip.
    const refused = await raw(path, {
      Accept: 'text/html',
      'Accept-Encoding': 'br',
      'If-None-Match': gz.headers.etag!,
    });
    expect(refused.status).toBe(200);
    expect(refused.headers['content-encoding']).toBe('br');
    expect((await raw(path, { Accept: 'text/html', 'If-None-Match': gz.headers.etag! })).status).toBe(200);
  });

  it('a short body is sent as it is whatever the client takes, and does not vary by it', async () => {
    const ask = await raw(`/sparql?query=${ASK}`, {
      Accept: 'application/sparql-results+json',
      'Accept-Encoding': 'gzip, br',
    });
    expect(ask.status).toBe(200);
    expect(ask.body.length).toBeLessThan(256);
    expect(ask.headers['content-encoding']).toBeUndefined();
    expect(ask.headers.vary).not.toMatch(/\bAccept-Encoding\b/);
    expect(JSON.parse(ask.body.toString('utf8'))).toHaveProperty('boolean');
  });

  it('a SPARQL result is 304 before evaluation for the coded tag the client holds', async () => {
    const headers = { Accept: 'application/sparql-results+json', 'Accept-Encoding': 'gzip' };
    const first = await raw(`/sparql?query=${SELECT_LABELS}`, headers);
    expect(first.headers['content-encoding']).toBe('gzip');
    const again = await raw(`/sparql?query=${SELECT_LABELS}`, { ...headers, 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.vary).toMatch(/\bAccept-Encoding\b/);
  });

  it('a dump is still offered in gzip only (streamed from its file)', async () => {
    const dump = await raw('/dataset/dump.nt', { 'Accept-Encoding': 'br, gzip;q=0.5' }, 'HEAD');
    expect(dump.status).toBe(200);
    expect(dump.headers['content-encoding']).toBe('gzip');
  });

  it.each([
    { what: 'an asset path that is not valid percent-encoding', path: '/assets/%E0%A4%A', status: 400 },
    { what: 'an asset that does not exist', path: '/assets/no-such-file.css', status: 404 },
    { what: 'an asset folder', path: '/assets/yasgui/ts', status: 404 },
    { what: 'an encoded slash out of the folder', path: '/assets/..%2f..%2fpackage.json', status: 404 },
  ])('$what: $status', async ({ path, status }) => {
    expect((await raw(path, { 'Accept-Encoding': 'gzip' })).status).toBe(status);
  });
});
