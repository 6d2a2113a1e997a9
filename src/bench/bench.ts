// `npm run bench`: starts the platform on generated data and measures it beside its baselines, in one run.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { scanDataset } from '../dataset/open.js';
import { TRIPLES_PER_UNIT, generateData } from '../generate/generate-data.js';
import { benchCrawl } from './crawl.js';
import { benchDeref, crawlDistinct, crawlOrder } from './deref.js';
import { benchIsolation } from './isolation.js';
import { load } from './load.js';
import type { Part, StoreKind } from './parts.js';
import { currentRss, startPlatform, type Started } from './processes.js';
import { ONE_FRONT_END, benchRemoteStore, cpuDuring, crawlRow, frontEndRss } from './remote.js';
import { formatSideBySide, formatTable, type BenchRow } from './report.js';
import { benchStartup, embeddedStartupTargets } from './startup.js';

export interface BenchOptions {
  /** Generated dataset sizes, in triples. */
  readonly sizes: readonly number[];
  /** Seconds per load-generator run. */
  readonly duration: number;
  /** Repetitions per SPARQL query and per start-up. */
  readonly runs: number;
  readonly parts: ReadonlySet<Part>;
  /** The stores measured (`--store`), embedded first; ['embedded'] by default. */
  readonly stores: readonly StoreKind[];
  /** Sizes tried, in order, by the scale part. */
  readonly scaleSizes: readonly number[];
  readonly seed: number;
  /** Where generated datasets are kept between runs. */
  readonly workDir: string;
}

/** Runs the selected parts and returns the printed table. */
export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<string> {
  const rows: BenchRow[] = [];
  // A part that fails is a row saying so ("not measured" with the reason), and the run goes on.
  const attempt = async (part: string, size: number, measure: () => Promise<BenchRow[]>): Promise<void> => {
    try {
      rows.push(...(await measure()));
    } catch (error) {
      log(`${part} at ${size} failed: ${(error as Error).message}`);
      rows.push({
        part,
        name: 'failed',
        size,
        unit: '',
        note: `not measured: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 160)}`,
      });
    }
  };
  // Rows name their store once the run measures the sparql store too.
  const tagged = options.stores.some((store) => store !== 'embedded');
  for (const size of options.sizes) {
    const dataRoot = await generatedDataset(size, options, log);
    const from = rows.length;
    if (options.stores.includes('embedded')) await benchEmbedded(size, dataRoot, options, attempt, log);
    if (tagged) tagStore(rows, from, 'embedded');
    if (options.stores.includes('sparql')) {
      const remoteFrom = rows.length;
      await benchRemoteStore(size, dataRoot, options, attempt, log);
      tagStore(rows, remoteFrom, 'sparql');
      besideEmbedded(rows, size);
    }
  }
  // Served from memory: the embedded store's part only.
  if (options.parts.has('scale') && options.stores.includes('embedded'))
    await attempt('scale', 0, () => benchScale(options, log));
  const table = formatTable(rows, header(options));
  const both = options.stores.length > 1 ? formatSideBySide(rows) : '';
  return both
    ? `${table}\nBoth stores side by side (the first figure of each measure; ratio sparql / embedded):\n\n${both}`
    : table;
}

/** Rows from `from` on name `store`. */
function tagStore(rows: BenchRow[], from: number, store: StoreKind): void {
  for (let i = from; i < rows.length; i++) rows[i] = { ...rows[i]!, store };
}

/**
 * The sparql store's crawl of distinct documents on one front end, set beside the embedded
 * store's at the same size (issue 13: at least half of it at 1 M).
 */
function besideEmbedded(rows: BenchRow[], size: number): void {
  const embedded = rows.find((r) => r.store === 'embedded' && r.size === size && r.name === ONE_FRONT_END);
  const i = rows.findIndex((r) => r.store === 'sparql' && r.size === size && r.name === ONE_FRONT_END);
  if (!embedded || embedded.value === undefined || i < 0) return;
  const remote = rows[i]!;
  rows[i] = {
    ...remote,
    baselineName: 'embedded store, same documents',
    baseline: embedded.value,
    ...(size >= 1_000_000 ? { target: 'ratio >= 0.5 at 1 M' } : {}),
    ...(size >= 1_000_000 && remote.value !== undefined ? { holds: remote.value >= 0.5 * embedded.value } : {}),
  };
}

type Attempt = (part: string, size: number, measure: () => Promise<BenchRow[]>) => Promise<void>;

