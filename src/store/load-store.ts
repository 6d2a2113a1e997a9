// `npm run load`: validates the data as the server does, loads it into a remote store as a new
// data version (its own graphs, through the Graph Store protocol), checks what the store holds,
// then switches readers to it with one update (data-version.ts) and drops versions beyond --keep.
// Readers see the old version until the switch, and the new one after it; a failed load leaves
// the store's current version as it was.
import { Writer, type Quad } from 'n3';
import type { StartupLog } from '../dataset/cache-dir.js';
import { prepareDataset, type PreparedDataset } from '../dataset/open.js';
import type { ValidationOutcome } from '../dataset/validate.js';
import {
  forgetVersionUpdate,
  listVersions,
  recordVersionUpdate,
  storeGraphs,
  switchVersionUpdate,
  type DataVersion,
} from './data-version.js';
import { SparqlClient, StoreRefusal, type StoreCredentials } from './sparql-client.js';
import { parseResultsJson } from './sparql-json.js';

export interface LoadStoreOptions {
  readonly root: string;
  readonly baseIri: string;
  readonly cacheDir?: string;
  readonly queryUrl: string;
  readonly updateUrl: string;
  readonly graphStoreUrl: string;
  readonly credentials?: StoreCredentials;
  /** Versions kept in the store, the current one included (older ones are dropped). */
  readonly keep: number;
  /** Triples per Graph Store request. */
  readonly chunkTriples?: number;
  /** How long one request to the store may take (ms). */
  readonly timeoutMs?: number;
  readonly log: StartupLog;
  /**
   * Runs once the version is in the store and before readers are switched to it, with the
   * validated data in this process (the CLI builds the front ends' start-up files from it).
   */
  readonly beforeSwitch?: (prepared: PreparedDataset) => Promise<void>;
}

export type LoadOutcome =
  | { readonly outcome: 'invalid'; readonly validation: ValidationOutcome }
  | { readonly outcome: 'loaded' | 'current' | 'switched'; readonly version: DataVersion; readonly dropped: string[] };

