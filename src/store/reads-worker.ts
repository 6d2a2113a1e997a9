// The reads worker: a thread that holds the default graph in its own Oxigraph store and answers the
// platform's reads (DataReads) by message, so that the main thread holds no copy of the data
// (docs/performance.md, decision 24). It never runs a client query: those go to the query
// workers. Answers are packed (src/store/packed-quads.ts) or plain; src/store/worker-reads.ts is
// the other end.
import { parentPort, workerData } from 'node:worker_threads';
import { DataFactory } from 'n3';
import { loadTurtleFiles } from '../dataset/read-turtle.js';
import { canonicalOrder, type StatementWindow } from '../rdf/document.js';
import { packDescription, packQuads } from './packed-quads.js';

/** What the worker is started with. */
export interface ReadsWorkerInit {
  /** The Turtle files of the default graph (ontology and data), as the query workers load them. */
  readonly files: readonly string[];
  readonly baseIri: string;
  /** For tests only: the first read of `op` whose argument mentions `mentions` exits the worker or never ends. */
  readonly fault?: ReadsWorkerFault;
}

export interface ReadsWorkerFault {
  readonly op: ReadRequest['op'];
  readonly mentions: string;
  readonly action: 'exit' | 'hang';
}

export type ReadRequest = { readonly id: number } & (
  | { readonly op: 'describe'; readonly iri: string; readonly window?: StatementWindow }
  | { readonly op: 'labels'; readonly iris: readonly string[] }
  | { readonly op: 'pairs'; readonly predicate: string }
  | { readonly op: 'select'; readonly query: string }
  | { readonly op: 'tripleCount' }
  | { readonly op: 'nTriples' }
);

export type ReadsWorkerMessage =
  | { readonly kind: 'file'; readonly bytes: number }
  | { readonly kind: 'ready' }
  | { readonly kind: 'answer'; readonly id: number; readonly answer: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** A WebAssembly trap (`unreachable` after a panic, an out-of-bounds access after a stack overflow). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly
  .RuntimeError;

const port = parentPort;
if (!port) throw new Error('the reads worker runs in a worker thread');
const init = workerData as ReadsWorkerInit;
const post = (message: ReadsWorkerMessage): void => port.postMessage(message);
const store = await loadTurtleFiles(init.files, init.baseIri, (_file, bytes) => post({ kind: 'file', bytes }));

function answer(request: ReadRequest): unknown {
  switch (request.op) {
    case 'describe':
      return packDescription(store.describe(request.iri, request.window));
    case 'labels':
      // Each IRI's label quads in canonical order, as OxigraphReads gives them.
      return packQuads(request.iris.flatMap((iri) => canonicalOrder(store.labelQuads(DataFactory.namedNode(iri)))));
    case 'pairs':
      return store.pairs(request.predicate);
    case 'select':
      // Oxigraph's results JSON, read into terms on the other side (one string to copy).
      return store.serialisedQuery(request.query, 'application/sparql-results+json');
    case 'tripleCount':
      return store.size;
    case 'nTriples':
      return store.dumpNTriples();
  }
}

let fault = init.fault;
port.on('message', (request: ReadRequest) => {
  if (fault && request.op === fault.op && JSON.stringify(request).includes(fault.mentions)) {
    const { action } = fault;
    fault = undefined;
    if (action === 'exit') process.exit(70);
    for (;;); // hang: only terminate() ends it
  }
  try {
    post({ kind: 'answer', id: request.id, answer: answer(request) });
  } catch (error) {
    // A WebAssembly trap may leave the store corrupt: this worker answers nothing more, and its
    // reads fail with a 503 while a fresh one loads (WorkerReads).
    if (error instanceof WasmRuntimeError) process.exit(71);
    post({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});
post({ kind: 'ready' });
