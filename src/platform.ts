// Builds the running platform from a configuration: dataset, site, SPARQL engine. Shared by the server and tests.
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from './config.js';
import type { StartupLog } from './dataset/cache-dir.js';
import { prepareDataset, type PreparedDataset } from './dataset/open.js';
import type { ValidationOutcome } from './dataset/validate.js';
import { MemoryStore } from './oxigraph/memory-store.js';
import { contextUrl, datasetIri, sitePrefixes } from './rdf/layout.js';
import { buildJsonLdContext, type JsonLdContext } from './render/jsonld-context.js';
import { LICENSE_IRI, Site, type SiteOptions } from './render/site.js';
import { cachedThingIndex } from './resolve/thing-index-cache.js';
import type { SparqlEngine } from './sparql/engine.js';
import { WorkerPoolEngine } from './sparql/worker-pool.js';
import { EmbeddedStore } from './store/embedded-store.js';
import type { Store } from './store/store.js';

export interface Platform {
  readonly site: Site;
  /** Every read of the data: the pages' (through the site) and /sparql's. */
  readonly store: Store;
  /** The query engine inside the store (the worker pool): tests look at its workers. */
  readonly engine: SparqlEngine;
  readonly viewsDir: string;
}

/** Starts the SPARQL workers on a prepared dataset: each loads the default graph's files itself. */
function startEngine(config: Config, prepared: PreparedDataset, context: JsonLdContext): WorkerPoolEngine {
  return WorkerPoolEngine.start(
    {
      files: prepared.defaultGraphFiles,
      baseIri: prepared.baseIri,
      context,
      contextUrl: contextUrl(prepared.baseIri),
      prefixes: sitePrefixes(prepared.baseIri),
      maxResultBytes: config.sparql.maxResultBytes,
      maxDepth: config.sparql.maxDepth,
      datasetIri: datasetIri(prepared.baseIri),
      licenseIri: LICENSE_IRI,
    },
    {
      timeoutMs: config.sparql.timeoutMs,
      maxResultBytes: config.sparql.maxResultBytes,
      concurrency: config.sparql.concurrency,
      queueLength: config.sparql.queueLength,
      queryMemoryBytes: config.sparql.queryMemoryBytes,
      maxDepth: config.sparql.maxDepth,
    },
  );
}

/** The site's cache bound, and where its dumps go: under CACHE_DIR, else the system's temporary folder. */
function siteOptions(config: Config): SiteOptions {
  return {
    cacheMaxBytes: config.cacheMaxBytes,
    fileDir: config.cacheDir ? path.join(config.cacheDir, 'dumps') : os.tmpdir(),
  };
}

/**
 * Opens the configured dataset and builds the platform. The main thread loads its copy first (while
 * the data is validated, if it must be); the SPARQL workers then load theirs while the thing index
 * is read and the site is built. Resolves
 * when documents can be served; `platform.store.ready` settles when SPARQL can be answered too
 * (queries sent before wait in the queue).
 */
export async function openPlatform(
  config: Config,
  viewsDir = path.join(PROJECT_ROOT, 'views'),
  log?: StartupLog,
): Promise<{ platform?: Platform; validation: ValidationOutcome & { cached: boolean } }> {
  // The main thread loads its copy first (prepareDataset): on two cores, loading it alongside the
  // workers' copies made the first page wait for all three. The workers then load while the index is read.
  const { prepared, validation } = await prepareDataset({
    root: config.root,
    baseIri: config.baseIri,
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
    ...(log ? { log } : {}),
  });
  if (!prepared) return { validation };
  // One JSON-LD context for the pages and the workers' graph results.
  const context = buildJsonLdContext(new MemoryStore(prepared.ontology), prepared.baseIri);
  const engine = startEngine(config, prepared, context);
  const store = new EmbeddedStore(prepared.store, engine);
  try {
    const index = await cachedThingIndex(store, prepared.baseIri, prepared.contentHash, prepared.cache, log);
    const site = new Site(
      {
        baseIri: prepared.baseIri,
        siteUrl: config.siteUrl,
        store,
        index,
        tripleCount: await store.tripleCount(),
        context,
        ontology: prepared.ontology,
        shapes: prepared.shapes,
        modified: prepared.modified,
        version: prepared.version,
      },
      viewsDir,
      {
        ...siteOptions(config),
        ...(prepared.cache ? { summaries: { cache: prepared.cache, contentHash: prepared.contentHash } } : {}),
      },
    );
    await site.prepare(log);
    return { platform: { site, store, engine, viewsDir }, validation };
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
}
