// The platform's reads answered by the reads worker (src/store/reads-worker.ts), a thread with its
// own copy of the data: the main thread of the embedded mode holds none (docs/performance.md,
// decision 24). Each read is a message with an id. A read past its time bound, or a worker that
// stops, fails every read it holds with a 503; that worker is thrown away and a fresh one loads
// the data again (a worker is never reused after a failure).
import { Worker } from 'node:worker_threads';
import type { Quad } from 'n3';
import { selectRows } from '../oxigraph/memory-store.js';
import type { Description, StatementWindow } from '../rdf/document.js';
import { workerScript } from '../worker-script.js';
import { unpackDescription, unpackQuads, type PackedDescription, type PackedQuads } from './packed-quads.js';
import type { ReadRequest, ReadsWorkerFault, ReadsWorkerInit, ReadsWorkerMessage } from './reads-worker.js';
import { unavailable } from './store.js';
import type { DataReads, Pair, Row } from './store.js';

const SCRIPT = workerScript(import.meta.url, 'reads-worker');

/**
 * How long one read may take once the worker has it (as STORE_TIMEOUT_MS bounds a remote store's):
 * a page's reads take milliseconds; the start-up's bulk reads at a million triples a few seconds.
 */
export const READ_TIMEOUT_MS = 30_000;

export interface WorkerReadsOptions {
  readonly files: readonly string[];
  readonly baseIri: string;
  /** The bound on one read (READ_TIMEOUT_MS unless given). */
  readonly readTimeoutMs?: number;
  /** Called as the first worker loads each file (start-up progress). */
  readonly onFileLoaded?: (bytes: number) => void;
  /** Told when a worker is replaced. */
  readonly log?: { warn(fields: object, message: string): void };
  /** For tests only: a fault the first worker has (see ReadsWorkerFault). */
  readonly fault?: ReadsWorkerFault;
}

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A read as asked, before it has an id. */
type Question = Without<ReadRequest, 'id'>;

interface Pending {
  readonly resolve: (answer: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** One worker and the reads it holds; once `failed` is set it answers nothing more. */
interface Generation {
  readonly worker: Worker;
  readonly loaded: Promise<void>;
  readonly pending: Map<number, Pending>;
  ready: boolean;
  failed?: Error;
}

export class WorkerReads implements DataReads {
  /** Settles when the first worker has loaded the data (rejects with its error if it could not). */
  readonly loaded: Promise<void>;
  private current: Generation;
  private nextId = 1;
  private closed = false;
  private readonly timeoutMs: number;

  constructor(private readonly options: WorkerReadsOptions) {
    this.timeoutMs = options.readTimeoutMs ?? READ_TIMEOUT_MS;
    this.current = this.start(true);
    this.loaded = this.current.loaded;
  }

  /** How many workers have been started (tests: a failed one is replaced). */
  started = 0;

  private start(first: boolean): Generation {
    this.started += 1;
    const init: ReadsWorkerInit = {
      files: this.options.files,
      baseIri: this.options.baseIri,
      ...(first && this.options.fault ? { fault: this.options.fault } : {}),
    };
    const worker = new Worker(SCRIPT.url, { workerData: init, execArgv: SCRIPT.execArgv });
    // A loading worker keeps the process alive: start-up awaits it, and with validation done (a
    // file that is not UTF-8 fails there first) nothing else would, and the process would exit 0
    // in silence. Once ready it is unreferenced: an idle worker never keeps the process alive; a
    // pending read's timer does.
    let loadedResolve!: () => void;
    let loadedReject!: (error: Error) => void;
    const loaded = new Promise<void>((resolve, reject) => {
      loadedResolve = resolve;
      loadedReject = reject;
    });
    loaded.catch(() => undefined); // awaited by start-up and by each read
    const generation: Generation = { worker, loaded, pending: new Map(), ready: false };
    let error: Error | undefined;
    worker.on('message', (message: ReadsWorkerMessage) => {
      switch (message.kind) {
        case 'file':
          if (first) this.options.onFileLoaded?.(message.bytes);
          return;
        case 'ready':
          generation.ready = true;
          worker.unref();
          loadedResolve();
          return;
        case 'answer':
        case 'failed': {
          const pending = generation.pending.get(message.id);
          if (!pending) return;
          generation.pending.delete(message.id);
          clearTimeout(pending.timer);
          if (message.kind === 'answer') pending.resolve(message.answer);
          else pending.reject(new Error(message.message));
        }
      }
    });
    worker.on('error', (e: Error) => {
      error = e;
    });
    worker.on('exit', (code) => {
      const reason = this.closed
        ? 'was closed'
        : generation.ready
          ? `stopped during a read (exit code ${code}${error ? `: ${error.message}` : ''})`
          : `could not load the data (${error?.message ?? `exit code ${code}`})`;
      // Before it was ready, start-up sees the worker's own error (a DatasetError's message).
      loadedReject(error && !generation.ready ? error : unavailable(reason));
      this.fail(generation, reason);
    });
    return generation;
  }

  /**
   * Fails every read the generation holds with a 503 and stops its worker. A worker that was
   * serving is replaced at once; one that could not load is replaced by the next read.
   */
  private fail(generation: Generation, reason: string): void {
    if (generation.failed) return;
    generation.failed = unavailable(reason);
    for (const pending of generation.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(generation.failed);
    }
    generation.pending.clear();
    void generation.worker.terminate();
    if (this.closed || this.current !== generation) return;
    this.options.log?.warn({ reason }, 'the reads worker failed; a fresh one loads the data');
    if (generation.ready) this.current = this.start(false);
  }

  private async ask<T>(question: Question): Promise<T> {
    if (this.closed) throw unavailable('is closed');
    if (this.current.failed && !this.current.ready) this.current = this.start(false);
    const generation = this.current;
    try {
      await generation.loaded;
    } catch (error) {
      throw error instanceof Error && 'status' in error ? error : unavailable('could not load the data');
    }
    if (generation.failed) throw generation.failed;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(generation, `did not answer a read within ${this.timeoutMs} ms`),
        this.timeoutMs,
      );
      generation.pending.set(id, { resolve: resolve as (answer: unknown) => void, reject, timer });
      generation.worker.postMessage({ ...question, id });
    });
  }

  tripleCount(): Promise<number> {
    return this.ask<number>({ op: 'tripleCount' });
  }

  async describe(iri: string, window?: StatementWindow): Promise<Description> {
    return unpackDescription(await this.ask<PackedDescription>({ op: 'describe', iri, ...(window ? { window } : {}) }));
  }

  async labels(iris: readonly string[]): Promise<Quad[]> {
    return unpackQuads(await this.ask<PackedQuads>({ op: 'labels', iris }));
  }

  pairs(predicate: string): Promise<Pair[]> {
    return this.ask<Pair[]>({ op: 'pairs', predicate });
  }

  async select(query: string): Promise<Row[]> {
    return selectRows(await this.ask<string>({ op: 'select', query }));
  }

  /** The dump as one string from the worker (as OxigraphReads gives it; the Turtle dump parses it here). */
  nTriples(): Promise<string> {
    return this.ask<string>({ op: 'nTriples' });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current.worker.terminate();
  }
}
