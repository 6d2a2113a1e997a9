// The in-process SPARQL engine: Oxigraph in worker threads, so no query stalls the event loop.
// Each worker is a sandbox: a query past its deadline or its memory limit, or one that traps the
// engine, ends the worker, and a fresh one takes its place before another query is served.
import { Worker } from 'node:worker_threads';
import { HttpError } from '../errors.js';
import { workerScript } from '../worker-script.js';
import type { QueryAnswer, QueryJob, QueryLimits, SparqlEngine } from './engine.js';
import {
  couldNotStart,
  engineFault,
  engineStopped,
  outOfMemory,
  pastDeadline,
  queueFull,
  shuttingDown,
  stillLoading,
  wouldMissDeadline,
} from './engine-errors.js';
import type { WorkerReady, WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The worker that holds the data in Oxigraph (query-worker.ts); a remote store's forward instead. */
const OXIGRAPH_WORKER = workerScript(import.meta.url, 'query-worker');

/** A worker script and how to start it (workerScript's answer). */
export interface WorkerScript {
  readonly url: URL;
  readonly execArgv: string[];
}
const MIB = 1024 * 1024;

interface Pending {
  readonly request: WorkerRequest;
  readonly resolve: (answer: QueryAnswer) => void;
  readonly reject: (error: Error) => void;
  /** Fires at the deadline, counted from arrival. */
  readonly timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Pending;
  /** When the job started running, for the service-time estimate. */
  started: number;
  /** The worker's memory with the data loaded and no query: what a query's use is measured from. */
  baseline: number;
  /** Polls the worker's memory while a job runs longer than one poll interval. */
  watch?: NodeJS.Timeout;
}

/** How often a running query's memory is looked at. */
const MEMORY_POLL_MS = 100;
/**
 * A worker that keeps more than this share of the per-query allowance after a query is replaced
 * (WebAssembly memory never shrinks); below it, reloading the data would cost more than it returns.
 */
const RETAINED_SHARE = 0.25;

export class WorkerPoolEngine implements SparqlEngine {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private startError: Error | undefined;
  /** Recent service time of a query in milliseconds (exponentially weighted), for admission. */
  private serviceMs = 0;
  readonly ready: Promise<void>;

  private constructor(
    private readonly init: object,
    readonly limits: QueryLimits,
    private readonly script: WorkerScript,
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
   * `script` is the worker (Oxigraph's by default); `init` its workerData. Every worker speaks
   * the messages of query-worker.ts.
   */
  static start(init: object, limits: QueryLimits, script: WorkerScript = OXIGRAPH_WORKER): WorkerPoolEngine {
    return new WorkerPoolEngine(init, limits, script);
  }

  run(job: QueryJob): Promise<QueryAnswer> {
    if (this.closed) return Promise.reject(shuttingDown());
    if (this.startError) return Promise.reject(this.unavailable());
    const refusal = this.admission();
    if (refusal) return Promise.reject(refusal);
    return new Promise<QueryAnswer>((resolve, reject) => {
      const request: WorkerRequest = { id: this.nextId++, ...job };
      // The deadline counts from arrival, queueing included, so a client never waits past it.
      const timer = setTimeout(() => this.expire(request.id), this.limits.timeoutMs);
      timer.unref();
      this.queue.push({ request, resolve, reject, timer });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) this.fail(pending, shuttingDown());
    for (const slot of this.slots) {
      const job = slot.job;
      this.finish(slot);
      if (job) this.fail(job, shuttingDown());
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** How many workers are busy (for tests and logs). */
  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /** Queries waiting for a worker (for tests and logs). */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Whether a new query may wait: a burst waits its turn as long as it can still be answered
   * within its deadline. Refused (503, Retry-After) when the queue is full, or when the queries
   * ahead of it would, at the recent pace, take longer than the deadline.
   */
  private admission(): HttpError | undefined {
    const free = this.slots.some((s) => s.ready && !s.job);
    if (free && this.queue.length === 0) return undefined;
    if (this.queue.length >= this.limits.queueLength) {
      if (this.slots.every((s) => !s.ready)) return stillLoading();
      return queueFull(this.limits.concurrency, this.limits.queueLength);
    }
    const readySlots = this.slots.filter((s) => s.ready).length;
    if (readySlots === 0 || this.serviceMs === 0) return undefined;
    const expectedWaitMs = ((this.queue.length + 1) / readySlots) * this.serviceMs;
    if (expectedWaitMs <= this.limits.timeoutMs) return undefined;
    return wouldMissDeadline(expectedWaitMs, this.limits.timeoutMs);
  }

  private spawn(replacing?: Slot): Promise<void> {
    const worker = new Worker(this.script.url, {
      workerData: this.init,
      execArgv: this.script.execArgv,
      // The JavaScript heap (serialisers) is capped as a backstop; the WebAssembly memory, outside
      // it, is watched by polling (watchMemory).
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(this.limits.queryMemoryBytes / MIB) + 256 },
    });
    worker.unref(); // an idle pool never keeps the process alive; the HTTP server does
    const slot: Slot = replacing ?? { worker, ready: false, started: 0, baseline: 0 };
    slot.worker = worker;
    slot.ready = false;
    if (!replacing) this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerReply | WorkerReady) => {
        if ('ready' in message) {
          slot.ready = true;
          slot.baseline = message.memory;
          resolve();
          this.dispatch();
          return;
        }
        const job = slot.job;
        if (!job || job.request.id !== message.id) return;
        this.finish(slot);
        this.settle(slot, job, message);
      });
      worker.on('error', (error: Error & { code?: string }) => {
        if (!slot.ready) {
          reject(error);
          return;
        }
        const job = slot.job;
        if (!job) return;
        this.finish(slot);
        this.fail(
          job,
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.memoryExceeded() : engineStopped(error.message),
        );
      });
      worker.on('exit', (code) => {
        if (slot.worker !== worker || this.closed) return;
        // A worker that never finished loading is not restarted: the data does not fit, or the
        // worker cannot run; `ready` rejects and the server stops with the reason.
        if (!slot.ready) {
          reject(new Error(`the query worker stopped (exit code ${code}) while loading the data`));
          return;
        }
        // An unexpected exit (a crash): its query hears so, and a fresh worker takes its place.
        const job = slot.job;
        this.finish(slot);
        if (job) this.fail(job, engineStopped(`exit code ${code}`));
        this.replace(slot);
      });
    });
  }

  // Turns a worker's reply into the job's outcome, and replaces the worker when it must not serve again.
  private settle(slot: Slot, job: Pending, reply: WorkerReply): void {
    switch (reply.outcome) {
      case 'result':
        this.serviceMs = this.serviceMs === 0 ? elapsed(slot) : 0.8 * this.serviceMs + 0.2 * elapsed(slot);
        job.resolve({ kind: 'result', body: reply.body, form: reply.form, format: reply.format });
        break;
      case 'editor':
        job.resolve({ kind: 'editor' });
        break;
      case 'refused':
        job.reject(new HttpError(reply.status, reply.message, reply.headers ?? {}, reply.available));
        break;
      case 'fault':
        this.fail(job, engineFault(reply.message));
        this.replace(slot);
        return;
    }
    clearTimeout(job.timer);
    // The footprint right after loading still holds the files' buffers until a collection; the
    // lowest seen is the truer measure of what the data alone takes.
    slot.baseline = Math.min(slot.baseline, reply.memory);
    if (reply.memory - slot.baseline > this.limits.queryMemoryBytes * RETAINED_SHARE) this.replace(slot);
    else this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.job = next;
      slot.started = performance.now();
      slot.worker.postMessage(next.request);
      this.watchMemory(slot, next);
    }
  }

  /**
   * Stops a running query whose worker's memory has grown past the per-query allowance. V8
   * answers `getHeapStatistics()` from the worker's isolate even while WebAssembly runs, and
   * counts WebAssembly memory as external memory. Only queries that outlast one poll are polled.
   */
  private watchMemory(slot: Slot, job: Pending): void {
    let polling = false;
    slot.watch = setInterval(() => {
      if (polling) return;
      polling = true;
      slot.worker.getHeapStatistics().then(
        (heap) => {
          polling = false;
          if (slot.job !== job) return;
          if (heap.used_heap_size + heap.external_memory - slot.baseline <= this.limits.queryMemoryBytes) return;
          this.finish(slot);
          this.fail(job, this.memoryExceeded());
          this.replace(slot);
        },
        () => {
          polling = false; // the worker ended meanwhile; its exit handler answers the job
        },
      );
    }, MEMORY_POLL_MS);
    slot.watch.unref();
  }

  // The slot's job is over, however it ended.
  private finish(slot: Slot): void {
    clearInterval(slot.watch);
    slot.watch = undefined;
    slot.job = undefined;
  }

  // A fresh worker in the slot, and the old one ended (terminating is the only way to stop a
  // WebAssembly computation mid-way, and the only way to give its memory back).
  private replace(slot: Slot): void {
    const old = slot.worker;
    if (this.closed) return;
    void this.spawn(slot).catch(() => undefined);
    void old.terminate();
  }

  // A query past its deadline: drop it from the queue, or stop the worker running it and start a fresh one.
  private expire(id: number): void {
    const error = pastDeadline(this.limits.timeoutMs);
    const queued = this.queue.findIndex((p) => p.request.id === id);
    if (queued >= 0) {
      const [pending] = this.queue.splice(queued, 1);
      if (pending) this.fail(pending, error);
      return;
    }
    const slot = this.slots.find((s) => s.job?.request.id === id);
    if (!slot?.job) return;
    const job = slot.job;
    this.finish(slot);
    this.fail(job, error);
    this.replace(slot);
  }

  private memoryExceeded(): HttpError {
    return outOfMemory(this.limits.queryMemoryBytes);
  }

  private unavailable(): HttpError {
    return couldNotStart(this.startError?.message ?? 'unknown error');
  }

  private fail(pending: Pending, error: Error): void {
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}

function elapsed(slot: Slot): number {
  return performance.now() - slot.started;
}
