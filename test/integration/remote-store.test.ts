// The platform on a remote store (STORE=sparql) against Virtuoso (Debian's virtuoso-opensource-7,
// started empty on free 127.0.0.1 ports and stopped afterwards): `load` puts the data in as a data
// version, and a front end that holds no copy serves it. Its documents must be byte for byte the
// embedded store's, its /sparql must keep every rule of ours, and data versions must switch whole.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVirtuoso, startVirtuosoServer, type VirtuosoServer } from '../../src/bench/virtuoso.js';
import { sparqlExamples } from '../../src/sparql/examples.js';
import { listVersions, storeGraphs } from '../../src/store/data-version.js';
import { loadIntoStore, type LoadOutcome } from '../../src/store/load-store.js';
import { SparqlClient } from '../../src/store/sparql-client.js';
import { parseResultsJson } from '../../src/store/sparql-json.js';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { closePlatform, openPlatform, prepareFrontEnds } from '../../src/platform.js';
import { ThingCatalogue } from '../../src/resolve/thing-catalogue.js';
import { realApp, realAppWith, testConfig, type TestApp } from '../support/app.js';
import { ROOT, TEST_BASE } from '../support/dataset.js';
import { requireExecutable, virtuosoAvailability } from '../support/system-packages.js';
import { allThings } from '../support/things.js';

const virtuoso = virtuosoAvailability();
const SILENT = { info: () => undefined, warn: () => undefined };

let server: VirtuosoServer | undefined;
let embedded: TestApp;
let remote: TestApp;
let first: LoadOutcome;
const temporary: string[] = [];

function storeEnv(extra: Record<string, string> = {}): Record<string, string> {
  if (!server) throw new Error('no store');
  // No CACHE_DIR: the index and the pages' summaries are built from the remote store's reads, not taken from the embedded run's cache.
  return { STORE: 'sparql', STORE_QUERY_URL: server.sparqlUrl, CACHE_DIR: '', SPARQL_CONCURRENCY: '2', ...extra };
}

function load(root: string, keep = 2): Promise<LoadOutcome> {
  if (!server) throw new Error('no store');
  return loadIntoStore({
    root,
    baseIri: TEST_BASE,
    queryUrl: server.sparqlUrl,
    updateUrl: `${server.httpUrl}sparql-auth`,
    graphStoreUrl: `${server.httpUrl}sparql-graph-crud-auth`,
    credentials: { user: 'dba', password: 'dba' },
    keep,
    chunkTriples: 1000, // several requests even for the real data
    log: SILENT,
  });
}

