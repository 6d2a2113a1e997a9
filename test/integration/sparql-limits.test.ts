// The SPARQL endpoint's limits: timeout, result size, query length, concurrency, isolation of the event loop, and the service description stating them.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { Parser, type Quad } from 'n3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPoolEngine } from '../../src/sparql/worker-pool.js';
import { realAppWith, type TestApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

/** Four unrelated triple patterns: the cross product of the graph with itself four times (~10^13 rows). */
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const SMALL = 'ASK { ?s ?p ?o }';
const TIMEOUT_MS = 1500;
const MAX_RESULT_BYTES = 2000;
const MAX_QUERY_BYTES = 500;

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const VOID = 'http://rdfs.org/ns/void#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const MIG = `${TEST_BASE}ontology#`;
const FORMATS = 'http://www.w3.org/ns/formats/';

function form(...pairs: Array<[string, string]>): string {
  return new URLSearchParams(pairs).toString();
}

function pool(app: TestApp): WorkerPoolEngine {
  expect(app.engine).toBeInstanceOf(WorkerPoolEngine);
  return app.engine as WorkerPoolEngine;
}

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The pool's workers, slot by slot (the slots are private: read for the test only). */
function workers(engine: WorkerPoolEngine): Worker[] {
  return (engine as unknown as { slots: Array<{ worker: Worker }> }).slots.map((slot) => slot.worker);
}

/** Exactly `count` slots hold a new worker, and each worker they held has exited (threadId -1). */
async function expectReplaced(engine: WorkerPoolEngine, before: readonly Worker[], count: number): Promise<void> {
  const now = workers(engine);
  expect(now).toHaveLength(before.length);
  const replaced = before.filter((worker, i) => now[i] !== worker);
  expect(replaced, 'slots whose worker was replaced').toHaveLength(count);
  for (const old of replaced)
    await expect.poll(() => old.threadId, { message: 'the replaced worker has exited' }).toBe(-1);
  for (const worker of now) expect(worker.threadId).toBeGreaterThan(0);
}

/** A query of exactly `bytes` UTF-8 bytes (an ASK padded with a comment). */
function queryOfBytes(bytes: number): string {
  const base = `${SMALL}\n# `;
  return base + 'x'.repeat(bytes - Buffer.byteLength(base));
}

describe('limits: timeout, result size and query length (SPARQL_TIMEOUT_MS=1500, SPARQL_MAX_RESULT_BYTES=2000, SPARQL_MAX_QUERY_BYTES=500)', () => {
  let limited: TestApp;

  beforeAll(async () => {
    limited = await realAppWith({
      SPARQL_TIMEOUT_MS: String(TIMEOUT_MS),
      SPARQL_MAX_RESULT_BYTES: String(MAX_RESULT_BYTES),
      SPARQL_MAX_QUERY_BYTES: String(MAX_QUERY_BYTES),
    });
  });

  afterAll(async () => {
    await limited.engine.close();
  });

  it('a runaway query answers 503 with a clear message once the timeout has passed; its worker is ended and replaced, and the engine answers', async () => {
    const before = workers(pool(limited));
    const started = performance.now();
    const res = await request(limited.app).get(`/sparql?${form(['query', RUNAWAY])}`);
    expect(res.status).toBe(503);
    // The message only the deadline's timer writes: the query was stopped by the time limit, not otherwise.
    expect(res.text).toMatch(/stopped after the time limit of 1\.5 s/);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    // Never stopped before its time (a lower bound only: a loaded machine can only make it later).
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(res.headers['cache-control']).toBe('no-store');

    // The replacement worker answers (it has loaded the data), and no query is in flight.
    const after = await request(limited.app).get(`/sparql?${form(['query', SMALL])}`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual({ head: {}, boolean: true });
    expect(pool(limited).busy).toBe(0);

    // The stopped worker was terminated, not abandoned: exactly one slot holds a new worker, and the
    // thread it replaced has exited (a terminated Worker's threadId reads -1), so nothing burns CPU.
    await expectReplaced(pool(limited), before, 1);
  });

  it('two runaways at once run side by side, both stop at the time limit, and both workers are replaced', async () => {
    const before = workers(pool(limited));
    const both = Promise.all([
      request(limited.app).get(`/sparql?${form(['query', RUNAWAY])}`),
      request(limited.app)
        .post('/sparql')
        .type('form')
        .send(form(['query', RUNAWAY.replace('?n', '?m')])),
    ]);
    // Side by side, not one after the other: both workers are running a runaway at the same moment.
    await expect.poll(() => pool(limited).busy, { timeout: TIMEOUT_MS }).toBe(2);
    const [a, b] = await both;
    expect([a.status, b.status]).toEqual([503, 503]);
    expect(a.text).toMatch(/stopped after the time limit of 1\.5 s/);
    expect(b.text).toMatch(/stopped after the time limit of 1\.5 s/);
    await expectReplaced(pool(limited), before, 2);
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => request(limited.app).get(`/sparql?${form(['query', SMALL])}`)),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(pool(limited).busy).toBe(0);
  });

  it.each([
    {
      clause: 'a SELECT larger than the cap',
      query: 'SELECT * WHERE { ?s ?p ?o }',
      accept: 'application/sparql-results+json',
    },
    { clause: 'the same SELECT as CSV', query: 'SELECT * WHERE { ?s ?p ?o }', accept: 'text/csv' },
    { clause: 'a CONSTRUCT larger than the cap', query: 'CONSTRUCT WHERE { ?s ?p ?o }', accept: 'text/turtle' },
    { clause: 'a CONSTRUCT in JSON-LD', query: 'CONSTRUCT WHERE { ?s ?p ?o }', accept: 'application/ld+json' },
    {
      clause: 'a DESCRIBE of one of our things',
      query: `DESCRIBE <${TEST_BASE}id/organisation/iom>`,
      accept: 'text/turtle',
    },
    {
      clause: 'a DESCRIBE of several things',
      query: `DESCRIBE ?p WHERE { ?p a <${MIG}InterStateConsultationMechanism> }`,
      accept: 'application/n-triples',
    },
  ])('result-size cap: $clause → 413 with a clear message, never a partial 200', async ({ query, accept }) => {
    const res = await request(limited.app)
      .get(`/sparql?${form(['query', query])}`)
      .set('Accept', accept);
    expect(res.status).toBe(413);
    expect(res.text).toMatch(
      /result is too large \(the result is larger than 2000 bytes\)\. It is refused rather than truncated/,
    );
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).not.toContain('bindings');
    expect(res.text).not.toContain('@prefix');
  });

  it('a result under the cap is served whole', async () => {
    const res = await request(limited.app).get(`/sparql?${form(['query', 'SELECT * WHERE { ?s ?p ?o } LIMIT 3'])}`);
    expect(res.status).toBe(200);
    expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect((JSON.parse(res.text) as { results: { bindings: unknown[] } }).results.bindings).toHaveLength(3);
  });

  it.each([
    { clause: 'GET ?query=', send: (q: string) => request(limited.app).get(`/sparql?${form(['query', q])}`) },
    {
      clause: 'POST form',
      send: (q: string) =>
        request(limited.app)
          .post('/sparql')
          .type('form')
          .send(form(['query', q])),
    },
    {
      clause: 'POST application/sparql-query',
      send: (q: string) =>
        request(limited.app).post('/sparql').set('Content-Type', 'application/sparql-query').send(Buffer.from(q)),
    },
  ])('query-length cap via $clause: 500 bytes answer, 501 bytes → 413', async ({ send }) => {
    const atLimit = await send(queryOfBytes(MAX_QUERY_BYTES));
    expect(atLimit.status).toBe(200);
    const over = await send(queryOfBytes(MAX_QUERY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.text).toContain('The query is longer than 500 bytes.');
    // Multi-byte characters count as bytes, not characters.
    const wide = await send(`${SMALL} # ${'©'.repeat(MAX_QUERY_BYTES / 2)}`);
    expect(wide.status).toBe(413);
  });

  it('a POST body far beyond the cap is refused with 413 before it is read whole', async () => {
    const res = await request(limited.app)
      .post('/sparql')
      .set('Content-Type', 'application/sparql-query')
      .send(Buffer.from(queryOfBytes(MAX_QUERY_BYTES * 10)));
    expect(res.status).toBe(413);
  });
});

describe('concurrency (SPARQL_CONCURRENCY=1, SPARQL_QUEUE=0)', () => {
  let single: TestApp;

  beforeAll(async () => {
    single = await realAppWith({ SPARQL_TIMEOUT_MS: String(TIMEOUT_MS), SPARQL_CONCURRENCY: '1', SPARQL_QUEUE: '0' });
  });

  afterAll(async () => {
    await single.engine.close();
  });

  it('while a runaway runs, another query gets 503 with Retry-After; afterwards queries run again', async () => {
    const runaway = request(single.app)
      .get(`/sparql?${form(['query', RUNAWAY])}`)
      .then((res) => res);
    await until(() => pool(single).busy === 1, 'the runaway occupies the only worker');
    const refused = await request(single.app).get(`/sparql?${form(['query', SMALL])}`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toMatch(/Too many queries are running \(1 at once, 0 waiting\)/);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect((await runaway).status).toBe(503);
    // The replacement worker loads the data; until it is ready the endpoint is saturated (503 + Retry-After).
    let answer: request.Response | undefined;
    for (let attempt = 0; attempt < 100 && answer?.status !== 200; attempt += 1) {
      answer = await request(single.app).get(`/sparql?${form(['query', SMALL])}`);
      if (answer.status === 503) {
        expect(answer.headers['retry-after']).toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(answer?.status).toBe(200);
    expect(pool(single).busy).toBe(0);
  });
});

describe('isolation: queries never stall the pages (worker threads)', () => {
  let isolated: TestApp;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    isolated = await realAppWith({ SPARQL_TIMEOUT_MS: '4000', SPARQL_CONCURRENCY: '2' });
    server = http.createServer(isolated.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await isolated.engine.close();
  });

  it('while 2 runaway queries run, /doc/process/bali-process answers 200 ten times, every one before either runaway ends', async () => {
    let settled = 0;
    const runaways = [0, 1].map((i) =>
      fetch(`${base}/sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query' },
        body: RUNAWAY.replace('?n', `?n${i}`),
      }).then((res) => {
        settled += 1;
        return res.status;
      }),
    );
    await until(() => pool(isolated).busy === 2, 'both runaways run');
    for (let i = 0; i < 10; i += 1) {
      const res = await fetch(`${base}/doc/process/bali-process`, { headers: { accept: 'text/html' } });
      await res.text();
      expect(res.status).toBe(200);
      // Answered while both queries still run: a page waiting on the queries could only answer after them.
      expect(settled, `runaways answered before page ${i + 1}`).toBe(0);
    }
    expect(pool(isolated).busy, 'the runaways were still running during the fetches').toBe(2);
    expect(await Promise.all(runaways)).toEqual([503, 503]);
  });
});

describe('the service description states the endpoint, the formats, the dataset and the limits', () => {
  let described: TestApp;
  let quads: Quad[];

  beforeAll(async () => {
    described = await realAppWith({
      SPARQL_TIMEOUT_MS: '2500',
      SPARQL_MAX_RESULT_BYTES: '123456',
      SPARQL_MAX_QUERY_BYTES: '7890',
      SPARQL_CONCURRENCY: '3',
      SPARQL_QUEUE: '5',
      SPARQL_QUERY_MEMORY_BYTES: '67108864',
      SPARQL_MAX_DEPTH: '50',
    });
    const res = await request(described.app).get('/sparql').set('Accept', 'text/turtle');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/turtle; charset=utf-8');
    quads = new Parser({ format: 'text/turtle', baseIRI: `${TEST_BASE}sparql` }).parse(res.text);
  });

  afterAll(async () => {
    await described.engine.close();
  });

  const objects = (subject: string, predicate: string): string[] =>
    quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value);
  const service = (): string => {
    const services = quads.filter(
      (q) =>
        q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === `${SD}Service`,
    );
    expect(services).toHaveLength(1);
    return services[0]?.subject.value ?? '';
  };

  it.each([
    { clause: 'sd:endpoint is BASE/sparql', predicate: `${SD}endpoint`, expected: [`${TEST_BASE}sparql`] },
    {
      clause: 'sd:supportedLanguage sd:SPARQL11Query (only: read-only)',
      predicate: `${SD}supportedLanguage`,
      expected: [`${SD}SPARQL11Query`],
    },
    { clause: 'mig:queryTimeout in seconds', predicate: `${MIG}queryTimeout`, expected: ['2.5'] },
    { clause: 'mig:maxResultBytes', predicate: `${MIG}maxResultBytes`, expected: ['123456'] },
    { clause: 'mig:maxQueryBytes', predicate: `${MIG}maxQueryBytes`, expected: ['7890'] },
    { clause: 'mig:maxConcurrentQueries', predicate: `${MIG}maxConcurrentQueries`, expected: ['3'] },
    { clause: 'mig:maxQueuedQueries', predicate: `${MIG}maxQueuedQueries`, expected: ['5'] },
    { clause: 'mig:maxQueryMemoryBytes', predicate: `${MIG}maxQueryMemoryBytes`, expected: ['67108864'] },
    { clause: 'mig:maxNestingDepth', predicate: `${MIG}maxNestingDepth`, expected: ['50'] },
  ])('$clause', ({ predicate, expected }) => {
    expect(objects(service(), predicate)).toEqual(expected);
  });

  it('the limits are typed numbers', () => {
    const datatypes = quads
      .filter((q) => q.predicate.value.startsWith(MIG) && q.object.termType === 'Literal')
      .map((q) => [q.predicate.value.slice(MIG.length), (q.object as { datatype: { value: string } }).datatype.value]);
    expect(Object.fromEntries(datatypes)).toEqual({
      queryTimeout: `${XSD}decimal`,
      maxResultBytes: `${XSD}integer`,
      maxQueryBytes: `${XSD}integer`,
      maxConcurrentQueries: `${XSD}integer`,
      maxQueuedQueries: `${XSD}integer`,
      maxQueryMemoryBytes: `${XSD}integer`,
      maxNestingDepth: `${XSD}integer`,
    });
  });

  it('a sd:resultFormat for each served format (4 results formats, 4 RDF formats)', () => {
    expect(objects(service(), `${SD}resultFormat`).sort()).toEqual(
      [
        'SPARQL_Results_JSON',
        'SPARQL_Results_XML',
        'SPARQL_Results_CSV',
        'SPARQL_Results_TSV',
        'Turtle',
        'JSON-LD',
        'N-Triples',
        'RDF_XML',
      ]
        .map((f) => FORMATS + f)
        .sort(),
    );
  });

  it('sd:defaultDataset/sd:defaultGraph has void:triples equal to the COUNT of the default graph and to the dataset description', async () => {
    const [dataset] = objects(service(), `${SD}defaultDataset`);
    const [graph] = objects(dataset ?? '', `${SD}defaultGraph`);
    const [triples] = objects(graph ?? '', `${VOID}triples`);
    const count = await request(described.app).get(
      `/sparql?${form(['query', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'])}`,
    );
    const counted = (JSON.parse(count.text) as { results: { bindings: Array<{ n: { value: string } }> } }).results
      .bindings[0]?.n.value;
    expect(Number(triples)).toBeGreaterThan(1000);
    expect(triples).toBe(counted);
    const voidDescription = new Parser({ format: 'text/turtle' }).parse(
      (await request(described.app).get('/dataset.ttl')).text,
    );
    const declared = voidDescription.find(
      (q) => q.subject.value === `${TEST_BASE}dataset` && q.predicate.value === `${VOID}triples`,
    )?.object.value;
    expect(triples).toBe(declared);
  });

  it('states the dataset parameters are refused and that there are no named graphs', () => {
    const text = quads.map((q) => q.object.value).join('\n');
    expect(text).toMatch(/default-graph-uri and named-graph-uri are refused with 400/);
    expect(text).toMatch(/no named graphs/);
    expect(quads.some((q) => q.predicate.value === `${SD}namedGraph`)).toBe(false);
  });

  it('the N-Triples service description is the same graph', async () => {
    const res = await request(described.app).get('/sparql').set('Accept', 'application/n-triples');
    expect(res.status).toBe(200);
    const nt = new Parser({ format: 'application/n-triples' }).parse(res.text);
    const key = (q: Quad): string => `${q.subject.id} ${q.predicate.id} ${q.object.id}`;
    expect(nt.map(key).sort()).toEqual(quads.map(key).sort());
  });
});
