// Real SPARQL and linked-data clients against the running server: Python's SPARQLWrapper and rdflib (Debian python3-sparqlwrapper, python3-rdflib).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { Parser } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { testConfig } from '../support/app.js';
import { ROOT } from '../support/dataset.js';
import { pythonClientsAvailability } from '../support/system-packages.js';

// Skipped outside CI when no python3 on PATH imports both; under CI=true the tests fail with the install hint.
const clients = pythonClientsAvailability();
const python = clients.executable;

/** Runs a Python script with arguments; its last stdout line is JSON. */
function runPython<T>(script: string, ...args: string[]): Promise<T> {
  if (!python) return Promise.reject(new Error(clients.hint));
  return new Promise((resolve, reject) => {
    execFile(
      python,
      ['-c', script, ...args],
      { timeout: 60_000, env: { ...process.env, PYTHONIOENCODING: 'utf-8', no_proxy: '*', NO_PROXY: '*' } },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`python failed: ${error.message}\n${stderr}`));
          return;
        }
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`python printed no JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** A free TCP port on 127.0.0.1: the base IRI must name the port, so that rdflib can dereference our IRIs. */
async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let running: RunningServer;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  running = await startServer(
    testConfig(ROOT, base, { HOST: '127.0.0.1', PORT: String(port) }),
    pino({ level: 'silent' }),
  );
});

afterAll(async () => {
  await running?.close();
});

const SELECT_SCRIPT = String.raw`
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, POST, POSTDIRECTLY
endpoint, method, fmt, query = sys.argv[1:5]
s = SPARQLWrapper(endpoint)
s.setQuery(query)
if method == 'POST':
    s.setMethod(POST)
elif method == 'POSTDIRECTLY':
    s.setMethod(POST)
    s.setRequestMethod(POSTDIRECTLY)
s.setReturnFormat({'json': JSON, 'xml': XML, 'csv': CSV}[fmt])
result = s.query()
content_type = result.info().get('content-type')
data = result.convert()
if fmt == 'json':
    rows = [b['value']['value'] for b in data['results']['bindings']]
elif fmt == 'xml':
    rows = [n.firstChild.data for n in data.getElementsByTagName('literal')]
else:
    text = data.decode('utf-8') if isinstance(data, bytes) else data
    rows = text.split('\r\n')[1:-1]
print(json.dumps({'contentType': content_type, 'rows': rows}))
`;

const ASK_SCRIPT = String.raw`
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML
endpoint, fmt, query = sys.argv[1:4]
s = SPARQLWrapper(endpoint)
s.setQuery(query)
s.setReturnFormat(JSON if fmt == 'json' else XML)
data = s.query().convert()
value = data['boolean'] if fmt == 'json' else data.getElementsByTagName('boolean')[0].firstChild.data == 'true'
print(json.dumps({'boolean': value}))
`;

const CONSTRUCT_SCRIPT = String.raw`
import json, sys
import rdflib
from SPARQLWrapper import SPARQLWrapper, XML, TURTLE, N3
endpoint, fmt, query, subject = sys.argv[1:5]
s = SPARQLWrapper(endpoint)
s.setQuery(query)
s.setReturnFormat({'rdfxml': XML, 'turtle': TURTLE}[fmt])
data = s.query().convert()
if isinstance(data, rdflib.Graph):
    graph = data
else:
    graph = rdflib.Graph()
    graph.parse(data=data.decode('utf-8') if isinstance(data, bytes) else data, format='turtle')
label = graph.value(rdflib.URIRef(subject), rdflib.RDFS.label)
print(json.dumps({'graphClass': type(data).__name__, 'triples': len(graph), 'label': str(label) if label is not None else None}))
`;

const DEREFERENCE_SCRIPT = String.raw`
import json, sys
import rdflib
iri = sys.argv[1]
graph = rdflib.Graph()
graph.parse(iri)
label = graph.value(rdflib.URIRef(iri), rdflib.RDFS.label)
types = sorted(str(t) for t in graph.objects(rdflib.URIRef(iri), rdflib.RDF.type))
print(json.dumps({'triples': len(graph), 'label': str(label) if label is not None else None, 'types': types}))
`;

describe.skipIf(clients.skip)('the Python clients are installed', () => {
  it('a python3 on PATH imports SPARQLWrapper and rdflib (Debian python3-sparqlwrapper, python3-rdflib)', () => {
    expect(python, clients.hint).toBeDefined();
  });
});

describe.skipIf(clients.skip)('SPARQLWrapper: SELECT in JSON, XML and CSV, by GET and POST', () => {
  const query = String.raw`SELECT ?value WHERE { ?s <http://purl.org/dc/terms/rights> ?value } ORDER BY ?value LIMIT 1`;
  const expected = ['Copyright © 2021 International Organization for Migration'];

  it.each([
    { clause: 'query-get, JSON results', method: 'GET', format: 'json', type: 'application/sparql-results+json' },
    { clause: 'query-get, XML results', method: 'GET', format: 'xml', type: 'application/sparql-results+xml' },
    { clause: 'query-get, CSV results', method: 'GET', format: 'csv', type: 'text/csv' },
    {
      clause: 'query-post-form (setMethod(POST)), JSON results',
      method: 'POST',
      format: 'json',
      type: 'application/sparql-results+json',
    },
    {
      clause: 'query-post-form (setMethod(POST)), XML results',
      method: 'POST',
      format: 'xml',
      type: 'application/sparql-results+xml',
    },
    { clause: 'query-post-form (setMethod(POST)), CSV results', method: 'POST', format: 'csv', type: 'text/csv' },
    {
      clause: 'query-post-direct (POSTDIRECTLY), JSON results',
      method: 'POSTDIRECTLY',
      format: 'json',
      type: 'application/sparql-results+json',
    },
  ])('$clause: the UTF-8 value', async ({ method, format, type }) => {
    const out = await runPython<{ contentType: string; rows: string[] }>(
      SELECT_SCRIPT,
      `${base}sparql`,
      method,
      format,
      query,
    );
    expect(out.contentType).toBe(`${type}; charset=utf-8`);
    expect(out.rows).toEqual(expected);
  });

  it('a larger SELECT: every process label, as JSON, equals the same in CSV', async () => {
    const labels = `SELECT ?value WHERE { ?p a <${base}ontology#InterStateConsultationMechanism> ; <http://www.w3.org/2000/01/rdf-schema#label> ?value } ORDER BY ?value`;
    const json = await runPython<{ rows: string[] }>(SELECT_SCRIPT, `${base}sparql`, 'GET', 'json', labels);
    const csv = await runPython<{ rows: string[] }>(SELECT_SCRIPT, `${base}sparql`, 'POST', 'csv', labels);
    expect(json.rows.length).toBeGreaterThan(10);
    expect(json.rows).toContain('Bali Process');
    expect(csv.rows.map((row) => (row.startsWith('"') ? row.slice(1, -1).replaceAll('""', '"') : row))).toEqual(
      json.rows,
    );
  });

  it.each([
    { clause: 'ASK in JSON', format: 'json' },
    { clause: 'ASK in XML', format: 'xml' },
  ])('$clause', async ({ format }) => {
    const yes = await runPython<{ boolean: boolean }>(
      ASK_SCRIPT,
      `${base}sparql`,
      format,
      `ASK { <${base}id/process/bali-process> ?p ?o }`,
    );
    const no = await runPython<{ boolean: boolean }>(
      ASK_SCRIPT,
      `${base}sparql`,
      format,
      'ASK { <urn:x-test:none> ?p ?o }',
    );
    expect([yes.boolean, no.boolean]).toEqual([true, false]);
  });
});

