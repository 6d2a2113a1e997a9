// The in-process SPARQL engine: Oxigraph in worker threads, so no query stalls the event loop.
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/http-error.js';
import { workerScript } from '../worker-script.js';
import type { QueryJob, QueryLimits, SparqlEngine } from './engine.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './query-worker.js';

const WORKER = workerScript(import.meta.url, 'query-worker');

interface Pending {
  readonly request: WorkerRequest;
  readonly resolve: (body: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Pending;
}

/** Seconds a client is asked to wait when every slot and the queue are full. */
const RETRY_AFTER_SECONDS = 2;

export class WorkerPoolEngine implements SparqlEngine {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private startError: Error | undefined;
  readonly ready: Promise<void>;

  private constructor(
    private readonly init: WorkerInit,
    readonly limits: QueryLimits,
  ) {
    this.ready = Promise.all(Array.from({ length: limits.concurrency }, () => this.spawn())).then(() => undefined);
    // Observed here, so that a failed start is never an unhandled rejection; callers await `ready`.
    this.ready.catch((error: unknown) => {
      this.startError = error instanceof Error ? error : new Error(String(error));
      for (const pending of this.queue.splice(0)) this.fail(pending, this.unavailable());
    });
  }

  /**
   * Starts `limits.concurrency` workers, each loading the data, and returns at once: queries
   * wait in the queue until a worker is ready. `ready` settles when every worker has loaded.
   */
  static start(init: WorkerInit, limits: QueryLimits): WorkerPoolEngine {
    return new WorkerPoolEngine(init, limits);
  }

  run(job: QueryJob): Promise<string> {
    if (this.closed)
      return Promise.reject(HttpError.serviceUnavailable('The query engine is shutting down.', RETRY_AFTER_SECONDS));
    if (this.startError) return Promise.reject(this.unavailable());
    const busy = this.slots.every((s) => !s.ready || s.job);
    if (busy && this.queue.length >= this.limits.queueLength) {
      const loading = this.slots.every((s) => !s.ready);
      return Promise.reject(
        HttpError.serviceUnavailable(
          loading
            ? `The SPARQL engine is still loading the data. Retry in ${RETRY_AFTER_SECONDS} s.`
            : `Too many queries are running (${this.limits.concurrency} at once, ${this.limits.queueLength} waiting). Retry in ${RETRY_AFTER_SECONDS} s.`,
          RETRY_AFTER_SECONDS,
        ),
      );
    }
    return new Promise<string>((resolve, reject) => {
      const request: WorkerRequest = {
        id: this.nextId++,
        query: job.query,
        graph: job.form === 'CONSTRUCT' || job.form === 'DESCRIBE',
        mediaType: job.format.mediaType,
        ...(job.format.rdf ? { rdfFormat: job.format.rdf.id } : {}),
      };
      // The deadline counts from arrival, queueing included, so a client never waits past it.
      const timer = setTimeout(() => this.expire(request.id), this.limits.timeoutMs);
      timer.unref();
      this.queue.push({ request, resolve, reject, timer });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      this.fail(pending, HttpError.serviceUnavailable('The query engine is shutting down.', RETRY_AFTER_SECONDS));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** How many workers are busy (for tests and logs). */
  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  private spawn(replacing?: Slot): Promise<void> {
    const worker = new Worker(WORKER.url, { workerData: this.init, execArgv: WORKER.execArgv });
    worker.unref(); // an idle pool never keeps the process alive; the HTTP server does
    const slot: Slot = replacing ?? { worker, ready: false };
    slot.worker = worker;
    slot.ready = false;
    if (!replacing) this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerReply | { ready: true }) => {
        if ('ready' in message) {
          slot.ready = true;
          resolve();
          this.dispatch();
          return;
        }
        const job = slot.job;
        if (!job || job.request.id !== message.id) return;
        slot.job = undefined;
        clearTimeout(job.timer);
        if (message.ok) job.resolve(message.body);
        else job.reject(replyError(message));
        this.dispatch();
      });
      worker.on('error', (error: Error) => {
        if (!slot.ready) reject(error);
        const job = slot.job;
        slot.job = undefined;
        if (job) this.fail(job, error);
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker || this.closed) return;
        // A worker that never finished loading is not restarted: the data does not fit, or the
        // worker cannot run; `ready` rejects and the server stops with the reason.
        if (!slot.ready) {
          reject(new Error(`the query worker stopped (exit code ${code}) while loading the data`));
          return;
        }
        // An unexpected exit (a crash): replace the worker so capacity comes back.
        const job = slot.job;
        slot.job = undefined;
        if (job) this.fail(job, new Error('the query worker stopped unexpectedly'));
        void this.spawn(slot).catch(() => undefined);
      });
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.job = next;
      slot.worker.postMessage(next.request);
    }
  }

  // A query past its deadline: drop it from the queue, or stop the worker running it and start a
  // fresh one (terminating is the only way to stop a WebAssembly computation mid-way).
  private expire(id: number): void {
    const queued = this.queue.findIndex((p) => p.request.id === id);
    const error = new HttpError(
      503,
      `The query was stopped after the time limit of ${this.limits.timeoutMs / 1000} s. Make it more selective (LIMIT, more specific patterns).`,
    );
    if (queued >= 0) {
      const [pending] = this.queue.splice(queued, 1);
      if (pending) this.fail(pending, error);
      return;
    }
    const slot = this.slots.find((s) => s.job?.request.id === id);
    if (!slot?.job) return;
    const job = slot.job;
    slot.job = undefined;
    this.fail(job, error);
    const old = slot.worker;
    void this.spawn(slot).catch(() => undefined);
    void old.terminate();
  }

  private unavailable(): HttpError {
    return new HttpError(503, `The SPARQL engine could not start: ${this.startError?.message ?? 'unknown error'}.`);
  }

  private fail(pending: Pending, error: Error): void {
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}

function replyError(reply: Extract<WorkerReply, { ok: false }>): Error {
  switch (reply.kind) {
    case 'syntax':
      return HttpError.badRequest(`The query has a syntax error: ${reply.message}`);
    case 'too-large':
      return new HttpError(
        413,
        `The result is too large (${reply.message}). It is refused rather than truncated: add LIMIT and OFFSET to page through it, or download the dump.`,
      );
    case 'failed':
      return HttpError.badRequest(`The query could not be evaluated: ${reply.message}`);
  }
}
