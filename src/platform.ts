// Builds the running platform from a configuration: dataset, site, SPARQL engine. Shared by the server and tests.
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from './config.js';
import type { Quad } from 'n3';
import { CacheDir, type StartupLog } from './dataset/cache-dir.js';
import { datasetVersion, prepareDataset, type PreparedDataset } from './dataset/open.js';
import type { ValidationOutcome } from './dataset/validate.js';
import { MemoryStore } from './oxigraph/memory-store.js';
import { canonicalGraph } from './rdf/canonical.js';
import { canonicalOrder } from './rdf/document.js';
import { contextUrl, datasetIri, sitePrefixes } from './rdf/layout.js';
import { buildJsonLdContext, type JsonLdContext } from './render/jsonld-context.js';
import { LICENSE_IRI, Site, type SiteOptions } from './render/site.js';
import { cachedThingIndex } from './resolve/thing-index-cache.js';
import { cachedCatalogue } from './resolve/thing-catalogue-cache.js';
import { IndexedThings, type Things } from './resolve/things.js';
import type { QueryLimits, SparqlEngine } from './sparql/engine.js';
import type { WorkerInit } from './sparql/query-worker.js';
import { WorkerPoolEngine } from './sparql/worker-pool.js';
import type { WorkerCommon } from './sparql/worker-protocol.js';
import { readGraph, servedVersion, storeGraphs } from './store/data-version.js';
import { EmbeddedStore } from './store/embedded-store.js';
import { WorkerReads, type WorkerReadsOptions } from './store/worker-reads.js';
import { RemoteStore } from './store/remote-store.js';
import { SparqlClient } from './store/sparql-client.js';
import type { DataReads, Store } from './store/store.js';

export interface Platform {
  readonly site: Site;
  /** Every read of the data: the pages' (through the site) and /sparql's. */
  readonly store: Store;
  /** The query engine inside the store (the worker pool, embedded or forwarding): tests look at its workers. */
  readonly engine: SparqlEngine;
  readonly viewsDir: string;
}

/** What every query worker is started with, embedded or remote. */
function workerCommon(config: Config, baseIri: string, context: JsonLdContext): WorkerCommon {
  return {
    baseIri,
    context,
    contextUrl: contextUrl(baseIri),
    prefixes: sitePrefixes(baseIri),
    maxResultBytes: config.sparql.maxResultBytes,
    maxDepth: config.sparql.maxDepth,
    datasetIri: datasetIri(baseIri),
    licenseIri: LICENSE_IRI,
  };
}

function engineLimits(config: Config): QueryLimits {
  return {
    timeoutMs: config.sparql.timeoutMs,
    maxResultBytes: config.sparql.maxResultBytes,
    concurrency: config.sparql.concurrency,
    queueLength: config.sparql.queueLength,
    queryMemoryBytes: config.sparql.queryMemoryBytes,
    maxDepth: config.sparql.maxDepth,
  };
}

/** Starts the SPARQL workers on a prepared dataset: each loads the default graph's files itself. */
function startEngine(config: Config, prepared: PreparedDataset<unknown>, context: JsonLdContext): WorkerPoolEngine {
  const init: WorkerInit = { ...workerCommon(config, prepared.baseIri, context), files: prepared.defaultGraphFiles };
  return WorkerPoolEngine.start(init, engineLimits(config));
}

/** The site's cache bound, and where its dumps go: under CACHE_DIR, else the system's temporary folder. */
function siteOptions(config: Config): SiteOptions {
  return {
    cacheMaxBytes: config.cacheMaxBytes,
    fileDir: config.cacheDir ? path.join(config.cacheDir, 'dumps') : os.tmpdir(),
  };
}

/** What the site is built from, whichever store holds the data. */
interface Opened {
  readonly store: Store;
  /** The worker pool inside the store (Oxigraph's workers, or the remote store's forwarders). */
  readonly engine: SparqlEngine;
  readonly baseIri: string;
  readonly contentHash: string;
  readonly modified: Date;
  readonly version: string;
  readonly tripleCount: number;
  readonly ontology: Quad[];
  readonly shapes: Quad[];
  readonly context: JsonLdContext;
  readonly cache?: CacheDir;
}

/** For tests: the reads worker's time bound, and a fault its first worker has. */
export interface PlatformTestOptions {
  readonly readsWorker?: Pick<WorkerReadsOptions, 'readTimeoutMs' | 'fault'>;
}

