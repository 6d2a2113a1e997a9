// Shared test helpers: the express app built on the real (or a modified) dataset, in-process.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { RequestLogSink } from '../../src/http/request-log.js';
import { openPlatform, type PlatformTestOptions } from '../../src/platform.js';
import { loadIntoStore } from '../../src/store/load-store.js';
import type { Site } from '../../src/render/site.js';
import type { SparqlEngine } from '../../src/sparql/engine.js';
import { ROOT, TEST_BASE } from './dataset.js';

export interface TestApp {
  readonly app: Express;
  readonly site: Site;
  readonly engine: SparqlEngine;
  readonly config: Config;
}

/** CACHE_DIR for test runs (verdicts, thing indexes, dumps), outside the project's own cache. */
const TEST_CACHE = path.join(os.tmpdir(), 'iom-lod-test-cache');

/** A configuration for tests: the test base IRI, silent logs, the given data root, extra variables. */
export function testConfig(root = ROOT, baseIri = TEST_BASE, env: Record<string, string> = {}): Config {
  return loadConfig({ BASE_IRI: baseIri, DATA_ROOT: root, LOG_LEVEL: 'silent', PORT: '0', ...env });
}

/** Whether this run serves every test app from a remote store (`npm run test:remote`). */
export const REMOTE_STORE_RUN = process.env.TEST_STORE === 'sparql';

/**
 * For a remote-store run: loads `root` into the run's Virtuoso as a data version (once per content:
 * a directory lock keeps two files from loading the same one at once) and returns the settings
 * that serve exactly that version (pinned: other files load other data under the same base).
 */
async function remoteStoreEnv(root: string, baseIri: string): Promise<Record<string, string>> {
  const queryUrl = process.env.TEST_STORE_QUERY_URL;
  const httpUrl = process.env.TEST_STORE_HTTP_URL;
  if (!queryUrl || !httpUrl)
    throw new Error("TEST_STORE=sparql without the run's store (test/support/remote-store-setup.ts)");
  const lock = path.join(os.tmpdir(), `iom-lod-remote-load-${new URL(queryUrl).port}.lock`);
  for (let waited = 0; ; waited += 100) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`another test file holds ${lock} for over 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    const outcome = await loadIntoStore({
      root,
      baseIri,
      cacheDir: TEST_CACHE,
      queryUrl,
      updateUrl: `${httpUrl}sparql-auth`,
      graphStoreUrl: `${httpUrl}sparql-graph-crud-auth`,
      credentials: { user: 'dba', password: 'dba' },
      keep: 1000, // versions of other files' data stay: each app is pinned to its own
      log: { info: () => undefined, warn: () => undefined },
    });
    if (outcome.outcome === 'invalid')
      throw new Error(`test data does not conform: ${outcome.validation.issues.map((i) => i.message).join('; ')}`);
    return { STORE: 'sparql', STORE_QUERY_URL: queryUrl, STORE_DATA_VERSION: outcome.version.contentHash };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function buildTestApp(
  root: string,
  baseIri: string,
  env: Record<string, string>,
  requestLogSink?: RequestLogSink,
  testOptions: PlatformTestOptions = {},
): Promise<TestApp> {
  // A remote-store run serves every app from the run's store, unless the file sets its own STORE.
  const remote = REMOTE_STORE_RUN && env.STORE === undefined ? await remoteStoreEnv(root, baseIri) : {};
  const config = testConfig(root, baseIri, { CACHE_DIR: TEST_CACHE, ...remote, ...env });
  // The server's own start-up (openPlatform), in its order; the tests expect SPARQL answered at once.
  const { platform, validation } = await openPlatform(config, path.join(ROOT, 'views'), undefined, testOptions);
  if (!platform) throw new Error(`test data does not conform: ${validation.issues.map((i) => i.message).join('; ')}`);
  await platform.engine.ready;
  const logger = pino({ level: requestLogSink ? 'info' : 'silent' }, { write: () => undefined });
  const app = createApp(config, { ...platform, logger, ...(requestLogSink ? { requestLogSink } : {}) });
  return { app, site: platform.site, engine: platform.engine, config };
}

const apps = new Map<string, Promise<TestApp>>();

/** The app over the real data under a base IRI (built once per test file and base). */
export function realApp(baseIri = TEST_BASE): Promise<TestApp> {
  let entry = apps.get(baseIri);
  if (!entry) {
    entry = buildTestApp(ROOT, baseIri, {});
    apps.set(baseIri, entry);
  }
  return entry;
}

/** The app over the real data with extra configuration (e.g. SPARQL limits); not shared. */
export function realAppWith(env: Record<string, string>, baseIri = TEST_BASE): Promise<TestApp> {
  return buildTestApp(ROOT, baseIri, env);
}

/**
 * The app over the real data on the embedded store (in a remote-store run too), its reads worker
 * given a time bound or a fault (PlatformTestOptions); one SPARQL worker; not shared.
 */
export function realAppWithReadsWorker(testOptions: PlatformTestOptions): Promise<TestApp> {
  return buildTestApp(ROOT, TEST_BASE, { STORE: 'embedded', ...ONE_WORKER }, undefined, testOptions);
}

/**
 * One SPARQL worker instead of two, for the apps whose tests send their queries one at a time and
 * never look at the workers: each worker loads its own copy of the data, so a second one only costs
 * start-up time (about half a second on two cores) and memory. Tests of the pool itself, of limits and of
 * concurrency build their app with realApp or realAppWith and get the configured two (or their own).
 */
const ONE_WORKER = { SPARQL_CONCURRENCY: '1' };

/** The app over the real data with the request log on, writing its lines to `sink` (one SPARQL worker). */
export function realAppLogging(sink: RequestLogSink): Promise<TestApp> {
  return buildTestApp(ROOT, TEST_BASE, ONE_WORKER, sink);
}

/**
 * The app over a copy of the real data plus extra Turtle files (name -> content), for
 * cases the real data does not have (a replaced or withdrawn thing, hostile literals); one SPARQL worker;
 * `env` adds configuration (e.g. SITE_URL).
 */
export async function appWithExtraData(
  files: Record<string, string>,
  baseIri = TEST_BASE,
  env: Record<string, string> = {},
): Promise<TestApp & { root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lod-app-'));
  for (const part of ['ontology', 'data', 'shapes'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(root, 'data', name), content);
  return { ...(await buildTestApp(root, baseIri, { ...ONE_WORKER, ...env })), root };
}
