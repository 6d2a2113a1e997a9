// A query worker for a remote SPARQL store: it holds no data. It parses and checks a client's
// query as Oxigraph's worker does (analyseQuery: read-only, no SERVICE, depth), makes it safe to
// forward (forward-query.ts: the data version as the dataset, no store functions), sends it to the
// store and writes the answer in the format asked for with the platform's own writers, so the
// formats, their layout and the errors are those of the embedded store. It runs in the worker pool,
// under the same deadline, memory limit and admission control.
import { workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import sparqljs from 'sparqljs';
import { serialiseRdf } from '../rdf/serialise.js';
import { writeBoolean, writeSolutions } from '../rdf/solutions.js';
import { analyseQuery, type AnalysedQuery } from '../sparql/analyse-query.js';
import { describe, type DescribeSource } from '../sparql/describe.js';
import {
  prepareQuery,
  refusal,
  resultAnswer,
  serveRequests,
  tooLarge,
  type WorkerAnswer,
  type WorkerCommon,
  type WorkerRequest,
} from '../sparql/worker-protocol.js';
import { booleanVariables, restoreBooleans } from './boolean-results.js';
import { forwardQuery, type ForwardedQuery } from './forward-query.js';
import { SparqlClient, StoreAnswerTooLarge, StoreRefusal } from './sparql-client.js';
import { parseResultsJson } from './sparql-json.js';
import { SparqlReads } from './sparql-reads.js';
import { HttpError } from '../errors.js';

export interface RemoteWorkerInit extends WorkerCommon {
  /** The store's query URL. */
  readonly queryUrl: string;
  /** The data version's graph. */
  readonly dataGraph: string;
  /** A graph that holds nothing: the dataset of FROM clauses and of every GRAPH pattern. */
  readonly emptyGraph: string;
  /** The query deadline (ms): the store is asked to stop there too. */
  readonly timeoutMs: number;
}

const init = workerData as RemoteWorkerInit;
const client = new SparqlClient(init.queryUrl);
const serialise = { prefixes: init.prefixes, context: init.context, contextUrl: init.contextUrl };
const site = { baseIri: init.baseIri, datasetIri: init.datasetIri, licenseIri: init.licenseIri };
/** A store's answers are verbose (Virtuoso's JSON pads every binding): read up to this many bytes. */
const MAX_STORE_BYTES = 4 * init.maxResultBytes;

/** Sends a forwarded query and returns the store's body. */
function send(forwarded: ForwardedQuery, accept: string): Promise<string> {
  return client.query(forwarded.text, accept, {
    defaultGraph: forwarded.defaultGraph,
    namedGraph: forwarded.namedGraph,
    timeoutMs: init.timeoutMs,
    // The store is asked to stop a little before our own deadline, so it does stop.
    storeTimeoutMs: Math.max(1, Math.floor(init.timeoutMs * 0.8)),
    maxBytes: MAX_STORE_BYTES,
  });
}

function forward(analysed: AnalysedQuery): ForwardedQuery {
  return forwardQuery(analysed, init.dataGraph, init.emptyGraph);
}

/** DESCRIBE reads the data version's descriptions, and binds its variables through the same rules. */
const reads = new SparqlReads({
  queryUrl: init.queryUrl,
  timeoutMs: init.timeoutMs,
  defaultGraph: init.dataGraph,
  // Each read on the client's behalf is bounded as a forwarded answer is (a DESCRIBE is a few of them).
  maxBytes: MAX_STORE_BYTES,
});
const source: DescribeSource = {
  describe: (iri) => reads.describe(iri),
  describeMany: (iris) => reads.describeMany(iris),
  selectIris: async (query) => {
    const analysed = analyseQuery(query, init.baseIri, init.maxDepth);
    const { rows } = parseResultsJson(await send(forward(analysed), 'application/sparql-results+json'));
    return rows.flatMap((row) => Object.values(row).flatMap((t) => (t.termType === 'NamedNode' ? [t.value] : [])));
  },
};

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  const { id } = request;
  const prepared = prepareQuery(request, init, forward);
  if ('outcome' in prepared) return prepared;
  const { analysed, format, graph, checked: forwarded } = prepared;
  let body: string;
  try {
    const rdf = format.rdf?.id;
    if (analysed.form === 'DESCRIBE' && rdf && rdf !== 'html') {
      body = await describe(analysed, rdf, { store: source, site, serialise });
    } else if (graph && rdf && rdf !== 'html') {
      const nt = await send(forwarded, 'application/n-triples');
      let quads;
      try {
        quads = new Parser({ format: 'application/n-triples' }).parse(nt);
      } catch {
        throw new SyntaxError('not N-Triples');
      }
      body = await serialiseRdf(quads, rdf, serialise);
    } else {
      const results = parseResultsJson(await send(forwarded, 'application/sparql-results+json'));
      body =
        results.boolean !== undefined
          ? writeBoolean(format.id, results.boolean)
          : writeSolutions(
              format.id,
              selectedVariables(analysed, results.variables),
              restoreBooleans(results.rows, booleanVariables(analysed.parsed)),
            );
    }
  } catch (error) {
    if (error instanceof StoreAnswerTooLarge) return tooLarge(id, init.maxResultBytes);
    if (error instanceof StoreRefusal)
      return refusal(id, HttpError.badRequest(`The data store could not evaluate the query: ${error.message}`));
    if (error instanceof SyntaxError)
      return refusal(
        id,
        HttpError.serviceUnavailable(
          'The data store answered with something that is not SPARQL results or N-Triples.',
          5,
        ),
      );
    return refusal(id, error);
  }
  return resultAnswer(id, body, analysed, format, init.maxResultBytes);
}

/**
 * The variables of the result, in the query's order: `SELECT *` takes the store's (sparqljs names
 * a wildcard as one `*` term), otherwise the projection as written.
 */
function selectedVariables(analysed: AnalysedQuery, fromStore: string[]): string[] {
  const variables = (analysed.parsed as sparqljs.SelectQuery).variables as unknown as Array<{
    termType?: string;
    value?: string;
    variable?: { value: string };
  }>;
  if (!Array.isArray(variables) || variables.some((v) => v.termType === 'Wildcard')) return fromStore;
  return variables.map((v) => v.variable?.value ?? v.value ?? '').filter(Boolean);
}

serveRequests(answer);