/** Loads the data as a data version and makes it current; see the module comment. */
export async function loadIntoStore(options: LoadStoreOptions): Promise<LoadOutcome> {
  const { log, baseIri } = options;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const client = new SparqlClient(options.queryUrl, options.credentials);
  const { prepared, validation } = await prepareDataset({
    root: options.root,
    baseIri,
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    log,
  });
  if (!prepared) return { outcome: 'invalid', validation };
  const graphs = storeGraphs(baseIri).version(prepared.contentHash);
  const triples = prepared.store.size;
  const { current, versions } = await listVersions(client, baseIri, timeoutMs);
  const recorded = versions.find((v) => v.contentHash === prepared.contentHash);

  let outcome: 'loaded' | 'current' | 'switched' = 'loaded';
  let version: DataVersion;
  if (recorded && (await countTriples(client, recorded.graph, timeoutMs)) === triples) {
    // This content is in the store already, whole: a return to it is only a switch.
    version = recorded;
    outcome = current?.graph === recorded.graph ? 'current' : 'switched';
    log.info({ contentHash: prepared.contentHash, triples }, 'the store holds this data already');
  } else {
    // The version readers use is never written over: a front end may be serving it.
    if (recorded && current?.graph === recorded.graph)
      throw new Error(
        `the store's current version <${recorded.graph}> does not hold this data whole (its triple count differs); it is left as it is. Load other data first, or drop the graph by hand (docs/deployment.md)`,
      );
    if (recorded) await client.update(options.updateUrl, forgetVersionUpdate(baseIri, recorded.graph), timeoutMs);
    const started = performance.now();
    log.info({ graph: graphs.data, triples }, 'loading the data into the store');
    await putGraph(client, options, graphs.data, prepared.store.dumpNTriples(), timeoutMs, log);
    await putGraph(client, options, graphs.ontology, nTriples(prepared.ontology), timeoutMs, log);
    await putGraph(client, options, graphs.shapes, nTriples(prepared.shapes), timeoutMs, log);
    const held = await countTriples(client, graphs.data, timeoutMs);
    if (held !== triples)
      throw new Error(
        `the store holds ${held} triples in <${graphs.data}> after the load, not ${triples}; the current version is unchanged`,
      );
    version = {
      graph: graphs.data,
      contentHash: prepared.contentHash,
      modified: prepared.modified,
      triples,
      loaded: new Date(),
    };
    await client.update(options.updateUrl, recordVersionUpdate(baseIri, version), timeoutMs);
    log.info({ seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, 'loaded');
  }
  await options.beforeSwitch?.(prepared);
  if (outcome !== 'current')
    await client.update(options.updateUrl, switchVersionUpdate(baseIri, version.graph), timeoutMs);

  // The newest `keep` versions stay, and always the new current one and the one readers used until
  // now (front ends started before serve it until they restart); the rest are dropped.
  const dropped: string[] = [];
  const previous = current?.graph;
  const others = versions.filter((v) => v.graph !== version.graph);
  const kept = new Set(others.slice(0, Math.max(0, options.keep - 1)).map((v) => v.graph));
  if (previous) kept.add(previous);
  for (const old of others.filter((v) => !kept.has(v.graph))) {
    const names = storeGraphs(baseIri).version(old.contentHash);
    for (const graph of [names.data, names.ontology, names.shapes]) await dropGraph(client, options, graph, timeoutMs);
    await client.update(options.updateUrl, forgetVersionUpdate(baseIri, old.graph), timeoutMs);
    dropped.push(old.graph);
  }
  return { outcome, version, dropped };
}

function nTriples(quads: readonly Quad[]): string {
  return new Writer({ format: 'N-Triples' }).quadsToString([...quads]);
}

async function countTriples(client: SparqlClient, graph: string, timeoutMs: number): Promise<number> {
  const body = await client.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'application/sparql-results+json', {
    defaultGraph: graph,
    timeoutMs,
  });
  return Number(parseResultsJson(body).rows[0]?.n?.value ?? NaN);
}

async function dropGraph(
  client: SparqlClient,
  options: LoadStoreOptions,
  graph: string,
  timeoutMs: number,
): Promise<void> {
  await client.graph(options.graphStoreUrl, 'DELETE', graph, timeoutMs).catch((error: unknown) => {
    // A graph that is not there (404) is dropped already.
    if (!(error instanceof StoreRefusal && error.status === 404)) throw error;
  });
}

/**
 * Replaces a graph with the N-Triples given: dropped, then added in chunks. A blank node's label
 * holds within one request only, so every triple that mentions a blank node goes in the last
 * chunk, together (the data and the ontology have few: lists and nested values).
 */
async function putGraph(
  client: SparqlClient,
  options: LoadStoreOptions,
  graph: string,
  text: string,
  timeoutMs: number,
  log: StartupLog,
): Promise<void> {
  await dropGraph(client, options, graph, timeoutMs);
  const size = options.chunkTriples ?? 100_000;
  const withBlanks: string[] = [];
  let chunk: string[] = [];
  let sent = 0;
  const send = async (lines: string[]): Promise<void> => {
    if (lines.length === 0) return;
    // N-Triples is Turtle; Virtuoso's Graph Store reads text/turtle.
    await client.graph(options.graphStoreUrl, 'POST', graph, timeoutMs, {
      text: `${lines.join('\n')}\n`,
      mediaType: 'text/turtle',
    });
    sent += lines.length;
    if (sent % (size * 5) < lines.length) log.info({ graph, sent }, 'triples sent');
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.startsWith('_:') || / _:\S+ \.$/.test(line)) withBlanks.push(line);
    else chunk.push(line);
    if (chunk.length >= size) {
      await send(chunk);
      chunk = [];
    }
  }
  await send(chunk);
  await send(withBlanks);
}
