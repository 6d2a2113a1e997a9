// A worker thread that holds the data in Oxigraph and answers one query at a time: it parses and
// analyses the query, evaluates it (DESCRIBE included) and serialises the result, all within the
// deadline and memory limit the pool (src/sparql/worker-pool.ts) enforces from outside.
import { workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { serialiseRdf } from '../rdf/serialise.js';
import { loadTurtleFiles } from '../dataset/read-turtle.js';
import { describe, memorySource } from './describe.js';
import {
  refusal,
  prepareQuery,
  resultAnswer,
  serveRequests,
  type WorkerAnswer,
  type WorkerCommon,
  type WorkerRequest,
} from './worker-protocol.js';

export interface WorkerInit extends WorkerCommon {
  /** The Turtle files of the default graph, loaded by each worker itself. */
  readonly files: readonly string[];
}

/** A WebAssembly trap (`unreachable` after a panic, an out-of-bounds access after a stack overflow). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly
  .RuntimeError;

const init = workerData as WorkerInit;
const store = await loadTurtleFiles(init.files, init.baseIri);
const source = memorySource(store);
const serialise = { prefixes: init.prefixes, context: init.context, contextUrl: init.contextUrl };
const site = { baseIri: init.baseIri, datasetIri: init.datasetIri, licenseIri: init.licenseIri };
/** Set once the engine has trapped: its memory may be corrupt, so it answers nothing more. */
let broken: string | undefined;

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  const { id } = request;
  if (broken) return { id, outcome: 'fault', message: broken };
  const prepared = prepareQuery(request, init, () => undefined);
  if ('outcome' in prepared) return prepared;
  const { analysed, format, graph } = prepared;
  let body: string;
  try {
    const rdf = format.rdf?.id;
    if (analysed.form === 'DESCRIBE' && rdf && rdf !== 'html') {
      body = await describe(analysed, rdf, { store: source, site, serialise });
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
  return resultAnswer(id, body, analysed, format, init.maxResultBytes);
}

serveRequests(answer);