/**
 * Opens the configured dataset and builds the platform: on the embedded store (the data files,
 * validated, loaded in the reads worker and in the query workers; the main thread holds no copy)
 * or on a remote SPARQL store (its current data version, loaded and validated by `npm run load`;
 * this process holds no copy). Resolves when documents can be served; `platform.store.ready`
 * settles when SPARQL can be answered too (queries sent before wait in the queue).
 */
export async function openPlatform(
  config: Config,
  viewsDir = path.join(PROJECT_ROOT, 'views'),
  log?: StartupLog,
  testOptions: PlatformTestOptions = {},
): Promise<{ platform?: Platform; validation: ValidationOutcome & { cached: boolean } }> {
  let opened: Opened;
  let validation: ValidationOutcome & { cached: boolean };
  if (config.store.kind === 'sparql') {
    opened = await openRemote(config, config.store, log);
    // The loader validated this version before it could become current.
    validation = { conforms: true, issues: [], report: [], cached: true };
  } else {
    const embedded = await openEmbedded(config, log, testOptions);
    if (!embedded.opened) return { validation: embedded.validation };
    ({ opened, validation } = embedded as { opened: Opened; validation: typeof validation });
  }
  const { store } = opened;
  try {
    const site = await buildSite(config, opened, store, viewsDir, log);
    // A remote store's reads were bounded by STORE_STARTUP_TIMEOUT_MS while the site was built.
    store.endStartup();
    return { platform: { site, store, engine: opened.engine, viewsDir }, validation };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** The site over opened data: its thing index and summaries read from CACHE_DIR or built, then kept there. */
async function buildSite(
  config: Config,
  opened: Omit<Opened, 'store' | 'engine'>,
  store: DataReads,
  viewsDir: string,
  log?: StartupLog,
): Promise<Site> {
  const things = await openThings(config, opened, store, log);
  const site = new Site(
    {
      baseIri: opened.baseIri,
      siteUrl: config.siteUrl,
      store,
      things,
      tripleCount: opened.tripleCount,
      context: opened.context,
      ontology: opened.ontology,
      shapes: opened.shapes,
      modified: opened.modified,
      version: opened.version,
      documentPageSize: config.documentPageSize,
    },
    viewsDir,
    {
      ...siteOptions(config),
      ...(opened.cache ? { summaries: { cache: opened.cache, contentHash: opened.contentHash } } : {}),
    },
  );
  try {
    await site.prepare(log);
  } catch (error) {
    await things.close().catch(() => undefined);
    throw error;
  }
  return site;
}

/**
 * The things of the data: on the embedded store, the thing index in memory (a lookup is a map's;
 * CACHE_DIR keeps it as JSON); on a remote store with a CACHE_DIR, the catalogue on disk, so the
 * front end holds none of it (resolve/thing-catalogue.ts).
 */
async function openThings(
  config: Config,
  opened: Omit<Opened, 'store' | 'engine'>,
  store: DataReads,
  log?: StartupLog,
): Promise<Things> {
  if (config.store.kind === 'sparql' && opened.cache)
    return cachedCatalogue(store, opened.baseIri, opened.contentHash, opened.cache, log, {
      recentMaxBytes: config.thingCacheMaxBytes,
    });
  return new IndexedThings(await cachedThingIndex(store, opened.baseIri, opened.contentHash, opened.cache, log));
}

/** Closes a platform: its store (and workers), and the things it holds open. */
export async function closePlatform(platform: Platform): Promise<void> {
  await Promise.all([platform.store.close(), platform.site.things.close()]);
}

/**
 * For `npm run load`: what a front end builds before it serves (the thing index and the site-wide
 * summaries), built from `reads` of the version it loads (the store's own answers, before readers
 * are switched to it) and kept in CACHE_DIR. Front ends that share that CACHE_DIR, under the same
 * BASE_IRI and SITE_URL, then start on a new version as on unchanged data (remote-store.test.ts).
 * Returns false when there is no CACHE_DIR to keep them in.
 */
export async function prepareFrontEnds(
  config: Config,
  prepared: PreparedDataset<unknown>,
  reads: DataReads,
  log?: StartupLog,
): Promise<boolean> {
  if (!prepared.cache) return false;
  const opened = await openedFrom(prepared, reads);
  const site = await buildSite(config, opened, reads, path.join(PROJECT_ROOT, 'views'), log);
  await site.things.close();
  return true;
}

/** What the site is built from, for a prepared (validated, loaded) dataset, read through `reads`. */
async function openedFrom(
  prepared: PreparedDataset<unknown>,
  reads: DataReads,
): Promise<Omit<Opened, 'store' | 'engine'>> {
  return {
    baseIri: prepared.baseIri,
    contentHash: prepared.contentHash,
    modified: prepared.modified,
    version: prepared.version,
    tripleCount: await reads.tripleCount(),
    // In canonical order (it has no blank nodes): what is built from it (the diagram, the
    // ontology page) then reads the same whichever store the ontology came from.
    ontology: canonicalOrder(prepared.ontology),
    // Canonicalised (RDFC-1.0): the shapes have blank nodes, labelled differently by each parser.
    shapes: await canonicalGraph(prepared.shapes),
    context: buildJsonLdContext(new MemoryStore(prepared.ontology), prepared.baseIri),
    ...(prepared.cache ? { cache: prepared.cache } : {}),
  };
}

/**
 * The embedded store. The main thread holds no copy of the data: the reads worker loads one
 * (prepareDataset, beside validation on a cold start) and answers the platform's reads; the query
 * workers then load theirs while the index is read (on two cores, loading all copies at once made
 * the first page wait for all of them).
 */
async function openEmbedded(
  config: Config,
  log?: StartupLog,
  testOptions: PlatformTestOptions = {},
): Promise<{ opened?: Opened; validation: ValidationOutcome & { cached: boolean } }> {
  const { prepared, validation } = await prepareDataset({
    root: config.root,
    baseIri: config.baseIri,
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
    ...(log ? { log } : {}),
    loader: {
      load: async (files, baseIri, loaded) => {
        const reads = new WorkerReads({
          files,
          baseIri,
          onFileLoaded: loaded,
          ...(log ? { log } : {}),
          ...testOptions.readsWorker,
        });
        try {
          await reads.loaded;
        } catch (error) {
          await reads.close();
          throw error;
        }
        return reads;
      },
      discard: (reads) => reads.close(),
    },
  });
  if (!prepared) return { validation };
  const reads = prepared.store;
  try {
    const described = await openedFrom(prepared, reads);
    // One JSON-LD context for the pages and the workers' graph results.
    const engine = startEngine(config, prepared, described.context);
    const store = new EmbeddedStore(reads, engine);
    return {
      opened: { ...described, store, engine },
      validation,
    };
  } catch (error) {
    await reads.close();
    throw error;
  }
}

/** A remote store: its current data version, with the small graphs (ontology, shapes) read whole. */
async function openRemote(
  config: Config,
  settings: Extract<Config['store'], { kind: 'sparql' }>,
  log?: StartupLog,
): Promise<Opened> {
  const { baseIri } = config;
  const client = new SparqlClient(settings.queryUrl);
  const current = await servedVersion(client, baseIri, settings.readTimeoutMs, settings.dataVersion);
  const graphs = storeGraphs(baseIri);
  const names = graphs.version(current.contentHash);
  const [ontology, shapes] = await Promise.all([
    readGraph(client, names.ontology, settings.readTimeoutMs),
    readGraph(client, names.shapes, settings.readTimeoutMs),
  ]);
  const context = buildJsonLdContext(new MemoryStore(ontology), baseIri);
  log?.info({ graph: current.graph, triples: current.triples }, 'serving a data version of the remote store');
  const store = new RemoteStore({
    queryUrl: settings.queryUrl,
    dataGraph: current.graph,
    emptyGraph: graphs.empty,
    readTimeoutMs: settings.readTimeoutMs,
    startupTimeoutMs: Math.max(settings.startupTimeoutMs, settings.readTimeoutMs),
    maxConnections: settings.connections,
    limits: engineLimits(config),
    worker: workerCommon(config, baseIri, context),
  });
  const cache = await CacheDir.open(config.cacheDir, log ?? SILENT);
  return {
    store,
    engine: store.engine,
    baseIri,
    contentHash: current.contentHash,
    modified: current.modified,
    version: datasetVersion(baseIri, current.contentHash),
    tripleCount: current.triples,
    ontology: canonicalOrder(ontology),
    shapes: await canonicalGraph(shapes),
    context,
    ...(cache ? { cache } : {}),
  };
}

const SILENT: StartupLog = { info: () => undefined, warn: () => undefined };