/** The selected parts at one size on the embedded store: the platform holds the data. */
async function benchEmbedded(
  size: number,
  dataRoot: string,
  options: BenchOptions,
  attempt: Attempt,
  log: (line: string) => void,
): Promise<void> {
  const cacheDir = path.join(options.workDir, `cache-${size}`);
  // Compared with the sparql store: the same crawl of distinct documents and the memory afterwards.
  const compared = options.stores.includes('sparql');
  if (options.parts.has('engines')) {
    await attempt('engines', size, async () => {
      log(`engines at ${size}`);
      const { compareEngines } = await import('./compare-engines.js');
      return compareEngines(size, dataRoot, options.runs);
    });
  }
  if (options.parts.has('startup'))
    await attempt('startup', size, () =>
      benchStartup(
        size,
        {
          dataRoot,
          cacheDir,
          runs: options.runs,
          targets: embeddedStartupTargets(size),
          coldNote: 'validation cache emptied first',
        },
        log,
      ),
    );
  // These parts share one platform process, in this order (isolation last: its runaway queries
  // have workers replaced).
  if (['deref', 'sparql', 'overload', 'isolation'].some((part) => options.parts.has(part as Part))) {
    let platform: Started;
    try {
      platform = await startPlatform(dataRoot, { LOG_LEVEL: 'info', CACHE_DIR: cacheDir });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      await attempt('platform', size, () => {
        throw failure;
      });
      return;
    }
    try {
      const rssAtStart = await currentRss(platform.child.pid);
      if (options.parts.has('deref')) {
        await attempt('deref', size, () => benchDeref(size, platform, options, log));
        if (compared)
          await attempt('deref', size, async () => {
            log(`deref at ${size}: crawl of distinct documents`);
            const order = await crawlOrder(platform.url, options.seed);
            const crawl = await cpuDuring([['platform', platform.child.pid]], () =>
              crawlDistinct([platform.url], order, 0, options.duration),
            );
            return [crawlRow(size, ONE_FRONT_END, crawl.result, crawl.note(crawl.result.result.elapsedMs))];
          });
      }
      if (options.parts.has('sparql')) {
        await attempt('sparql', size, async () => {
          log(`sparql at ${size}`);
          // Loaded only for this part: it brings the in-process engine (and Virtuoso's runner).
          const { benchSparql } = await import('./sparql-bench.js');
          return benchSparql({ size, dataRoot, platformUrl: platform.url, runs: options.runs });
        });
      }
      if (compared && (options.parts.has('deref') || options.parts.has('sparql')))
        await attempt('memory', size, async () => [await frontEndRss(size, platform, rssAtStart)]);
      if (options.parts.has('overload')) {
        await attempt('overload', size, async () => {
          // Loaded only for this part, like the SPARQL part (its mix brings the in-process engine).
          const { benchOverload } = await import('./overload.js');
          return benchOverload(size, platform, options, log);
        });
      }
      if (options.parts.has('isolation'))
        await attempt('isolation', size, () => benchIsolation(size, platform, options, log));
    } finally {
      await platform.stop();
    }
  }
  // Its own platform process, started with a known cache bound, its memory measured from a fresh start.
  if (options.parts.has('crawl'))
    await attempt('crawl', size, () => benchCrawl(size, dataRoot, { duration: options.duration, cacheDir }, log));
}

function header(options: BenchOptions): string {
  const cpus = os.cpus();
  return [
    `npm run bench: ${new Date().toISOString()}`,
    `machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}; Node ${process.version}`,
    `store: ${options.stores.join(', ')}${options.stores.includes('sparql') ? ' (sparql: Virtuoso on 127.0.0.1, loaded by npm run load, front ends with STORE=sparql)' : ''}`,
    `sizes: ${options.sizes.map((s) => s.toLocaleString('en')).join(', ')} generated triples (plus the real data), seed ${options.seed}; load: autocannon, 10 connections, ${options.duration} s per run, loopback (overload, isolation's hostile clients and crawl: a node:http client, connections as noted); SPARQL and start-up: ${options.runs} runs each`,
    'ratios compare figures measured in this same run; "not measured" means the figure could not be taken (see note).',
  ].join('\n');
}

/**
 * The generated dataset of a size, kept in the work folder between runs. It copies the project's
 * ontology, shapes and real data, so it is made again whenever those (or the generator's unit) change.
 */
async function generatedDataset(size: number, options: BenchOptions, log: (line: string) => void): Promise<string> {
  const dir = path.join(options.workDir, `gen-${size}-seed${options.seed}`);
  const marker = path.join(dir, '.complete');
  const inputs = `${(await scanDataset(PROJECT_ROOT)).contentHash} ${TRIPLES_PER_UNIT}`;
  if (existsSync(marker) && (await readFile(marker, 'utf8').catch(() => '')) === inputs) return dir;
  log(`generating ${size.toLocaleString('en')} triples into ${dir}`);
  await rm(dir, { recursive: true, force: true });
  await generateData({ triples: size, out: dir, seed: options.seed, root: PROJECT_ROOT });
  await writeFile(marker, inputs);
  return dir;
}

async function benchScale(options: BenchOptions, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let largest: number | undefined;
  for (const size of options.scaleSizes) {
    let dataRoot: string;
    try {
      dataRoot = await generatedDataset(size, options, log);
    } catch (error) {
      rows.push({ part: 'scale', name: 'generate', size, unit: '', note: `failed: ${(error as Error).message}` });
      break;
    }
    log(`scale: starting at ${size} (cold: validation included, the peak of memory)`);
    let platform: Started | undefined;
    try {
      const cacheDir = path.join(options.workDir, `cache-${size}`);
      await rm(cacheDir, { recursive: true, force: true });
      platform = await startPlatform(dataRoot, { CACHE_DIR: cacheDir, LOG_LEVEL: 'warn' });
      const deref = await load(`${platform.url}doc/process/gen-process-1.ttl`, Math.min(options.duration, 5));
      const ok = deref.errors === 0 && (platform.peakRssMiB ?? Infinity) < 24 * 1024;
      rows.push({
        part: 'scale',
        name: 'served from memory',
        size,
        value: platform.readyMs / 1000,
        unit: 's to start',
        note: `cold start to SPARQL answering; peak RSS ${Math.round(platform.peakRssMiB ?? 0)} MiB; ${Math.round(deref.rps)} Turtle req/s`,
      });
      if (ok) largest = size;
    } catch (error) {
      rows.push({
        part: 'scale',
        name: 'served from memory',
        size,
        unit: '',
        note: `failed: ${(error as Error).message.slice(0, 200)}`,
      });
      break;
    } finally {
      await platform?.stop();
    }
  }
  rows.push({
    part: 'scale',
    name: 'largest dataset served from memory',
    size: largest ?? 0,
    ...(largest !== undefined ? { value: largest } : {}),
    unit: 'triples',
    target: '10 M',
    holds: (largest ?? 0) >= 10_000_000,
    note: 'started and answered without errors within 24 GiB; the start-up targets are judged by the startup rows, not here',
  });
  return rows;
}