/** A copy of the real data with one more file in data/. */
async function changedRoot(name: string, turtle: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lod-remote-'));
  temporary.push(root);
  for (const part of ['ontology', 'data', 'shapes'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  await writeFile(path.join(root, 'data', name), turtle);
  return root;
}

beforeAll(async () => {
  if (virtuoso.skip) return;
  requireExecutable(virtuoso);
  const binaries = await findVirtuoso();
  if (!binaries) throw new Error(virtuoso.hint);
  server = await startVirtuosoServer(binaries);
  first = await load(ROOT);
  embedded = await realApp();
  remote = await realAppWith(storeEnv());
}, 300_000);

afterAll(async () => {
  await remote?.engine.close();
  await server?.stop();
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
}, 60_000);

const get = (app: Express, url: string, accept: string) => request(app).get(url).set('Accept', accept);

describe.skipIf(virtuoso.skip)('npm run load: the data as a data version', () => {
  it('loads every triple, records the version and makes it current', async () => {
    expect(first.outcome).toBe('loaded');
    if (first.outcome === 'invalid') return;
    const client = new SparqlClient(server!.sparqlUrl);
    const { current, versions } = await listVersions(client, TEST_BASE, 10_000);
    expect(current?.graph).toBe(first.version.graph);
    expect(versions).toHaveLength(1);
    expect(first.version.triples).toBe(embedded.site.tripleCount);
  });

  it('loading the same data again changes nothing', async () => {
    const again = await load(ROOT);
    expect(again.outcome).toBe('current');
  });

  it('the loader prepares the front ends: one sharing its CACHE_DIR reads its thing catalogue and summaries, and serves the same bytes', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'lod-prepared-'));
    temporary.push(cacheDir);
    const config = testConfig(ROOT, TEST_BASE, storeEnv({ CACHE_DIR: cacheDir, SPARQL_CONCURRENCY: '1' }));
    let ready = false;
    await loadIntoStore({
      root: ROOT,
      baseIri: TEST_BASE,
      cacheDir,
      queryUrl: server!.sparqlUrl,
      updateUrl: `${server!.httpUrl}sparql-auth`,
      graphStoreUrl: `${server!.httpUrl}sparql-graph-crud-auth`,
      credentials: { user: 'dba', password: 'dba' },
      keep: 2,
      log: SILENT,
      beforeSwitch: async (dataset, reads) => {
        ready = await prepareFrontEnds(config, dataset, reads);
      },
    });
    expect(ready).toBe(true);
    const lines: string[] = [];
    const log = {
      info: (_: object, line: string) => lines.push(line),
      warn: (_: object, line: string) => lines.push(line),
    };
    const { platform } = await openPlatform(config, path.join(ROOT, 'views'), log);
    try {
      expect(lines.filter((l) => /read from CACHE_DIR/.test(l))).toHaveLength(4); // the catalogue and three summaries
      expect(lines.filter((l) => / built/.test(l))).toEqual([]);
      const site = platform!.site;
      expect((await site.homePage()).body.equals((await remote.site.homePage()).body)).toBe(true);
      const search = await request(createApp(config, { ...platform!, logger: pino({ level: 'silent' }) }))
        .get('/search?q=bali')
        .set('Accept', 'text/html');
      expect(search.text).toBe((await get(remote.app, '/search?q=bali', 'text/html')).text);
      // Its things come from the catalogue on disk, and resolve, list and map the site as the
      // remote store's front end without a CACHE_DIR does (which holds the thing index in memory).
      expect(site.things).toBeInstanceOf(ThingCatalogue);
      const app = createApp(config, { ...platform!, logger: pino({ level: 'silent' }) });
      const paths = ['/doc/process', '/doc/event?page=2', '/doc/process?type=mig:GlobalProcess', '/sitemap.xml'];
      for (const thing of await allThings(site.things)) {
        const id = thing.iri.slice(TEST_BASE.length - 1);
        paths.push(id, id.replace('/id/', '/doc/'), `${id.replace('/id/', '/doc/')}.ttl`);
      }
      paths.push('/id/process/no-such-thing', '/doc/process/no-such-thing.ttl');
      for (const p of paths) {
        const [a, b] = await Promise.all([request(app).get(p).set('Accept', 'text/html'), request(remote.app).get(p).set('Accept', 'text/html')]);
        expect(a.status, p).toBe(b.status);
        expect(a.headers.location, p).toBe(b.headers.location);
        expect(a.headers.etag, p).toBe(b.headers.etag);
      }
    } finally {
      if (platform) await closePlatform(platform);
    }
  }, 120_000);
});

