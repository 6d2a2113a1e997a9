// `npm run load`: validates the data as the server does, loads it into a remote store as a new
// data version (its own graphs, through the Graph Store protocol), checks what the store holds,
// then switches readers to it with one update (data-version.ts) and drops versions beyond --keep.
// Readers see the old version until the switch, and the new one after it; a failed load leaves
// the store's current version as it was.
//
// The data goes to the store file by file while it is validated (in batches, in a worker): this
// process holds one file at a time, parsed by Oxigraph as the embedded store parses it, never the
// whole data, so what it can load is bounded by the store, not by its own memory.
import { Writer, type Quad } from 'n3';
import type { StartupLog } from '../dataset/cache-dir.js';
import { prepareDataset, type DefaultGraphLoader, type PreparedDataset } from '../dataset/open.js';
import { oxigraphLoadError, readDatasetFile } from '../dataset/read-turtle.js';
import type { ValidationOutcome } from '../dataset/validate.js';
import { MemoryStore } from '../oxigraph/memory-store.js';
import {
  forgetVersionUpdate,
  listVersions,
  recordVersionUpdate,
  storeGraphs,
  switchVersionUpdate,
  type DataVersion,
} from './data-version.js';
import { GraphUpload } from './graph-upload.js';
import { SparqlClient, type StoreCredentials } from './sparql-client.js';
import { parseResultsJson } from './sparql-json.js';
import { SparqlReads } from './sparql-reads.js';
import type { DataReads } from './store.js';

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
   * validated dataset and reads of the new version in the store (the CLI builds the front ends'
   * start-up files from them).
   */
  readonly beforeSwitch?: (prepared: PreparedDataset<LoadedVersion>, reads: DataReads) => Promise<void>;
}

export type LoadOutcome =
  | { readonly outcome: 'invalid'; readonly validation: ValidationOutcome }
  | { readonly outcome: 'loaded' | 'current' | 'switched'; readonly version: DataVersion; readonly dropped: string[] };

/** What the loader put in the store for one content (the dataset's `store`). */
export interface LoadedVersion {
  readonly graphs: ReturnType<ReturnType<typeof storeGraphs>['version']>;
  /** The store's versions when the load began. */
  readonly listed: Awaited<ReturnType<typeof listVersions>>;
  /** The version recorded for this content already, held whole: nothing was written. */
  readonly recorded?: DataVersion;
  /** Triples sent (each file's, once; the store holds a triple two files state once). */
  readonly sent: number;
}

/** Loads the data as a data version and makes it current; see the module comment. */
export async function loadIntoStore(options: LoadStoreOptions): Promise<LoadOutcome> {
  const { log, baseIri } = options;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const client = new SparqlClient(options.queryUrl, options.credentials);
  const upload = new GraphUpload(client, {
    graphStoreUrl: options.graphStoreUrl,
    chunkTriples: options.chunkTriples ?? 100_000,
    timeoutMs,
    log,
  });
  const loader: DefaultGraphLoader<LoadedVersion> = {
    load: async (files, _baseIri, loaded, contentHash) => {
      const graphs = storeGraphs(baseIri).version(contentHash);
      const listed = await listVersions(client, baseIri, timeoutMs);
      const recorded = listed.versions.find((v) => v.contentHash === contentHash);
      if (recorded && (await countTriples(client, recorded.graph, timeoutMs)) === recorded.triples) {
        // This content is in the store already, whole: a return to it is only a switch.
        log.info({ contentHash, triples: recorded.triples }, 'the store holds this data already');
        return { graphs, listed, recorded, sent: 0 };
      }
      // The version readers use is never written over: a front end may be serving it.
      if (recorded && listed.current?.graph === recorded.graph)
        throw new Error(
          `the store's current version <${recorded.graph}> does not hold this data whole (its triple count differs); it is left as it is. Load other data first, or drop the graph by hand (docs/deployment.md)`,
        );
      if (recorded) await client.update(options.updateUrl, forgetVersionUpdate(baseIri, recorded.graph), timeoutMs);
      log.info({ graph: graphs.data, files: files.length }, 'loading the data into the store');
      await upload.drop(graphs.data);
      let sent = 0;
      for (const file of files) {
        const bytes = await readDatasetFile(file);
        const one = new MemoryStore();
        let text: string;
        try {
          one.loadTurtle(bytes, baseIri);
          text = one.dumpNTriples();
        } catch (error) {
          throw oxigraphLoadError(error, file);
        } finally {
          one.free();
        }
        sent += await upload.append(graphs.data, text);
        loaded(bytes.length);
      }
      return { graphs, listed, sent };
    },
    // Data that does not conform, or changed while it was read, leaves no graph behind.
    discard: async (version) => {
      if (!version.recorded) await upload.drop(version.graphs.data);
    },
  };
  const { prepared, validation } = await prepareDataset({
    root: options.root,
    baseIri,
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    log,
    loader,
  });
  if (!prepared) return { outcome: 'invalid', validation };
  const { graphs, listed, recorded } = prepared.store;
  const { current, versions } = listed;

  let outcome: 'loaded' | 'current' | 'switched' = 'loaded';
  let version: DataVersion;
  if (recorded) {
    version = recorded;
    outcome = current?.graph === recorded.graph ? 'current' : 'switched';
  } else {
    const started = performance.now();
    await upload.put(graphs.ontology, nTriples(prepared.ontology));
    await upload.put(graphs.shapes, nTriples(prepared.shapes));
    const held = await countTriples(client, graphs.data, timeoutMs);
    // Each request's answer was checked; this catches a store that acknowledged and dropped.
    if (held > prepared.store.sent || (held === 0 && prepared.store.sent > 0))
      throw new Error(
        `the store holds ${held} triples in <${graphs.data}> after the load, of ${prepared.store.sent} sent; the current version is unchanged`,
      );
    if (held < prepared.store.sent)
      log.info(
        { sent: prepared.store.sent, held },
        'some triples are stated in more than one file: the store holds each once',
      );
    version = {
      graph: graphs.data,
      contentHash: prepared.contentHash,
      modified: prepared.modified,
      triples: held,
      loaded: new Date(),
    };
    await client.update(options.updateUrl, recordVersionUpdate(baseIri, version), timeoutMs);
    log.info({ seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, 'loaded');
  }
  if (options.beforeSwitch)
    await options.beforeSwitch(
      prepared,
      new SparqlReads({ queryUrl: options.queryUrl, timeoutMs, defaultGraph: version.graph }),
    );
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
    for (const graph of [names.data, names.ontology, names.shapes]) await upload.drop(graph);
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
