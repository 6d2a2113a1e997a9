// Command-line entry points; the only module that reads argv.
import cluster from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PARTS, PARTS, parseStores, type Part, type StoreKind } from './bench/parts.js';
import { ConfigError, loadConfig } from './config.js';
import { DatasetError } from './dataset/errors.js';
import { HttpError } from './errors.js';
import { StoreRefusal } from './store/sparql-client.js';
import { loadDataset } from './dataset/load.js';
import { formatReportText, formatReportTurtle } from './dataset/report.js';
import { startProgress } from './dataset/progress.js';
import { describeValidationProgress, validateInWorker } from './dataset/validate-in-worker.js';
import { buildThingIndex } from './resolve/thing-index.js';
import { recordPublishedIris } from './resolve/published-iris.js';
import { MemoryStore } from './oxigraph/memory-store.js';
import { isReplica, superviseReplicas } from './replicas.js';
import { InvalidDataError, ListenError, checkPortFree, createLogger, startServer, stopOnSignals } from './server.js';

// bench and generate are imported in their commands only (the bench needs autocannon, a
// devDependency): `serve` and `validate` never load them.

const USAGE = `Usage: cli <command> [options]

Commands:
  serve
      Load and validate the data, then serve it on PORT (see the README for the environment).
      Refuses to start, printing the validation report, when the data does not conform.
  validate [--format text|turtle] [--root DIR]
      Load ontology/, data/ and shapes/ and SHACL-validate the data.
      Exits 0 when the data conforms, 1 on any violation, 2 on a usage or file error.

  load [--keep N] [--root DIR] [--no-prepare-front-ends]
      Validate the data as serve does, then load it into the remote store (STORE=sparql) as a new
      data version and switch readers to it at once; keep the newest N versions (default 2).
      Before the switch, build the front ends' thing index and site summaries into CACHE_DIR, so
      front ends sharing it (same BASE_IRI and SITE_URL) start on the new version at once.
      Exits 0 when loaded (or already current), 1 when the data does not conform, 2 on a usage,
      file or store error. See docs/deployment.md.

  record-iris [--root DIR]
      Add the IRI of every thing in data/ to data/published-iris.txt (the list never shrinks).

  generate --triples N --out DIR [--seed S]
      Write synthetic data in the shape of the ontology (plus the real data, ontology and shapes)
      to DIR, for benchmarks: serve it with DATA_ROOT=DIR.

  bench [--sizes 100000,1000000] [--duration S] [--runs N]
        [--parts deref,sparql,startup,isolation,overload,crawl,scale,engines]
        [--scale-sizes 1000000,3000000,10000000] [--seed S] [--work DIR]
        [--store embedded|sparql|embedded,sparql]
      Start the platform on generated data and print one table of figures beside their baselines.
      --store sparql starts Virtuoso, loads it with load and measures front ends with STORE=sparql
      (load, startup, deref and sparql parts); embedded,sparql prints both side by side.

Environment: PORT (default 8080), HOST (default 0.0.0.0), BASE_IRI (the public base of every
identifier; default http://localhost:8080/, whatever PORT is), SITE_URL (where this server is reached,
the base of its links; default BASE_IRI when set, else http://localhost:PORT/), DATA_ROOT (default:
the project folder), LOG_LEVEL (default info), LOG_FORMAT (auto, json or pretty), CACHE_DIR (default
.cache; empty disables it); STORE (embedded or sparql), STORE_QUERY_URL, STORE_UPDATE_URL,
STORE_GRAPH_STORE_URL, STORE_USER, STORE_PASSWORD, STORE_TIMEOUT_MS (docs/deployment.md).`;