describe.skipIf(clients.skip)('rdflib: a CONSTRUCT through SPARQLWrapper, and dereferencing our IRIs', () => {
  it.each([
    {
      clause: 'CONSTRUCT as RDF/XML, converted to an rdflib Graph by SPARQLWrapper',
      format: 'rdfxml',
      graphClass: /Graph$/,
    },
    { clause: 'CONSTRUCT as Turtle, parsed by rdflib', format: 'turtle', graphClass: /^bytes$/ },
  ])('$clause', async ({ format, graphClass }) => {
    const bali = `${base}id/process/bali-process`;
    const query = `CONSTRUCT { <${bali}> ?p ?o } WHERE { <${bali}> ?p ?o }`;
    const out = await runPython<{ graphClass: string; triples: number; label: string | null }>(
      CONSTRUCT_SCRIPT,
      `${base}sparql`,
      format,
      query,
      bali,
    );
    expect(out.graphClass).toMatch(graphClass);
    expect(out.label).toBe('Bali Process');
    const own = await fetch(`${base}sparql?${new URLSearchParams([['query', query]]).toString()}`, {
      headers: { accept: 'application/n-triples' },
    });
    expect(own.status).toBe(200);
    expect(out.triples).toBe(new Parser({ format: 'application/n-triples' }).parse(await own.text()).length);
  });

  it.each([
    {
      clause: 'Graph().parse(BASE/id/process/bali-process): 303 to the document, negotiated RDF',
      path: 'id/process/bali-process',
      doc: 'doc/process/bali-process',
      label: 'Bali Process',
    },
    {
      clause: 'Graph().parse(BASE/id/organisation/iom)',
      path: 'id/organisation/iom',
      doc: 'doc/organisation/iom',
      label: undefined,
    },
  ])('$clause', async ({ path, doc, label }) => {
    const out = await runPython<{ triples: number; label: string | null; types: string[] }>(
      DEREFERENCE_SCRIPT,
      `${base}${path}`,
    );
    const nt = await fetch(`${base}${doc}.nt`);
    expect(nt.status).toBe(200);
    expect(out.triples).toBe(new Parser({ format: 'application/n-triples' }).parse(await nt.text()).length);
    expect(out.types.length).toBeGreaterThan(0);
    if (label) expect(out.label).toBe(label);
    else expect(out.label).toBeTruthy();
  });
});
