// A worker thread that holds the data in Oxigraph and answers one query at a time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import oxigraph from 'oxigraph';
import type { FormatId } from '../negotiate/formats.js';
import type { JsonLdContext } from '../render/jsonld-context.js';
import { serialiseRdf } from '../render/serialise.js';

export interface WorkerInit {
  /** The Turtle files of the default graph, loaded by each worker itself. */
  readonly files: readonly string[];
  readonly baseIri: string;
  readonly context: JsonLdContext;
  readonly contextUrl: string;
  readonly prefixes: Record<string, string>;
  readonly maxResultBytes: number;
}

export interface WorkerRequest {
  readonly id: number;
  readonly query: string;
  readonly graph: boolean;
  /** Media type for solutions; for graphs, the document format id. */
  readonly mediaType: string;
  readonly rdfFormat?: FormatId;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly body: string }
  | {
      readonly id: number;
      readonly ok: false;
      readonly kind: 'syntax' | 'too-large' | 'failed';
      readonly message: string;
    };

const init = workerData as WorkerInit;
const store = new oxigraph.Store();
for (const file of init.files)
  store.load(readFileSync(file), { format: 'text/turtle', base_iri: init.baseIri, no_transaction: true });
parentPort?.postMessage({ ready: true });

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  let body: string;
  try {
    if (request.graph && request.rdfFormat && request.rdfFormat !== 'ntriples') {
      // Graphs go through the same serialisers as the documents: prefixes, our JSON-LD context.
      const nt = store.query(request.query, { results_format: 'application/n-triples' }) as string;
      const quads = new Parser({ format: 'application/n-triples' }).parse(nt);
      body = await serialiseRdf(quads, request.rdfFormat as Exclude<FormatId, 'html' | 'ntriples'>, {
        prefixes: init.prefixes,
        context: init.context,
        contextUrl: init.contextUrl,
      });
    } else {
      body = store.query(request.query, { results_format: request.mediaType }) as string;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, kind: /^error at \d+:\d+/.test(message) ? 'syntax' : 'failed', message };
  }
  if (Buffer.byteLength(body) > init.maxResultBytes) {
    return {
      id: request.id,
      ok: false,
      kind: 'too-large',
      message: `the result is larger than ${init.maxResultBytes} bytes`,
    };
  }
  return { id: request.id, ok: true, body };
}

parentPort?.on('message', (request: WorkerRequest) => {
  void answer(request).then((reply) => parentPort?.postMessage(reply));
});