describe.skipIf(virtuoso.skip)('documents from the remote store', () => {
  it('every thing, in HTML, Turtle and JSON-LD: the same status, ETag and bytes as from the embedded store', async () => {
    const things = await allThings(embedded.site.things);
    expect(things.length).toBeGreaterThan(300);
    for (const thing of things) {
      const doc = thing.iri.replace(`${TEST_BASE}id/`, '/doc/');
      for (const accept of ['text/html', 'text/turtle', 'application/ld+json']) {
        const [a, b] = await Promise.all([get(embedded.app, doc, accept), get(remote.app, doc, accept)]);
        expect(b.status, `${doc} ${accept}`).toBe(a.status);
        expect(b.headers.etag, `${doc} ${accept}`).toBe(a.headers.etag);
        expect(b.text, `${doc} ${accept}`).toBe(a.text);
      }
    }
  }, 240_000);

  it('the home, ontology, dataset, collection and search pages are the same bytes', async () => {
    for (const [url, accept] of [
      ['/', 'text/html'],
      ['/ontology', 'text/html'],
      ['/ontology', 'text/turtle'],
      ['/shapes', 'text/html'],
      ['/shapes', 'text/turtle'],
      ['/dataset', 'text/turtle'],
      ['/id/process/', 'text/html'],
      ['/search?q=bali', 'application/json'],
      ['/sitemap.xml', 'application/xml'],
    ] as const) {
      const [a, b] = await Promise.all([get(embedded.app, url, accept), get(remote.app, url, accept)]);
      expect(b.status, url).toBe(a.status);
      expect(b.text, `${url} ${accept}`).toBe(a.text);
    }
  });

  it('never names the store: no response carries its address', async () => {
    const host = new URL(server!.sparqlUrl).host;
    for (const url of ['/', '/sparql', '/dataset', '/.store/versions', '/sparql?query=SELEC']) {
      const res = await get(remote.app, url, 'text/turtle, text/html;q=0.5');
      expect(JSON.stringify(res.headers) + res.text).not.toContain(host);
    }
  });
});

const sparql = (app: Express, query: string, accept = 'application/sparql-results+json') =>
  request(app).post('/sparql').type('form').send({ query }).set('Accept', accept);

/** A result's solutions as sorted lines: the same answers whatever order the store gave them in. */
function solutions(body: string): string[] {
  const { rows, boolean } = parseResultsJson(body);
  if (boolean !== undefined) return [String(boolean)];
  return rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row)
          .map(([k, t]) => [k, t.id])
          .sort(),
      ),
    )
    .sort();
}

