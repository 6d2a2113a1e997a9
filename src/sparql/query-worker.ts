// A worker thread that holds the data in Oxigraph and answers one query at a time: it parses and
// analyses the query, evaluates it (DESCRIBE included) and serialises the result, all within the
// deadline and memory limit the pool (src/sparql/worker-pool.ts) enforces from outside.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { HttpError } from '../errors.js';
import type { JsonLdContext } from '../rdf/serialise.js';
import { serialiseRdf } from '../rdf/serialise.js';
import { loadTurtleFiles } from '../dataset/read-turtle.js';
import { analyseQuery, clientPositions, type QueryForm } from './analyse-query.js';
import { describe } from './describe.js';
import { EDITOR_FORMAT } from './engine.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS } from '../rdf/result-formats.js';

export interface WorkerInit {
  /** The Turtle files of the default graph, loaded by each worker itself. */
  readonly files: readonly string[];
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
    }
  /** The engine failed (a WebAssembly trap, a panic): this worker must not serve again. */
  | { readonly id: number; readonly outcome: 'fault'; readonly message: string };

/** A WebAssembly trap (`unreachable` after a panic, an out-of-bounds access after a stack overflow). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly
  .RuntimeError;

const init = workerData as WorkerInit;
const store = await loadTurtleFiles(init.files, init.baseIri);
const serialise = { prefixes: init.prefixes, context: init.context, contextUrl: init.contextUrl };
const site = { baseIri: init.baseIri, datasetIri: init.datasetIri, licenseIri: init.licenseIri };
/** Set once the engine has trapped: its memory may be corrupt, so it answers nothing more. */
let broken: string | undefined;
parentPort?.postMessage({ ready: true, memory: memoryInUse() } satisfies WorkerReady);

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  const { id } = request;
  if (broken) return { id, outcome: 'fault', message: broken };
  let analysed;
  try {
    analysed = analyseQuery(request.query, init.baseIri, init.maxDepth);
  } catch (error) {
    return refusal(id, error);
  }
  const graph = analysed.form === 'CONSTRUCT' || analysed.form === 'DESCRIBE';
  const chosen = graph ? request.graphFormat : request.solutionFormat;
  if (chosen === EDITOR_FORMAT) return { id, outcome: 'editor' };
  const family = graph ? GRAPH_FORMATS : SOLUTION_FORMATS;
  const format = family.find((f) => f.id === chosen);
  if (!format) {
    const available = family.map((f) => f.mediaType);
    const error = HttpError.notAcceptable(available);
    return { id, outcome: 'refused', status: error.status, message: error.message, available };
  }
  let body: string;
  try {
    const rdf = format.rdf?.id;
    if (analysed.form === 'DESCRIBE' && rdf && rdf !== 'html') {
      body = await describe(analysed, rdf, { store, site, serialise });
    } else if (graph && rdf && rdf !== 'html' && rdf !== 'ntriples') {
      // Graphs go through the same serialisers as the documents: prefixes, our JSON-LD context.
      const nt = store.serialisedQuery(analysed.text, 'application/n-triples');
      body = await serialiseRdf(new Parser({ format: 'application/n-triples' }).parse(nt), rdf, serialise);
    } else {
      body = store.serialisedQuery(analysed.text, format.mediaType);
    }
  } catch (error) {
    if (error instanceof WasmRuntimeError) {
      broken = `the query engine failed (${error.message})`;
      return { id, outcome: 'fault', message: broken };
    }
    return refusal(id, error);
  }
  if (Buffer.byteLength(body) > init.maxResultBytes) {
    return {
      id,
      outcome: 'refused',
      status: 413,
      message: `The result is too large (the result is larger than ${init.maxResultBytes} bytes). It is refused rather than truncated: add LIMIT and OFFSET to page through it, or download the dump.`,
    };
  }
  return { id, outcome: 'result', body, form: analysed.form, format: format.id };
}

// An error the query caused, as the reply the pool turns into a 4xx.
function refusal(id: number, error: unknown): WorkerAnswer {
  if (error instanceof HttpError) return { id, outcome: 'refused', status: error.status, message: error.message };
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
function memoryInUse(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

parentPort?.on('message', (request: WorkerRequest) => {
  void answer(request).then((reply) => parentPort?.postMessage({ ...reply, memory: memoryInUse() }));
});
