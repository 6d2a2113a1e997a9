// SparqlReads against a canned SPARQL endpoint on 127.0.0.1: what a store answers that the real
// endpoints of the integration test do not (Virtuoso's 1 for true, partial results, a stalled
// body, a repeated or unwritable IRI), and how each is read.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/errors.js';
import { StoreAnswerTooLarge } from '../../../src/store/sparql-client.js';
import { SparqlReads } from '../../../src/store/sparql-reads.js';

type Handler = (query: string, res: ServerResponse) => void;
let handler: Handler = (_q, res) => res.end();
const queries: string[] = [];
let server: http.Server;
let url = '';

beforeAll(async () => {
  server = http.createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const query = new URLSearchParams(body).get('query') ?? '';
      queries.push(query);
      handler(query, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const json =
  (bindings: object[]): Handler =>
  (_q, res) => {
    res.setHeader('content-type', 'application/sparql-results+json');
    res.end(JSON.stringify({ head: { vars: [] }, results: { bindings } }));
  };

const failure = async (read: Promise<unknown>): Promise<HttpError> => {
  const error = await read.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

describe('SparqlReads reading what a store writes', () => {
  it('reads a paged SELECT a page at a time, in the order given, until a page is short', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ s: { type: 'uri', value: `http://x/${i}` } }));
    handler = (q, res) => {
      const [, offset, limit] = /OFFSET (\d+) LIMIT (\d+)$/.exec(q) ?? [];
      json(all.slice(Number(offset), Number(offset) + Number(limit)))(q, res);
    };
    queries.length = 0;
    const reads = new SparqlReads({ queryUrl: url, timeoutMs: 2_000, pageRows: 3 });
    const rows = await reads.select('SELECT ?s WHERE { ?s ?p ?o }', { orderBy: '?s' });
    expect(rows.map((r) => r.s?.value)).toEqual(all.map((r) => r.s.value));
    expect(queries).toEqual([0, 3, 6].map((o) => `SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s OFFSET ${o} LIMIT 3`));
    // The bulk reads of the thing index are paged.
    queries.length = 0;
    await reads.pairs('http://x/p');
    expect(queries[0]).toMatch(/ORDER BY \?s \?o OFFSET 0 LIMIT 3$/);
  });

  it("refuses an answer past maxBytes (reads on a client's behalf) as too large, not as the store failing", async () => {
    handler = json(Array.from({ length: 50 }, (_, i) => ({ s: { type: 'uri', value: `http://x/${i}` } })));
    const bounded = new SparqlReads({ queryUrl: url, timeoutMs: 2_000, maxBytes: 500 });
    const error = await bounded.select('SELECT ?s WHERE { ?s ?p ?o }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreAnswerTooLarge);
    expect(
      await new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).select('SELECT ?s WHERE { ?s ?p ?o }'),
    ).toHaveLength(50);
  });

  it('bounds reads by startupTimeoutMs until endStartup, then by timeoutMs', async () => {
    const slow = json([]);
    handler = (q, res) => setTimeout(() => slow(q, res), 400);
    const reads = new SparqlReads({ queryUrl: url, timeoutMs: 100, startupTimeoutMs: 5_000 });
    expect(await reads.select('SELECT * WHERE { ?s ?p ?o }')).toEqual([]);
    reads.endStartup();
    expect((await failure(reads.select('SELECT * WHERE { ?s ?p ?o }'))).status).toBe(503);
  });

  it("reads Virtuoso's 1 and 0 for xsd:boolean as true and false", async () => {
    const boolean = 'http://www.w3.org/2001/XMLSchema#boolean';
    handler = json([
      { s: { type: 'uri', value: 'http://x/a' }, o: { type: 'typed-literal', datatype: boolean, value: '1' } },
      { s: { type: 'uri', value: 'http://x/b' }, o: { type: 'literal', datatype: boolean, value: '0' } },
    ]);
    const pairs = await new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).pairs('http://x/withdrawn');
    expect(pairs).toEqual([
      { subject: 'http://x/a', object: 'true' },
      { subject: 'http://x/b', object: 'false' },
    ]);
  });

  it('asks for each IRI once, leaves out one a query cannot hold, and gives each IRI its labels once', async () => {
    const label = 'http://www.w3.org/2000/01/rdf-schema#label';
    handler = json([
      {
        s: { type: 'uri', value: 'http://x/a' },
        p: { type: 'uri', value: label },
        o: { type: 'literal', value: 'A', 'xml:lang': 'en' },
      },
    ]);
    queries.length = 0;
    const quads = await new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).labels([
      'http://x/a',
      'http://x/a',
      'http://x/b c',
    ]);
    expect(quads.map((q) => `${q.subject.value} ${q.object.value}`)).toEqual(['http://x/a A', 'http://x/a A']);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('VALUES ?s { <http://x/a> }');
  });

  it('sends nothing for no IRIs', async () => {
    queries.length = 0;
    expect(await new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).labels([])).toEqual([]);
    expect(queries).toEqual([]);
  });
});

describe('a store that fails is a 503 that says how', () => {
  it('partial results (Virtuoso: 200 with X-SQL-State) are not taken for the answer', async () => {
    handler = (_q, res) => {
      res.setHeader('x-sql-state', 'S1TAT');
      json([])(_q, res);
    };
    const error = await failure(new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).select('SELECT * {}'));
    expect(error.status).toBe(503);
    expect(error.message).toContain('gave partial results (SQL state S1TAT)');
  });

  it('a store that sends its headers and then stalls runs into the deadline', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      res.write('{"head":');
    };
    const error = await failure(new SparqlReads({ queryUrl: url, timeoutMs: 300 }).select('SELECT * {}'));
    expect(error.status).toBe(503);
    expect(error.message).toContain('took over 300 ms');
  });

  it("an answer that is not results JSON, or an error status, is the store's fault", async () => {
    handler = (_q, res) => res.end('<html>maintenance</html>');
    expect((await failure(new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).select('SELECT * {}'))).status).toBe(
      503,
    );
    handler = (_q, res) => {
      res.statusCode = 500;
      res.end('boom');
    };
    const error = await failure(new SparqlReads({ queryUrl: url, timeoutMs: 2_000 }).select('SELECT * {}'));
    expect(error.message).toBe('The data store answered 500: boom.');
  });
});
