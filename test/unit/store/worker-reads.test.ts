// The platform's reads through the reads worker (WorkerReads): the same answers as OxigraphReads
// over a copy in this thread, and a worker that stops or takes too long fails its reads with a
// 503 and is replaced by a fresh one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset } from '../../../src/dataset/open.js';
import { loadTurtleFiles } from '../../../src/dataset/read-turtle.js';
import { HttpError } from '../../../src/errors.js';
import { RDF } from '../../../src/rdf/vocab.js';
import { OxigraphReads } from '../../../src/store/embedded-store.js';
import { WorkerReads } from '../../../src/store/worker-reads.js';
import { iri, ROOT, TEST_BASE } from '../../support/dataset.js';

async function defaultGraphFiles(): Promise<string[]> {
  const scan = await scanDataset(ROOT);
  return [...scan.files.ontology, ...scan.files.data];
}

const ids = (quads: readonly { subject: { id: string }; predicate: { id: string }; object: { id: string } }[]) =>
  quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`);

describe('WorkerReads over the real data', () => {
  let reads: WorkerReads;
  let here: OxigraphReads;
  beforeAll(async () => {
    const files = await defaultGraphFiles();
    reads = new WorkerReads({ files, baseIri: TEST_BASE });
    here = new OxigraphReads(await loadTurtleFiles(files, TEST_BASE));
    await reads.loaded;
  });
  afterAll(() => reads.close());

  it('answers every read as the copy in this thread does', async () => {
    expect(await reads.tripleCount()).toBe(await here.tripleCount());
    const things = (await here.pairs(`${RDF}type`)).map((p) => p.subject);
    const sample = [...new Set(things)].filter((_, i) => i % 7 === 0);
    expect(sample.length).toBeGreaterThan(20);
    for (const thing of [...sample, iri('id/organisation/iom')]) {
      for (const window of [undefined, { offset: 0, limit: 200 }, { offset: 3, limit: 5 }]) {
        const [a, b] = await Promise.all([reads.describe(thing, window), here.describe(thing, window)]);
        expect(a.iri).toBe(b.iri);
        expect(ids(a.own)).toEqual(ids(b.own));
        expect(ids(a.inbound)).toEqual(ids(b.inbound));
        expect(ids(a.labels)).toEqual(ids(b.labels));
        expect(a.extent).toEqual(b.extent);
      }
    }
    expect(ids(await reads.labels(sample))).toEqual(ids(await here.labels(sample)));
    expect(await reads.pairs(`${RDF}type`)).toEqual(await here.pairs(`${RDF}type`));
    const query = `SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label`;
    expect((await reads.select(query)).map((r) => [r.s?.id, r.label?.id])).toEqual(
      (await here.select(query)).map((r) => [r.s?.id, r.label?.id]),
    );
    expect((await reads.nTriples()).length).toBe((await here.nTriples()).length);
  });

  it('rejects a read the worker cannot answer (not a 503), and keeps serving', async () => {
    const failed = await reads.select('SELECT nonsense').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(HttpError);
    expect(await reads.tripleCount()).toBeGreaterThan(0);
    expect(reads.started).toBe(1);
  });
});

describe('WorkerReads when its worker fails', () => {
  it('a worker that dies mid-read: that read is a 503, the next is answered by a fresh worker', async () => {
    const thing = iri('id/process/bali-process');
    const reads = new WorkerReads({
      files: await defaultGraphFiles(),
      baseIri: TEST_BASE,
      fault: { op: 'describe', mentions: thing, action: 'exit' },
    });
    try {
      await reads.loaded;
      const [other, dying] = await Promise.allSettled([reads.tripleCount(), reads.describe(thing)]);
      expect(other.status).toBe('fulfilled');
      expect(dying.status).toBe('rejected');
      const error = (dying as PromiseRejectedResult).reason as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(503);
      expect(error.message).toMatch(/stopped during a read/);
      expect(reads.started).toBe(2);
      const again = await reads.describe(thing);
      expect(again.own.length).toBeGreaterThan(0);
      expect(reads.started).toBe(2);
    } finally {
      await reads.close();
    }
  });

  it('a read past its time bound is a 503, with every read the worker held; a fresh worker answers after', async () => {
    const thing = iri('id/process/igc');
    const reads = new WorkerReads({
      files: await defaultGraphFiles(),
      baseIri: TEST_BASE,
      readTimeoutMs: 300,
      fault: { op: 'describe', mentions: thing, action: 'hang' },
    });
    try {
      await reads.loaded;
      const started = performance.now();
      const [hung, behind] = await Promise.allSettled([reads.describe(thing), reads.tripleCount()]);
      expect(performance.now() - started).toBeLessThan(5_000);
      for (const outcome of [hung, behind]) {
        expect(outcome.status).toBe('rejected');
        expect(((outcome as PromiseRejectedResult).reason as HttpError).status).toBe(503);
      }
      expect(((hung as PromiseRejectedResult).reason as Error).message).toMatch(/within 300 ms/);
      expect((await reads.describe(thing)).own.length).toBeGreaterThan(0);
      expect(reads.started).toBe(2);
    } finally {
      await reads.close();
    }
  });

  it('a closed store refuses reads with a 503', async () => {
    const reads = new WorkerReads({ files: await defaultGraphFiles(), baseIri: TEST_BASE });
    await reads.loaded;
    await reads.close();
    await expect(reads.tripleCount()).rejects.toMatchObject({ status: 503 });
  });
});