describe.skipIf(virtuoso.skip)('/sparql on the remote store', () => {
  it('answers every worked example as the embedded store does', async () => {
    for (const example of sparqlExamples(TEST_BASE)) {
      const [a, b] = await Promise.all([sparql(embedded.app, example.query), sparql(remote.app, example.query)]);
      expect(b.status, example.id).toBe(200);
      expect(solutions(b.text), example.id).toEqual(solutions(a.text));
    }
  }, 120_000);

  it('writes an ordered answer with the same bytes in all four results formats', async () => {
    const query = `SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label LIMIT 50`;
    for (const accept of [
      'application/sparql-results+json',
      'application/sparql-results+xml',
      'text/csv',
      'text/tab-separated-values',
    ]) {
      const [a, b] = await Promise.all([sparql(embedded.app, query, accept), sparql(remote.app, query, accept)]);
      expect(b.headers['content-type'], accept).toBe(a.headers['content-type']);
      expect(b.text, accept).toBe(a.text);
    }
  });

  it('sees the data version only: FROM, FROM NAMED and GRAPH find empty graphs, as in the embedded store', async () => {
    const { control } = storeGraphs(TEST_BASE);
    for (const query of [
      `SELECT * FROM <${control}> WHERE { ?s ?p ?o }`,
      `SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5`,
      `SELECT * WHERE { GRAPH <${control}> { ?s ?p ?o } }`,
      `SELECT * FROM NAMED <${control}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
      `SELECT * WHERE { ?s <http://www.w3.org/ns/sparql-service-description#defaultGraph> ?o }`,
    ]) {
      const [a, b] = await Promise.all([sparql(embedded.app, query), sparql(remote.app, query)]);
      expect(b.status, query).toBe(200);
      expect(solutions(b.text), query).toEqual([]);
      expect(solutions(a.text), query).toEqual([]);
    }
  });

  it('refuses updates, SERVICE and the store’s own functions with 400, before the store sees them', async () => {
    for (const [query, message] of [
      ['INSERT DATA { <urn:a> <urn:b> <urn:c> }', /read-only/],
      ['SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }', /SERVICE/],
      ['SELECT (<bif:getenv>("HOME") AS ?x) WHERE {}', /bif:getenv/],
      ['SELECT ?s WHERE { ?s ?p ?o . ?o <bif:contains> "Bali" }', /bif:contains/],
      ['define input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }', /syntax error/],
    ] as const) {
      const res = await sparql(remote.app, query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toMatch(message);
    }
  });

  it('a query the store cannot evaluate is a 400 that says so', async () => {
    const res = await sparql(remote.app, 'SELECT (BNODE() AS ?b) WHERE { ?s ?p ?o } LIMIT 1');
    expect([200, 400]).toContain(res.status);
    if (res.status === 400) expect(res.text).toMatch(/The data store could not evaluate the query/);
  });

  it('refuses a result over the cap (413) and a query past the deadline (503), as the embedded store does', async () => {
    const capped = await realAppWith(storeEnv({ SPARQL_MAX_RESULT_BYTES: '2000', SPARQL_CONCURRENCY: '1' }));
    try {
      const big = await sparql(capped.app, 'SELECT * WHERE { ?s ?p ?o }');
      expect(big.status).toBe(413);
      expect(big.text).toMatch(/refused rather than truncated/);
    } finally {
      await capped.engine.close();
    }
    const hurried = await realAppWith(storeEnv({ SPARQL_TIMEOUT_MS: '300', SPARQL_CONCURRENCY: '1' }));
    try {
      const slow = await sparql(
        hurried.app,
        'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(STR(?c) != STR(?i)) }',
      );
      expect(slow.status).toBe(503);
      expect(slow.headers['retry-after']).toBeDefined();
    } finally {
      await hurried.engine.close();
    }
  }, 60_000);

  it('DESCRIBE of a thing gives its document, as in the embedded store', async () => {
    const query = `DESCRIBE <${TEST_BASE}id/process/bali-process>`;
    const [a, b] = await Promise.all([
      sparql(embedded.app, query, 'text/turtle'),
      sparql(remote.app, query, 'text/turtle'),
    ]);
    expect(b.status).toBe(200);
    expect(b.text).toBe(a.text);
  });

  it('a paged document (DOCUMENT_PAGE_SIZE=7): every page the same bytes and Link header as from the embedded store', async () => {
    const [small, smallRemote] = await Promise.all([
      realAppWith({ DOCUMENT_PAGE_SIZE: '7', SPARQL_CONCURRENCY: '1' }),
      realAppWith(storeEnv({ DOCUMENT_PAGE_SIZE: '7', SPARQL_CONCURRENCY: '1' })),
    ]);
    try {
      for (const doc of ['/doc/organisation/iom', '/doc/section/migration-law']) {
        let pages = 0;
        for (let page = 1; ; page++) {
          const url = `${doc}.ttl?page=${page}`;
          const [a, b] = await Promise.all([
            get(small.app, url, 'text/turtle'),
            get(smallRemote.app, url, 'text/turtle'),
          ]);
          expect(b.status, url).toBe(a.status);
          if (a.status === 404) break;
          expect(b.headers.link, url).toBe(a.headers.link);
          expect(b.text, url).toBe(a.text);
          const html = `${doc}?page=${page}`;
          const [c, d] = await Promise.all([
            get(small.app, html, 'text/html'),
            get(smallRemote.app, html, 'text/html'),
          ]);
          expect(d.text, html).toBe(c.text);
          pages = page;
        }
        expect(pages, doc).toBeGreaterThan(5);
      }
    } finally {
      await Promise.all([small.engine.close(), smallRemote.engine.close()]);
    }
  }, 120_000);
});

describe.skipIf(virtuoso.skip)('data versions and replicas', () => {
  it('two front ends on one store answer with the same bytes and ETags', async () => {
    const second = await realAppWith(storeEnv({ SPARQL_CONCURRENCY: '1' }));
    try {
      for (const url of ['/doc/process/bali-process', '/doc/organisation/iom', '/']) {
        const [a, b] = await Promise.all([get(remote.app, url, 'text/html'), get(second.app, url, 'text/html')]);
        expect(b.headers.etag, url).toBe(a.headers.etag);
        expect(b.text, url).toBe(a.text);
      }
    } finally {
      await second.engine.close();
    }
  });

  it('a new version is loaded whole and switched at once; running front ends keep theirs; --keep never drops the version readers used', async () => {
    if (first.outcome === 'invalid') throw new Error('the first load failed');
    const before = await get(remote.app, '/doc/process/bali-process', 'text/turtle');
    const root = await changedRoot(
      'zz-remote-test.ttl',
      `@prefix dct: <http://purl.org/dc/terms/> .\n<${TEST_BASE}id/process/bali-process> dct:description "A second data version."@en .\n`,
    );
    const second = await load(root, 1);
    expect(second.outcome).toBe('loaded');
    if (second.outcome === 'invalid') return;
    expect(second.version.graph).not.toBe(first.version.graph);
    // --keep 1, but the first version is the one readers used until now: it stays.
    expect(second.dropped).toEqual([]);
    // The running front end still serves its own version, whole.
    const still = await get(remote.app, '/doc/process/bali-process', 'text/turtle');
    expect(still.text).toBe(before.text);
    // A front end started now serves the new one, under a new ETag.
    const fresh = await realAppWith(storeEnv({ SPARQL_CONCURRENCY: '1' }));
    try {
      const after = await get(fresh.app, '/doc/process/bali-process', 'text/turtle');
      expect(after.status).toBe(200);
      expect(after.text).toContain('A second data version.');
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      await fresh.engine.close();
    }
    // Back to the first data: still in the store, so only switched to.
    const back = await load(ROOT, 1);
    expect(back.outcome).toBe('switched');
    if (back.outcome === 'invalid') return;
    expect(back.version.graph).toBe(first.version.graph);
    // A third version with --keep 1 drops the one that is neither new nor the one readers used.
    const third = await load(
      await changedRoot(
        'zz-third.ttl',
        `@prefix dct: <http://purl.org/dc/terms/> .\n<${TEST_BASE}id/process/bali-process> dct:description "A third."@en .\n`,
      ),
      1,
    );
    if (third.outcome === 'invalid') throw new Error('the third load failed');
    expect(third.dropped).toEqual([second.version.graph]);
    // Back to the first again, for the tests after this one.
    expect((await load(ROOT, 2)).outcome).toBe('switched');
  }, 120_000);

  it('invalid data is not loaded, and the current version stays', async () => {
    const client = new SparqlClient(server!.sparqlUrl);
    const before = await listVersions(client, TEST_BASE, 10_000);
    const root = await changedRoot(
      'zz-invalid.ttl',
      `@prefix mig: <${TEST_BASE}ontology#> .\n<${TEST_BASE}id/process/not-valid> a mig:RegionalConsultativeProcess .\n`,
    );
    const outcome = await load(root);
    expect(outcome.outcome).toBe('invalid');
    const after = await listVersions(client, TEST_BASE, 10_000);
    expect(after).toEqual(before);
  });

  it('a front end cannot start without a data version, and says how to load one', async () => {
    await expect(realAppWith(storeEnv(), 'https://other.test.example/')).rejects.toThrow(/npm run load/);
  });

  // Last: it stops the store.
  it('a store that goes away: pages not yet rendered and queries are 503 with Retry-After, never 500; rendered pages still answer', async () => {
    const app = await realAppWith(storeEnv({ SPARQL_CONCURRENCY: '1', STORE_TIMEOUT_MS: '2000' }));
    const rendered = await get(app.app, '/doc/process/bali-process', 'text/turtle');
    expect(rendered.status).toBe(200);
    await server!.stop();
    try {
      const again = await get(app.app, '/doc/process/bali-process', 'text/turtle');
      expect(again.status).toBe(200);
      expect(again.text).toBe(rendered.text);
      for (const res of [
        await get(app.app, '/doc/process/colombo-process', 'text/html'),
        await sparql(app.app, 'ASK { ?s ?p ?o }'),
      ]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.text).toMatch(/The data store could not be reached/);
        expect(res.text).not.toContain(new URL(storeEnv().STORE_QUERY_URL!).host);
      }
    } finally {
      await app.engine.close();
    }
  });
});
