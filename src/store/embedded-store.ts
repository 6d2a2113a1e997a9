// The embedded store: the main thread's Oxigraph copy for the pages' reads, the worker pool for
// client queries (parsed and run in worker threads under a deadline and a memory limit).
import { DataFactory, type Quad } from 'n3';
import type { MemoryStore } from '../oxigraph/memory-store.js';
import type { Description } from '../rdf/document.js';
import type { QueryAnswer, QueryJob, QueryLimits, SparqlEngine } from '../sparql/engine.js';
import type { Pair, Row, Store } from './store.js';

/**
 * The pages' reads run on the main thread's copy (a description costs as much as the thing has
 * triples: the exception docs/architecture.md names, until documents are paged); client queries
 * run in the worker pool under its deadline and memory limit.
 */
export class EmbeddedStore implements Store {
  constructor(
    private readonly main: MemoryStore,
    private readonly engine: SparqlEngine,
  ) {}

  get limits(): QueryLimits {
    return this.engine.limits;
  }

  get ready(): Promise<void> {
    return this.engine.ready;
  }

  run(job: QueryJob): Promise<QueryAnswer> {
    return this.engine.run(job);
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  tripleCount(): Promise<number> {
    return settled(() => this.main.size);
  }

  describe(iri: string): Promise<Description> {
    return settled(() => this.main.describe(iri));
  }

  labels(iris: readonly string[]): Promise<Quad[]> {
    return settled(() => iris.flatMap((iri) => this.main.labelQuads(DataFactory.namedNode(iri))));
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

/** A synchronous read as a promise: a failure rejects rather than throws, as a remote read would. */
function settled<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