/** Runs a command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest);
    case 'serve':
      return runServe(rest);
    case 'load':
      return runLoad(rest);
    case 'record-iris':
      return runRecordIris(rest);
    case 'generate':
      return runGenerate(rest);
    case 'bench':
      return runBenchCommand(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`error: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

async function runValidate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' }, root: { type: 'string' } },
    strict: true,
  });
  if (values.format !== 'text' && values.format !== 'turtle') {
    throw new UsageError(`--format must be "text" or "turtle"; got "${values.format}"`);
  }
  const config = loadConfig(values.root ? { ...process.env, DATA_ROOT: values.root } : process.env);
  // Progress for a person waiting at a terminal; never mixed into output a program reads.
  const progress = process.stderr.isTTY ? startProgress((message) => process.stderr.write(`${message}\n`)) : undefined;
  const outcome = await validateInWorker({ root: config.root, baseIri: config.baseIri }, undefined, (p) =>
    progress?.update(() => ({ message: describeValidationProgress(p), fields: {} })),
  ).finally(() => progress?.stop());
  const output =
    values.format === 'turtle' ? await formatReportTurtle(outcome.report) : formatReportText(outcome, config.baseIri);
  process.stdout.write(output);
  return outcome.conforms ? 0 : 1;
}

async function runLoad(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      keep: { type: 'string', default: '2' },
      root: { type: 'string' },
      'prepare-front-ends': { type: 'boolean', default: true },
    },
    strict: true,
    allowNegative: true,
  });
  const keep = Number(values.keep);
  if (!/^\d+$/.test(values.keep) || keep < 1 || keep > 100)
    throw new UsageError('--keep must be a whole number from 1 to 100');
  const config = loadConfig(values.root ? { ...process.env, DATA_ROOT: values.root } : process.env);
  if (config.store.kind !== 'sparql')
    throw new UsageError('load writes to a remote store: set STORE=sparql and STORE_QUERY_URL (docs/deployment.md)');
  // Progress goes to stderr: stdout has the one line that says what was loaded.
  const log = createLogger(config, { fd: 2, isTTY: process.stderr.isTTY === true });
  const { loadIntoStore } = await import('./store/load-store.js');
  const { prepareFrontEnds } = await import('./platform.js');
  let prepared = false;
  const result = await loadIntoStore({
    root: config.root,
    baseIri: config.baseIri,
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
    queryUrl: config.store.queryUrl,
    updateUrl: config.store.updateUrl,
    graphStoreUrl: config.store.graphStoreUrl,
    ...(config.store.credentials ? { credentials: config.store.credentials } : {}),
    keep,
    log: log.logger,
    // The front ends' thing index and summaries, built here once rather than by each front end.
    beforeSwitch: async (dataset, reads) => {
      if (values['prepare-front-ends'] === false) return;
      const started = performance.now();
      try {
        prepared = await prepareFrontEnds(config, dataset, reads, log.logger);
      } catch (error) {
        // Not fatal: each front end builds them from the store, as without a CACHE_DIR.
        log.logger.warn({ err: (error as Error).message }, 'the front ends could not be prepared; each builds its own');
      }
      if (prepared)
        log.logger.info(
          { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), cacheDir: config.cacheDir },
          'front ends prepared: the thing catalogue and summaries are in CACHE_DIR',
        );
    },
  });
  if (result.outcome === 'invalid') {
    process.stderr.write(
      `${formatReportText(result.validation, config.baseIri)}\nerror: the data does not conform; nothing was loaded\n`,
    );
    return 1;
  }
  const what = {
    loaded: 'loaded and made current',
    current: 'already current',
    switched: 'already loaded; made current',
  };
  process.stdout.write(
    `${result.version.graph}: ${result.version.triples} triples, ${what[result.outcome]}` +
      (result.dropped.length > 0 ? `; dropped ${result.dropped.join(', ')}` : '') +
      (prepared ? `; front ends prepared in ${config.cacheDir}` : '') +
      '\n',
  );
  return 0;
}

async function runRecordIris(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { root: { type: 'string' } }, strict: true });
  const config = loadConfig(values.root ? { ...process.env, DATA_ROOT: values.root } : process.env);
  const dataset = await loadDataset({ root: config.root, baseIri: config.baseIri });
  const index = await buildThingIndex(MemoryStore.fromDataset(dataset), config.baseIri);
  const relative = [...index.things.keys()].map((iri) => iri.slice(config.baseIri.length));
  const added = await recordPublishedIris(config.root, relative);
  process.stdout.write(
    `${added.length} new IRI${added.length === 1 ? '' : 's'} recorded${added.length ? `:\n${added.join('\n')}` : '.'}\n`,
  );
  return 0;
}

async function runGenerate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { triples: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } },
    strict: true,
  });
  const triples = Number(values.triples);
  if (!values.triples || !Number.isInteger(triples) || triples < 1 || triples > 100_000_000) {
    throw new UsageError('--triples must be a whole number from 1 to 100000000');
  }
  if (!values.out) throw new UsageError('--out DIR is required');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const started = performance.now();
  const { generateData } = await import('./generate/generate-data.js');
  const result = await generateData({ triples, out: path.resolve(values.out), seed, root: loadConfig().root });
  process.stdout.write(
    `wrote ${result.units} units (~${result.triples} triples) in ${result.files} file(s) to ${values.out} in ${Math.round(performance.now() - started)} ms\n`,
  );
  return 0;
}

async function runBenchCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      duration: { type: 'string', default: '10' },
      runs: { type: 'string', default: '20' },
      parts: { type: 'string', default: DEFAULT_PARTS.join(',') },
      'scale-sizes': { type: 'string', default: '1000000,3000000,10000000' },
      seed: { type: 'string', default: '1' },
      work: { type: 'string', default: path.join(os.tmpdir(), 'iom-lod-bench') },
      store: { type: 'string', default: 'embedded' },
    },
    strict: true,
  });
  const numbers = (name: string, text: string): number[] => {
    const list = text.split(',').map((s) => Number(s.trim()));
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1))
      throw new UsageError(`--${name} must be whole numbers separated by commas; got "${text}"`);
    return list;
  };
  const parts = values.parts.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new UsageError(`unknown --parts ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  let stores: StoreKind[];
  try {
    stores = parseStores(values.store);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [duration] = numbers('duration', values.duration);
  const [runs] = numbers('runs', values.runs);
  const [seed] = numbers('seed', values.seed);
  const { runBench } = await import('./bench/bench.js');
  const table = await runBench(
    {
      sizes: numbers('sizes', values.sizes),
      duration: duration ?? 10,
      runs: runs ?? 20,
      parts: new Set(parts as Part[]),
      stores,
      scaleSizes: numbers('scale-sizes', values['scale-sizes']),
      seed: seed ?? 1,
      workDir: path.resolve(values.work),
    },
    (line) => process.stderr.write(`bench: ${line}\n`),
  );
  process.stdout.write(table);
  return 0;
}

async function runServe(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const config = loadConfig();
  const log = createLogger(config);
  if (config.workers > 1 && !isReplica()) {
    await checkPortFree(config.host, config.port);
    return superviseReplicas(config.workers, log.logger);
  }
  try {
    stopOnSignals(await startServer(config, log.logger, log.destination), log.logger);
    return 0;
  } catch (error) {
    if (error instanceof InvalidDataError) {
      process.stderr.write(`${error.report}\nerror: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

/** One readable line for the errors a user can cause; a stack trace only for our own bugs. */
function describeError(error: unknown): string {
  if (error instanceof DatasetError) return `error: ${error.toString()}`;
  if (error instanceof ConfigError || error instanceof UsageError) return `error: ${error.message}`;
  if (error instanceof ListenError) return `error: ${error.message}`;
  if (error instanceof HttpError || error instanceof StoreRefusal) return `error: ${error.message}`;
  // node:util parseArgs marks its errors with an ERR_PARSE_ARGS_* code
  if (error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
    return `error: ${error.message}`;
  }
  return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    if (code !== 0) leaveSupervisor();
  },
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = 2;
    leaveSupervisor();
  },
);

/** A replica that could not start ends, so its supervisor sees the exit (its channel would keep it alive). */
function leaveSupervisor(): void {
  if (isReplica()) cluster.worker?.disconnect();
}
