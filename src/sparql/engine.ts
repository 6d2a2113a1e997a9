// The SPARQL engine interface: the in-process worker pool now, a remote SPARQL store later.
import type { QueryForm } from './analyse-query.js';

export { EDITOR_FORMAT } from '../rdf/result-formats.js';

/**
 * A query as the protocol layer hands it over, not yet parsed: parsing belongs to the engine,
 * under the query's deadline. The formats are those the request's Accept header picks for each
 * family of forms (a result format id, EDITOR_FORMAT for the query editor, or null when none fits).
 */
export interface QueryJob {
  readonly query: string;
  readonly solutionFormat: string | null;
  readonly graphFormat: string | null;
}

/** A query's answer: its serialised result, or the request prefers the HTML editor for this form. */
export type QueryAnswer =
  | { readonly kind: 'result'; readonly body: string; readonly form: QueryForm; readonly format: string }
  | { readonly kind: 'editor' };

/** The limits every engine enforces; stated in the service description and the README. */
export interface QueryLimits {
  /** Milliseconds a query may take from arrival, queueing included, before it is stopped. */
  readonly timeoutMs: number;
  /** Largest serialised result, in bytes; a larger one is refused, never truncated. */
  readonly maxResultBytes: number;
  /** Queries running at once. */
  readonly concurrency: number;
  /** Queries waiting for a free slot; beyond that the endpoint answers 503 with Retry-After. */
  readonly queueLength: number;
  /** Memory one query may take beyond the loaded data, in bytes; past it the query is stopped. */
  readonly queryMemoryBytes: number;
  /** Deepest nesting of brackets, patterns or operators accepted (400 beyond). */
  readonly maxDepth: number;
}

export interface SparqlEngine {
  readonly limits: QueryLimits;
  /**
   * Settles when the engine can answer: queries sent before wait in the queue (within the time
   * limit). Rejects when the engine could not start; the server then stops.
   */
  readonly ready: Promise<void>;
  /**
   * Parses, checks and runs a query. Rejects with an HttpError on any failure: 4xx when the query
   * is at fault, 503 with Retry-After when the engine is (busy, out of time or memory, restarted).
   */
  run(job: QueryJob): Promise<QueryAnswer>;
  /** Stops every worker. */
  close(): Promise<void>;
}
