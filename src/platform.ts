// Builds the running platform from a configuration: dataset, site, SPARQL engine. Shared by the server and tests.
import path from 'node:path';
import { PROJECT_ROOT, type Config } from './config.js';
import type { PublishedDataset } from './dataset/open.js';
import { Site } from './render/site.js';
import type { SparqlEngine } from './sparql/engine.js';
import { WorkerPoolEngine } from './sparql/worker-pool.js';

export interface Platform {
  readonly site: Site;
  readonly engine: SparqlEngine;
  readonly viewsDir: string;
}

/** The site over a loaded dataset, and the SPARQL workers loaded with the same default graph. */
export async function buildPlatform(config: Config, dataset: PublishedDataset, viewsDir = path.join(PROJECT_ROOT, 'views')): Promise<Platform> {
  const site = new Site(dataset, viewsDir);
  const engine = await WorkerPoolEngine.start(
    {
      files: dataset.defaultGraphFiles,
      baseIri: dataset.baseIri,
      context: site.context,
      contextUrl: `${site.baseIri}context.jsonld`,
      prefixes: site.prefixes,
      maxResultBytes: config.sparql.maxResultBytes,
    },
    {
      timeoutMs: config.sparql.timeoutMs,
      maxResultBytes: config.sparql.maxResultBytes,
      concurrency: config.sparql.concurrency,
      queueLength: config.sparql.queueLength,
    },
  );
  return { site, engine, viewsDir };
}
