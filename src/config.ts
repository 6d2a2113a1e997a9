// The one typed, frozen configuration, built from defaults and the environment and checked at boot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PAGE_SIZE } from './rdf/document.js';

export interface Config {
  /** TCP port the server listens on. */
  readonly port: number;
  /** Host/interface the server binds to. */
  readonly host: string;
  /**
   * The public base of every identifier we publish (data, dumps, SPARQL results, documents, the
   * ontology namespace); always ends with `/`. Fixed by default: it never follows PORT or HOST.
   */
  readonly baseIri: string;
  /**
   * Where this server is reached: the base of every link a client follows (HTML hrefs, redirects,
   * Content-Location); always ends with `/`. BASE_IRI when that is set, else `http://localhost:PORT/`.
   */
  readonly siteUrl: string;
  /** The folder holding ontology/, data/ and shapes/. */
  readonly root: string;
  /** pino log level. */
  readonly logLevel: string;
  /** `json` lines, `pretty` lines for people, or `auto`: pretty when stdout is a terminal. */
  readonly logFormat: LogFormat;
  /** Folder for derived files (validation verdicts); undefined disables caching. */
  readonly cacheDir?: string;
  /** Bound of the in-memory cache of rendered representations, in bytes (0: keep none). */
  readonly cacheMaxBytes: number;
  /** Bound of the things looked up recently from the thing catalogue (remote store), in bytes (0: none). */
  readonly thingCacheMaxBytes: number;
  /** Statements per page of a thing's document (DOCUMENT_PAGE_SIZE): its own first, then its links. */
  readonly documentPageSize: number;
  /** Front-end processes sharing the port (WORKERS; node:cluster). 1: this process serves. */
  readonly workers: number;
  /** Where the data is: in this process (the default), or in a remote SPARQL store. */
  readonly store: StoreConfig;
  /** SPARQL endpoint limits. */
  readonly sparql: {
    readonly timeoutMs: number;
    readonly maxResultBytes: number;
    readonly maxQueryBytes: number;
    readonly concurrency: number;
    readonly queueLength: number;
    readonly queryMemoryBytes: number;
    readonly maxDepth: number;
  };
}

export type StoreConfig =
  | { readonly kind: 'embedded' }
  | {
      readonly kind: 'sparql';
      /** The store's SPARQL query URL (STORE_QUERY_URL). Never shown to clients. */
      readonly queryUrl: string;
      /** Its SPARQL update URL, for `load` (STORE_UPDATE_URL; Virtuoso's /sparql-auth by default). */
      readonly updateUrl: string;
      /** Its Graph Store protocol URL, for `load` (STORE_GRAPH_STORE_URL; Virtuoso's /sparql-graph-crud-auth). */
      readonly graphStoreUrl: string;
      /** Credentials for `load` (STORE_USER, STORE_PASSWORD), from the environment only. */
      readonly credentials?: { readonly user: string; readonly password: string };
      /** How long one of the platform's own reads may take (STORE_TIMEOUT_MS). */
      readonly readTimeoutMs: number;
      /**
       * How long one of them may take while a front end starts (STORE_STARTUP_TIMEOUT_MS): the
       * thing index and the site summaries are read whole, once, and grow with the data.
       */
      readonly startupTimeoutMs: number;
      /** The platform's own reads in flight at once, per front end (STORE_CONNECTIONS). */
      readonly connections: number;
      /**
       * The data version to serve (STORE_DATA_VERSION, its content hash): pins this front end to
       * it whatever the store's current one is. Unset: the store's current version, followed.
       */
      readonly dataVersion?: string;
      /**
       * How often a front end asks the store which version is current, and moves to a new one
       * (STORE_FOLLOW_MS; 0: never, the version it started with until a restart or SIGHUP).
       */
      readonly followMs: number;
    };

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

// src/config.ts runs from src/ under tsx and from dist/src/ when built: the project is above either.
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HERE, path.basename(path.dirname(HERE)) === 'dist' ? '../..' : '..');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
/** The base IRI when BASE_IRI is not set: fixed, so identifiers never follow the port. */
export const DEFAULT_BASE_IRI = 'http://localhost:8080/';

