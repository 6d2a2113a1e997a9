// The remote store: a SPARQL 1.1 store (Virtuoso is the tested one) that holds the data versions.
// The platform's reads go to it through the protocol (SparqlReads); client queries go through the
// same worker pool as in the embedded store, whose workers forward them (remote-query-worker.ts)
// instead of holding a copy, so every rule of /sparql holds: read-only, no SERVICE, the dataset
// fixed to the data version, the deadline, the result cap, admission control, the same formats.
import type { QueryAnswer, QueryJob, QueryLimits, SparqlEngine } from '../sparql/engine.js';
import { WorkerPoolEngine } from '../sparql/worker-pool.js';
import type { WorkerCommon } from '../sparql/worker-protocol.js';
import { workerScript } from '../worker-script.js';
import type { RemoteWorkerInit } from './remote-query-worker.js';
import { SparqlReads } from './sparql-reads.js';
import type { Store } from './store.js';

const REMOTE_WORKER = workerScript(import.meta.url, 'remote-query-worker');

export interface RemoteStoreOptions {
  readonly queryUrl: string;
  /** The data version's graph (data-version.ts). */
  readonly dataGraph: string;
  readonly emptyGraph: string;
  /** How long one of the platform's own reads may take (ms). */
  readonly readTimeoutMs: number;
  /** How long one may take before the front end serves (ms; see SparqlReadsOptions). */
  readonly startupTimeoutMs?: number;
  /** The platform's own reads in flight at once (STORE_CONNECTIONS). */
  readonly maxConnections?: number;
  readonly limits: QueryLimits;
  readonly worker: WorkerCommon;
}

export class RemoteStore extends SparqlReads implements Store {
  /** The worker pool of forwarders (tests look at its workers). */
  readonly engine: SparqlEngine;

  constructor(options: RemoteStoreOptions) {
    super({
      queryUrl: options.queryUrl,
      timeoutMs: options.readTimeoutMs,
      ...(options.startupTimeoutMs !== undefined ? { startupTimeoutMs: options.startupTimeoutMs } : {}),
      defaultGraph: options.dataGraph,
      ...(options.maxConnections ? { maxConcurrent: options.maxConnections } : {}),
    });
    const init: RemoteWorkerInit = {
      ...options.worker,
      queryUrl: options.queryUrl,
      dataGraph: options.dataGraph,
      emptyGraph: options.emptyGraph,
      timeoutMs: options.limits.timeoutMs,
    };
    this.engine = WorkerPoolEngine.start(init, options.limits, REMOTE_WORKER);
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

  close(): Promise<void> {
    return this.engine.close();
  }
}
