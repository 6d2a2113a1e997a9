// The SPARQL engine interface: the in-process worker pool now, a remote SPARQL store later.
import type { QueryForm } from './analyse-query.js';
import type { ResultFormat } from './result-formats.js';

export interface QueryJob {
  readonly query: string;
  readonly form: QueryForm;
  readonly format: ResultFormat;
}

/** The limits every engine enforces; stated in the service description and the README. */
export interface QueryLimits {
  /** Milliseconds a query may run before it is stopped. */
  readonly timeoutMs: number;
  /** Largest serialised result, in bytes; a larger one is refused, never truncated. */
  readonly maxResultBytes: number;
  /** Queries running at once. */
  readonly concurrency: number;
  /** Queries waiting for a free slot; beyond that the endpoint answers 503 with Retry-After. */
  readonly queueLength: number;
}

export interface SparqlEngine {
  readonly limits: QueryLimits;
  /**
   * Settles when the engine can answer: queries sent before wait in the queue (within the time
   * limit). Rejects when the engine could not start; the server then stops.
   */
  readonly ready: Promise<void>;
  /** Runs a query and returns the whole serialised result; throws an HttpError on any failure. */
  run(job: QueryJob): Promise<string>;
  /** Stops every worker. */
  close(): Promise<void>;
}
