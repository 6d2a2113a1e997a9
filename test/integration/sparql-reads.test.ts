// The remote store's reads (SparqlReads) against a real SPARQL 1.1 protocol endpoint holding the
// same data: this platform's own /sparql on 127.0.0.1. Every thing's description, and its document
// in every format, must be byte for byte what the embedded store's reads give.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/bench/processes.js';
import { FORMATS } from '../../src/rdf/formats.js';
import { resourceDocument } from '../../src/render/pages/resource.js';
import type { PageContext } from '../../src/render/pages/page-context.js';
import type { ThingInfo } from '../../src/resolve/thing-index.js';
import { HttpError } from '../../src/errors.js';
import { SparqlReads } from '../../src/store/sparql-reads.js';
import { realApp } from '../support/app.js';
import { realPageContext } from '../support/page-context.js';

let server: Server | undefined;
let remote: SparqlReads;
let queryUrl: string;
let local: PageContext;
let viaRemote: PageContext;
let things: ThingInfo[];

beforeAll(async () => {
  const { app } = await realApp();
  const port = await freePort();
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  queryUrl = `http://127.0.0.1:${port}/sparql`;
  remote = new SparqlReads({ queryUrl, timeoutMs: 20_000 });
  ({ ctx: local } = await realPageContext());
  ({ ctx: viaRemote } = await realPageContext({ reads: remote }));
  things = [...local.index.things.values()].filter((t) => !t.withdrawn && !t.replacedBy);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('SparqlReads over the SPARQL protocol', () => {
  it('counts the same triples and builds the same thing index', async () => {
    expect(await remote.tripleCount()).toBe(await local.store.tripleCount());
    expect([...viaRemote.index.things.keys()].sort()).toEqual([...local.index.things.keys()].sort());
    for (const [iri, thing] of local.index.things) expect(viaRemote.index.things.get(iri), iri).toEqual(thing);
  });

  it('describes every thing as the embedded store does, part for part and in the same order', async () => {
    expect(things.length).toBeGreaterThan(300);
    for (const thing of things) {
      const [a, b] = await Promise.all([local.store.describe(thing.iri), remote.describe(thing.iri)]);
      expect(b, thing.iri).toEqual(a);
    }
  }, 120_000);

  it('gives the labels of IRIs by the label policy, in the order asked, however many', async () => {
    const iris = things.map((t) => t.iri).reverse();
    const small = new SparqlReads({
      queryUrl: queryUrl,
      timeoutMs: 20_000,
      valuesBatch: 7,
    });
    expect(await small.labels(iris)).toEqual(await local.store.labels(iris));
  }, 60_000);

  it.each([
    'organisation/iom',
    'process/bali-process',
    'person/maurizio-busatti',
    'publication/world-migration-report-2018',
    'statistic/africa-migrants-by-subregion-2000',
    'address/iom',
  ])(
    "%s: the document in every format is the embedded store's, byte for byte",
    async (slug) => {
      const thing = local.index.things.get(`${local.baseIri}id/${slug}`) as ThingInfo;
      expect(thing, slug).toBeDefined();
      for (const format of FORMATS) {
        const [a, b] = await Promise.all([
          resourceDocument(local, thing, format),
          resourceDocument(viaRemote, thing, format),
        ]);
        expect(b.body.toString('utf8'), `${slug} ${format.id}`).toBe(a.body.toString('utf8'));
        expect(b.etag).toBe(a.etag);
      }
    },
    60_000,
  );

  it('answers a failing store with a 503 that says so, never a client error', async () => {
    const gone = new SparqlReads({ queryUrl: `http://127.0.0.1:${await freePort()}/sparql`, timeoutMs: 2_000 });
    const unreachable = await gone.describe(`${local.baseIri}id/process/bali-process`).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(HttpError);
    expect((unreachable as HttpError).status).toBe(503);
    expect((unreachable as HttpError).message).toMatch(/^The data store could not be reached/);
    const refusing = new SparqlReads({
      queryUrl: queryUrl.replace('/sparql', '/no-such'),
      timeoutMs: 2_000,
    });
    const refused = await refusing.select('SELECT * WHERE { ?s ?p ?o } LIMIT 1').catch((e: unknown) => e);
    expect((refused as HttpError).status).toBe(503);
    expect((refused as HttpError).message).toMatch(/^The data store answered 40\d/);
  });
});