/** Builds the configuration from environment variables; throws ConfigError on a bad value. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const port = parsePort(env.PORT ?? '8080');
  // Identifiers do not depend on where the platform runs: without BASE_IRI they are under the fixed
  // default, whatever the port; the links of a server on another port go to that port (SITE_URL).
  const baseIri = parseBase('BASE_IRI', env.BASE_IRI ?? DEFAULT_BASE_IRI);
  const siteUrl = parseBase(
    'SITE_URL',
    env.SITE_URL || (env.BASE_IRI !== undefined ? baseIri : `http://localhost:${port}/`),
  );
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  }
  const logFormat = (env.LOG_FORMAT || 'auto') as LogFormat;
  if (!LOG_FORMATS.includes(logFormat)) {
    throw new ConfigError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}; got "${logFormat}"`);
  }
  return Object.freeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    baseIri,
    siteUrl,
    root: path.resolve(env.DATA_ROOT ?? PROJECT_ROOT),
    logLevel,
    logFormat,
    ...(env.CACHE_DIR === '' ? {} : { cacheDir: path.resolve(env.CACHE_DIR ?? path.join(PROJECT_ROOT, '.cache')) }),
    workers: parseInteger(env, 'WORKERS', 1, 1, 64),
    store: parseStore(env),
    // 64 MiB: see docs/performance.md, decision 17.
    cacheMaxBytes: parseInteger(env, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, 0, 2 ** 40),
    thingCacheMaxBytes: parseInteger(env, 'THING_CACHE_MAX_BYTES', 8 * 1024 * 1024, 0, 2 ** 40),
    documentPageSize: parseInteger(env, 'DOCUMENT_PAGE_SIZE', DEFAULT_PAGE_SIZE, 1, 100_000),
    sparql: Object.freeze({
      timeoutMs: parseInteger(env, 'SPARQL_TIMEOUT_MS', 10_000, 1, 3_600_000),
      maxResultBytes: parseInteger(env, 'SPARQL_MAX_RESULT_BYTES', 50 * 1024 * 1024, 1, 2 ** 31),
      maxQueryBytes: parseInteger(env, 'SPARQL_MAX_QUERY_BYTES', 32 * 1024, 1, 8 * 1024 * 1024),
      concurrency: parseInteger(env, 'SPARQL_CONCURRENCY', 2, 1, 64),
      // Long enough for a burst from a notebook or a dashboard: each waiting query holds at most
      // SPARQL_MAX_QUERY_BYTES, and waits only while it can still finish within the time limit.
      queueLength: parseInteger(env, 'SPARQL_QUEUE', 128, 0, 10_000),
      queryMemoryBytes: parseInteger(env, 'SPARQL_QUERY_MEMORY_BYTES', 1024 * 1024 * 1024, 16 * 1024 * 1024, 2 ** 32),
      // Oxigraph's stack overflows from about 700 nested groups; real queries nest fewer than 20.
      maxDepth: parseInteger(env, 'SPARQL_MAX_DEPTH', 200, 8, 500),
    }),
  });
}

/** STORE and the remote store's settings (docs/deployment.md). */
function parseStore(env: Readonly<Record<string, string | undefined>>): StoreConfig {
  const kind = env.STORE || 'embedded';
  if (kind === 'embedded') return Object.freeze({ kind });
  if (kind !== 'sparql') throw new ConfigError(`STORE must be embedded or sparql; got "${kind}"`);
  const queryUrl = env.STORE_QUERY_URL;
  if (!queryUrl)
    throw new ConfigError(
      "STORE=sparql needs STORE_QUERY_URL, the store's SPARQL query URL (e.g. http://127.0.0.1:8890/sparql)",
    );
  // The store's URLs are not echoed: one may hold a password, and the message goes to logs.
  const url = (name: string, value: string): string => {
    if (!URL.canParse(value)) throw new ConfigError(`${name} must be an absolute http(s) URL; it is not a URL`);
    const parsed = new URL(value);
    if (!/^https?:$/.test(parsed.protocol))
      throw new ConfigError(`${name} must be an absolute http(s) URL; it uses ${parsed.protocol}`);
    if (parsed.username || parsed.password)
      throw new ConfigError(
        `${name} must not hold a user name or password; give them in STORE_USER and STORE_PASSWORD`,
      );
    return value;
  };
  url('STORE_QUERY_URL', queryUrl);
  // Unless set: Virtuoso's own addresses beside a query URL ending /sparql, else the query URL
  // itself (a Fuseki dataset URL takes queries, updates and the Graph Store protocol).
  const virtuosoRoot = (suffix: string): string => queryUrl.replace(/\/sparql\/?$/, `/${suffix}`);
  const user = env.STORE_USER || undefined;
  const password = env.STORE_PASSWORD || undefined;
  if ((user === undefined) !== (password === undefined))
    throw new ConfigError('STORE_USER and STORE_PASSWORD are set together or not at all');
  return Object.freeze({
    kind,
    queryUrl,
    updateUrl: url('STORE_UPDATE_URL', env.STORE_UPDATE_URL || virtuosoRoot('sparql-auth')),
    graphStoreUrl: url('STORE_GRAPH_STORE_URL', env.STORE_GRAPH_STORE_URL || virtuosoRoot('sparql-graph-crud-auth')),
    ...(user !== undefined && password !== undefined ? { credentials: Object.freeze({ user, password }) } : {}),
    readTimeoutMs: parseInteger(env, 'STORE_TIMEOUT_MS', 30_000, 100, 3_600_000),
    startupTimeoutMs: parseInteger(env, 'STORE_STARTUP_TIMEOUT_MS', 600_000, 100, 3_600_000),
    connections: parseInteger(env, 'STORE_CONNECTIONS', 8, 1, 256),
    ...(env.STORE_DATA_VERSION ? { dataVersion: parseHash(env.STORE_DATA_VERSION) } : {}),
    followMs: parseInteger(env, 'STORE_FOLLOW_MS', 30_000, 0, 86_400_000),
  });
}

function parseHash(value: string): string {
  if (!/^[0-9a-f]{32}$/.test(value))
    throw new ConfigError(`STORE_DATA_VERSION must be a data version's content hash (32 hex digits); got "${value}"`);
  return value;
}

function parseInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535; got "${value}"`);
  }
  return port;
}

/** BASE_IRI or SITE_URL: an absolute http(s) IRI without query or fragment, given a final `/`. */
function parseBase(name: 'BASE_IRI' | 'SITE_URL', value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) ${name === 'SITE_URL' ? 'URL' : 'IRI'}; got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https; got "${value}"`);
  }
  if (url.search || url.hash) throw new ConfigError(`${name} must not have a query or fragment; got "${value}"`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
