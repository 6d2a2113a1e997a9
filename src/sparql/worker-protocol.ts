// The messages between the worker pool (worker-pool.ts) and a query worker, and the steps every
// worker takes alike: choosing the result format once the query's form is known, turning errors
// into refusals, refusing results over the size limit, and answering one request at a time.
// Two workers speak it: Oxigraph's (query-worker.ts) and the remote store's forwarder
// (store/remote-query-worker.ts).
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { HttpError } from '../errors.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS, type ResultFormat } from '../rdf/result-formats.js';
import { analyseQuery, clientPositions, type AnalysedQuery, type QueryForm } from './analyse-query.js';
import { EDITOR_FORMAT } from './engine.js';
import type { JsonLdContext } from '../rdf/serialise.js';

/** What every worker is started with (its workerData), beside what its kind needs. */
export interface WorkerCommon {
  readonly baseIri: string;
  readonly datasetIri: string;
  readonly licenseIri: string;
  readonly context: JsonLdContext;
  readonly contextUrl: string;
  readonly prefixes: Record<string, string>;
  readonly maxResultBytes: number;
  /** Deepest nesting accepted (src/sparql/query-depth.ts). */
  readonly maxDepth: number;
}

export interface WorkerRequest {
  readonly id: number;
  readonly query: string;
  /**
   * The format the request's Accept header picks for each family of query forms: a result format
   * id, EDITOR_FORMAT when it prefers the HTML editor, null when it accepts none. The worker knows the
   * form only once it has parsed the query, so the main thread negotiates both in advance.
   */
  readonly solutionFormat: string | null;
  readonly graphFormat: string | null;
}

/** The first message: the data is loaded; `memory` is the worker's footprint with it. */
export interface WorkerReady {
  readonly ready: true;
  readonly memory: number;
}

/** Every reply also says how much memory the worker holds after answering. */
export type WorkerReply = WorkerAnswer & { readonly memory: number };

export type WorkerAnswer =
  | {
      readonly id: number;
      readonly outcome: 'result';
      readonly body: string;
      readonly form: QueryForm;
      readonly format: string;
    }
  | { readonly id: number; readonly outcome: 'editor' }
  /** The client's query is at fault (syntax, depth, too large a result, no acceptable format). */
  | {
      readonly id: number;
      readonly outcome: 'refused';
      readonly status: number;
      readonly message: string;
      readonly available?: string[];
      /** Response headers the refusal needs (Retry-After on a 503 from a remote store). */
      readonly headers?: Record<string, string>;
    }
  /** The engine failed (a WebAssembly trap, a panic): this worker must not serve again. */
  | { readonly id: number; readonly outcome: 'fault'; readonly message: string };

/** A request whose query parsed and passed the checks, with the format its form takes. */
export interface PreparedQuery<T> {
  readonly analysed: AnalysedQuery;
  readonly format: ResultFormat;
  readonly graph: boolean;
  /** What the worker's own check made of the query (the remote store's: the text to forward). */
  readonly checked: T;
}

/**
 * The first steps of every worker: parse and analyse the query, run the worker's own check on it
 * (which throws to refuse), and choose the result format; or the answer that ends the request
 * there (a refusal, the editor, a 406).
 */
export function prepareQuery<T>(
  request: WorkerRequest,
  init: Pick<WorkerCommon, 'baseIri' | 'maxDepth'>,
  check: (analysed: AnalysedQuery) => T,
): PreparedQuery<T> | WorkerAnswer {
  let analysed: AnalysedQuery;
  let checked: T;
  try {
    analysed = analyseQuery(request.query, init.baseIri, init.maxDepth);
    checked = check(analysed);
  } catch (error) {
    return refusal(request.id, error);
  }
  const chosen = chooseFormat(request.id, analysed, request);
  if ('outcome' in chosen) return chosen;
  return { ...chosen, analysed, checked };
}

/** The format a request takes for an analysed query's form: a format, the editor, or a 406 refusal. */
export function chooseFormat(
  id: number,
  analysed: AnalysedQuery,
  request: WorkerRequest,
): { readonly format: ResultFormat; readonly graph: boolean } | WorkerAnswer {
  const graph = analysed.form === 'CONSTRUCT' || analysed.form === 'DESCRIBE';
  const chosen = graph ? request.graphFormat : request.solutionFormat;
  if (chosen === EDITOR_FORMAT) return { id, outcome: 'editor' };
  const family = graph ? GRAPH_FORMATS : SOLUTION_FORMATS;
  const format = family.find((f) => f.id === chosen);
  if (format) return { format, graph };
  const available = family.map((f) => f.mediaType);
  const error = HttpError.notAcceptable(available);
  return { id, outcome: 'refused', status: error.status, message: error.message, available };
}

/** The answer for a serialised result: refused (413) past the size limit, never truncated. */
export function resultAnswer(
  id: number,
  body: string,
  analysed: AnalysedQuery,
  format: ResultFormat,
  maxResultBytes: number,
): WorkerAnswer {
  if (Buffer.byteLength(body) > maxResultBytes) return tooLarge(id, maxResultBytes);
  return { id, outcome: 'result', body, form: analysed.form, format: format.id };
}

export function tooLarge(id: number, maxResultBytes: number): WorkerAnswer {
  return {
    id,
    outcome: 'refused',
    status: 413,
    message: `The result is too large (the result is larger than ${maxResultBytes} bytes). It is refused rather than truncated: add LIMIT and OFFSET to page through it, or download the dump.`,
  };
}

/** An error the query caused, as the reply the pool turns into a 4xx (or the HttpError's own status). */
export function refusal(id: number, error: unknown): WorkerAnswer {
  if (error instanceof HttpError)
    return {
      id,
      outcome: 'refused',
      status: error.status,
      message: error.message,
      ...(Object.keys(error.headers).length > 0 ? { headers: error.headers } : {}),
    };
  const message = error instanceof Error ? error.message : String(error);
  // The engine parsed the query behind the service's BASE line (analysed.text): its positions are
  // moved back to the client's lines.
  if (/^error at \d+:\d+/.test(message))
    return {
      id,
      outcome: 'refused',
      status: 400,
      message: `The query has a syntax error: ${clientPositions(message)}`,
    };
  if (error instanceof RangeError)
    return {
      id,
      outcome: 'refused',
      status: 400,
      message: 'The query is too complex to evaluate. Split it or flatten it.',
    };
  return { id, outcome: 'refused', status: 400, message: `The query could not be evaluated: ${message}` };
}

/**
 * This thread's memory: its JavaScript heap and the memory outside it, which holds Oxigraph's
 * WebAssembly memory (V8 counts it as external). WebAssembly memory only ever grows, so after a
 * greedy query the pool replaces the worker to give the memory back.
 */
export function memoryInUse(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

/** Says the worker is ready, then answers each request the pool sends (one at a time). */
export function serveRequests(answer: (request: WorkerRequest) => Promise<WorkerAnswer>): void {
  parentPort?.postMessage({ ready: true, memory: memoryInUse() } satisfies WorkerReady);
  parentPort?.on('message', (request: WorkerRequest) => {
    void answer(request).then((reply) => parentPort?.postMessage({ ...reply, memory: memoryInUse() }));
  });
}
