// The embedded store: the platform's reads from the reads worker's copy of the data (or, for the
// page tests and the loader, an Oxigraph copy in this thread), client queries from the worker pool
// (parsed and run in worker threads under a deadline and a memory limit).
import { DataFactory, type Quad } from 'n3';
import type { MemoryStore } from '../oxigraph/memory-store.js';
import { canonicalOrder, type Description, type StatementWindow } from '../rdf/document.js';
import type { QueryAnswer, QueryJob, QueryLimits, SparqlEngine } from '../sparql/engine.js';
import type { DataReads, Pair, Row, Store } from './store.js';

/**
 * The platform's reads over an Oxigraph store in this thread. A description costs as much as the
 * thing has own triples, plus a page of its inbound ones (docs/architecture.md, "Bounded documents").
 * What the page tests read, over the real data, with no query workers, and what `npm run load`
 * builds the front ends' start-up files from; the server reads through WorkerReads instead.
 */
export class OxigraphReads implements DataReads {
  constructor(private readonly main: MemoryStore) {}

  tripleCount(): Promise<number> {
    return settled(() => this.main.size);
  }

  describe(iri: string, window?: StatementWindow): Promise<Description> {
    return settled(() => this.main.describe(iri, window));
  }

  labels(iris: readonly string[]): Promise<Quad[]> {
    // Each IRI's label quads in canonical order, as a remote store's (SparqlReads) come back.
    return settled(() => iris.flatMap((iri) => canonicalOrder(this.main.labelQuads(DataFactory.namedNode(iri)))));
  }

  pairs(predicate: string): Promise<Pair[]> {
    return settled(() => this.main.pairs(predicate));
  }

  select(query: string): Promise<Row[]> {
    return settled(() => this.main.select(query));
  }

  nTriples(): Promise<string> {
    return settled(() => this.main.dumpNTriples());
  }
}

/**
 * The default store: the platform's reads from a copy of the data in another thread (WorkerReads,
 * the reads worker) or in this one (OxigraphReads), client queries in the worker pool.
 */
export class EmbeddedStore implements Store {
  constructor(
    private readonly reads: DataReads & { close?(): Promise<void> },
    private readonly engine: SparqlEngine,
  ) {}

  /** The reads worker's bound (READ_TIMEOUT_MS) is the same at start-up and after. */
  endStartup(): void {}

  tripleCount(): Promise<number> {
    return this.reads.tripleCount();
  }

  describe(iri: string, window?: StatementWindow): Promise<Description> {
    return this.reads.describe(iri, window);
  }

  labels(iris: readonly string[]): Promise<Quad[]> {
    return this.reads.labels(iris);
  }

  pairs(predicate: string): Promise<Pair[]> {
    return this.reads.pairs(predicate);
  }

  select(query: string): Promise<Row[]> {
    return this.reads.select(query);
  }

  nTriples(): Promise<string> {
    return this.reads.nTriples();
  }

  get limits(): QueryLimits {
    return this.engine.limits;
  }

  get ready(): Promise<void> {
    return this.engine.ready;
  }

  run(job: QueryJob): Promise<QueryAnswer> {
    return this.engine.run(job);
  }

  async close(): Promise<void> {
    await Promise.all([this.engine.close(), this.reads.close?.()]);
  }
}

/** A synchronous read as a promise: a failure rejects rather than throws, as a remote read would. */
function settled<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
