// No server-side request forgery: nothing sent to /sparql makes the server connect anywhere (a listener on 127.0.0.1 counts connections).
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import type { Express } from 'express';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import * as rdflib from 'rdflib';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

type RemoteDocument = Awaited<ReturnType<NonNullable<jsonld.Options.DocLoader['documentLoader']>>>;

const { app }: { app: Express } = await realApp();

let connections = 0;
// Started at collection time, so that each row names the listener's port.
const listener = net.createServer((socket) => {
  connections += 1;
  socket.on('error', () => undefined); // a client that hangs up early is no failure of the listener
  // Answer like an HTTP server would, so that a client that did connect would also get data.
  socket.end(
    'HTTP/1.1 200 OK\r\ncontent-type: text/turtle\r\ncontent-length: 52\r\n\r\n<urn:x-test:fetched> <urn:x-test:p> <urn:x-test:o> .\n',
  );
});
listener.listen(0, '127.0.0.1');
await once(listener, 'listening');
const port = (listener.address() as AddressInfo).port;

afterAll(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

afterEach(async () => {
  // Late connections (a fetch started in the background) would show up here.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(connections, 'connections received by the listener').toBe(0);
});

const target = (path: string): string => `http://127.0.0.1:${port}${path}`;

type Outcome = 'refused' | 'empty';
type Send = () => request.Test;

const get =
  (query: string, accept = 'application/sparql-results+json'): Send =>
  () =>
    request(app)
      .get(`/sparql?${new URLSearchParams([['query', query]]).toString()}`)
      .set('Accept', accept);
const postForm =
  (pairs: Array<[string, string]>): Send =>
  () =>
    request(app).post('/sparql').type('form').send(new URLSearchParams(pairs).toString());
const postDirect =
  (body: string, type = 'application/sparql-query'): Send =>
  () =>
    request(app).post('/sparql').set('Content-Type', type).send(Buffer.from(body));

const ROWS: Array<{ clause: string; send: Send; outcome: Outcome }> = [
  {
    clause: 'SERVICE <http://127.0.0.1:PORT/sparql>',
    send: get(`SELECT * WHERE { SERVICE <${target('/sparql')}> { ?s ?p ?o } }`),
    outcome: 'refused',
  },
  {
    clause: 'SERVICE SILENT in a subquery',
    send: get(`SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <${target('/sparql')}> { ?s ?p ?o } } } }`),
    outcome: 'refused',
  },
  {
    clause: 'SERVICE inside FILTER EXISTS',
    send: postDirect(`ASK { ?s ?p ?o FILTER EXISTS { SERVICE <${target('/sparql')}> { ?s ?p ?o } } }`),
    outcome: 'refused',
  },
  {
    clause: 'FROM <http://127.0.0.1:PORT/x>',
    send: get(`SELECT * FROM <${target('/x')}> WHERE { ?s ?p ?o }`),
    outcome: 'empty',
  },
  {
    clause: 'FROM <http://localhost:PORT/x> by form POST',
    send: postForm([['query', `SELECT * FROM <http://localhost:${port}/x> WHERE { ?s ?p ?o }`]]),
    outcome: 'empty',
  },
  {
    clause: 'FROM NAMED with GRAPH ?g',
    send: get(`SELECT * FROM NAMED <${target('/named')}> WHERE { GRAPH ?g { ?s ?p ?o } }`),
    outcome: 'empty',
  },
  {
    clause: 'GRAPH <http://127.0.0.1:PORT/g>',
    send: get(`SELECT * WHERE { GRAPH <${target('/g')}> { ?s ?p ?o } }`),
    outcome: 'empty',
  },
  { clause: 'ASK with FROM', send: get(`ASK FROM <${target('/x')}> { ?s ?p ?o }`), outcome: 'empty' },
  {
    clause: 'CONSTRUCT with FROM, as Turtle',
    send: get(`CONSTRUCT WHERE { ?s ?p ?o } `.replace('WHERE', `FROM <${target('/x')}> WHERE`), 'text/turtle'),
    outcome: 'empty',
  },
  {
    clause: 'default-graph-uri=http://127.0.0.1:PORT/',
    send: () =>
      request(app).get(
        `/sparql?${new URLSearchParams([
          ['query', 'ASK { ?s ?p ?o }'],
          ['default-graph-uri', target('/')],
        ]).toString()}`,
      ),
    outcome: 'refused',
  },
  {
    clause: 'named-graph-uri=http://127.0.0.1:PORT/ by form POST',
    send: postForm([
      ['query', 'ASK { ?s ?p ?o }'],
      ['named-graph-uri', target('/')],
    ]),
    outcome: 'refused',
  },
  { clause: 'LOAD sent as query=', send: get(`LOAD <${target('/data.ttl')}>`), outcome: 'refused' },
  {
    clause: 'LOAD SILENT INTO GRAPH sent as application/sparql-query',
    send: postDirect(`LOAD SILENT <${target('/data.ttl')}> INTO GRAPH <urn:x-test:g>`),
    outcome: 'refused',
  },
  {
    clause: 'LOAD sent as update= (form POST)',
    send: postForm([['update', `LOAD <${target('/data.ttl')}>`]]),
    outcome: 'refused',
  },
  {
    clause: 'LOAD sent as application/sparql-update',
    send: postDirect(`LOAD <${target('/data.ttl')}>`, 'application/sparql-update'),
    outcome: 'refused',
  },
  {
    clause: 'DESCRIBE <http://127.0.0.1:PORT/thing> as Turtle',
    send: get(`DESCRIBE <${target('/thing')}>`, 'text/turtle'),
    outcome: 'empty',
  },
  {
    clause: 'DESCRIBE <http://127.0.0.1:PORT/thing> as JSON-LD',
    send: get(`DESCRIBE <${target('/thing')}>`, 'application/ld+json'),
    outcome: 'empty',
  },
  {
    clause: 'DESCRIBE <http://127.0.0.1:PORT/thing> as RDF/XML',
    send: get(`DESCRIBE <${target('/thing')}>`, 'application/rdf+xml'),
    outcome: 'empty',
  },
  {
    clause: 'DESCRIBE ?x bound to the URL',
    send: get(`DESCRIBE ?x WHERE { BIND(<${target('/thing')}> AS ?x) }`, 'application/n-triples'),
    outcome: 'empty',
  },
  {
    clause: 'a pattern on the URL as subject',
    send: get(`SELECT * WHERE { <${target('/thing')}> ?p ?o }`),
    outcome: 'empty',
  },
];

/** True when a 200 body holds no solution, a false ASK, or no triple. */
async function isEmpty(res: request.Response): Promise<boolean> {
  const type = String(res.headers['content-type']).split(';')[0];
  switch (type) {
    case 'application/sparql-results+json': {
      const json = JSON.parse(res.text) as { boolean?: boolean; results?: { bindings: unknown[] } };
      return json.boolean === false || json.results?.bindings.length === 0;
    }
    case 'text/turtle':
    case 'application/n-triples':
      return new Parser({ format: type }).parse(res.text).length === 0;
    case 'application/ld+json': {
      const context = JSON.parse((await request(app).get('/context.jsonld')).text) as RemoteDocument['document'];
      const documentLoader = (url: string): Promise<RemoteDocument> =>
        url === `${TEST_BASE}context.jsonld`
          ? Promise.resolve({ documentUrl: url, document: context })
          : Promise.reject(new Error(`the test refuses to load ${url}`));
      const nquads = (await jsonld.toRDF(JSON.parse(res.text) as jsonld.JsonLdDocument, {
        format: 'application/n-quads',
        documentLoader,
      })) as unknown as string;
      return nquads.trim() === '';
    }
    case 'application/rdf+xml': {
      const store = rdflib.graph();
      rdflib.parse(res.text, store, `${TEST_BASE}sparql`, 'application/rdf+xml');
      return store.statements.length === 0;
    }
    default:
      return Promise.reject(new Error(`unexpected Content-Type ${type}`));
  }
}

describe('nothing sent to the endpoint makes the server connect to a URL', () => {
  it('the listener is up and counts connections (control: a direct connection is counted, then the count is reset)', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toBe(1);
    connections = 0;
  });

  it.each(ROWS)('$clause → $outcome (400, or 200 with an empty result)', async (row) => {
    const res = await row.send();
    if (row.outcome === 'refused') {
      expect(res.status, `${row.clause}: ${res.text}`).toBe(400);
    } else {
      expect(res.status, `${row.clause}: ${res.text}`).toBe(200);
      expect(await isEmpty(res), `${row.clause}: ${res.text}`).toBe(true);
    }
    expect(res.text, row.clause).not.toContain('urn:x-test:fetched');
  });
});
