// `npm run bench`: starts the platform on generated data and measures it beside its baselines, in one run.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { scanDataset } from '../dataset/open.js';
import { TRIPLES_PER_UNIT, generateData } from '../generate/generate-data.js';
import { benchCrawl } from './crawl.js';
import { benchIsolation } from './isolation.js';
import { load, type LoadResult } from './load.js';
import type { Part } from './parts.js';
import { formatTable, percentile, type BenchRow } from './report.js';
import {
  SPARQL_PROBE,
  freePort,
  peakRss,
  readyAt,
  startNodeProcess,
  startPlatform,
  type Started,
} from './processes.js';

export interface BenchOptions {
  /** Generated dataset sizes, in triples. */
  readonly sizes: readonly number[];
  /** Seconds per load-generator run. */
  readonly duration: number;
  /** Repetitions per SPARQL query and per start-up. */
  readonly runs: number;
  readonly parts: ReadonlySet<Part>;
  /** Sizes tried, in order, by the scale part. */
  readonly scaleSizes: readonly number[];
  readonly seed: number;
  /** Where generated datasets are kept between runs. */
  readonly workDir: string;
}

const FORMATS = [
  ['HTML', 'html', 'text/html'],
  ['Turtle', 'ttl', 'text/turtle'],
  ['JSON-LD', 'jsonld', 'application/ld+json'],
] as const;

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
  for (const size of options.sizes) {
    const dataRoot = await generatedDataset(size, options, log);
    if (options.parts.has('engines')) {
      await attempt('engines', size, async () => {
        log(`engines at ${size}`);
        const { compareEngines } = await import('./compare-engines.js');
        return compareEngines(size, dataRoot, options.runs);
      });
    }
    if (options.parts.has('startup')) await attempt('startup', size, () => benchStartup(size, dataRoot, options, log));
    // These parts share one platform process, in this order (isolation last: its runaway queries
    // have workers replaced).
    if (['deref', 'sparql', 'overload', 'isolation'].some((part) => options.parts.has(part as Part))) {
      let platform: Started;
      try {
        platform = await startPlatform(dataRoot, {
          LOG_LEVEL: 'info',
          CACHE_DIR: path.join(options.workDir, `cache-${size}`),
        });
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        await attempt('platform', size, () => {
          throw failure;
        });
        continue;
      }
      try {
        if (options.parts.has('deref')) await attempt('deref', size, () => benchDeref(size, platform, options, log));
        if (options.parts.has('sparql')) {
          await attempt('sparql', size, async () => {
            log(`sparql at ${size}`);
            // Loaded only for this part: it brings the in-process engine (and Virtuoso's runner).
            const { benchSparql } = await import('./sparql-bench.js');
            return benchSparql({ size, dataRoot, platformUrl: platform.url, runs: options.runs });
          });
        }
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
      await attempt('crawl', size, () =>
        benchCrawl(
          size,
          dataRoot,
          { duration: options.duration, cacheDir: path.join(options.workDir, `cache-${size}`) },
          log,
        ),
      );
  }
  if (options.parts.has('scale')) await attempt('scale', 0, () => benchScale(options, log));
  return formatTable(rows, header(options));
}

function header(options: BenchOptions): string {
  const cpus = os.cpus();
  return [
    `npm run bench: ${new Date().toISOString()}`,
    `machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}; Node ${process.version}`,
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

async function benchStartup(
  size: number,
  dataRoot: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const cacheDir = path.join(options.workDir, `cache-${size}`);
  // Documents are served before the SPARQL workers have loaded the data: both moments are timed,
  // and the peak memory is read once SPARQL answers too (every copy of the data loaded).
  const measure = async (cold: boolean): Promise<{ ms: number; pageMs: number; rss?: number }> => {
    if (cold) await rm(cacheDir, { recursive: true, force: true });
    const platform = await startPlatform(dataRoot, { CACHE_DIR: cacheDir, LOG_LEVEL: 'warn' }, { pagesOnly: true });
    try {
      const ms = await readyAt(platform, SPARQL_PROBE);
      const rss = await peakRss(platform.child.pid);
      return { ms, pageMs: platform.readyMs, ...(rss !== undefined ? { rss } : {}) };
    } finally {
      await platform.stop();
    }
  };
  log(`start-up at ${size}: cold`);
  const cold = await measure(true);
  log(`start-up at ${size}: unchanged data`);
  const warm: Array<{ ms: number; pageMs: number; rss?: number }> = [];
  for (let i = 0; i < Math.max(1, Math.min(options.runs, 3)); i++) warm.push(await measure(false));
  const warmMs = warm.map((w) => w.ms).sort((a, b) => a - b);
  const medianWarm = percentile(warmMs, 50) ?? 0;
  const warmPeak = Math.max(...warm.map((w) => w.rss ?? 0));
  const warmPageMs = warm.map((w) => w.pageMs).sort((a, b) => a - b);
  const medianWarmPage = percentile(warmPageMs, 50) ?? 0;
  const atMillion = size >= 1_000_000;
  return [
    {
      part: 'startup',
      name: 'cold start to SPARQL answering',
      size,
      value: cold.ms / 1000,
      unit: 's',
      ...(atMillion ? { target: '<= 20 s at 1 M', holds: cold.ms <= 20_000 } : {}),
      note: 'validation cache emptied first; 1 run; every route answering',
    },
    {
      part: 'startup',
      name: 'cold start to first page',
      size,
      value: cold.pageMs / 1000,
      unit: 's',
      note: 'the home page answers 200 (SPARQL may still be loading)',
    },
    {
      part: 'startup',
      name: 'start, data unchanged, to SPARQL answering',
      size,
      value: medianWarm / 1000,
      unit: 's',
      ...(atMillion ? { target: '<= 5 s at 1 M', holds: medianWarm <= 5_000 } : {}),
      note: `median of ${warm.length}; range ${(warmMs[0]! / 1000).toFixed(1)}-${(warmMs[warmMs.length - 1]! / 1000).toFixed(1)} s; every route answering`,
    },
    {
      part: 'startup',
      name: 'start, data unchanged, to first page',
      size,
      value: medianWarmPage / 1000,
      unit: 's',
      note: `median of ${warm.length}; range ${(warmPageMs[0]! / 1000).toFixed(1)}-${(warmPageMs[warmPageMs.length - 1]! / 1000).toFixed(1)} s`,
    },
    {
      part: 'startup',
      name: 'peak RSS, cold start',
      size,
      ...(cold.rss !== undefined ? { value: cold.rss } : {}),
      unit: 'MiB',
      ...(atMillion ? { target: '<= 1 GB at 1 M', holds: (cold.rss ?? Infinity) <= 1000 } : {}),
      note: 'VmHWM once SPARQL answers (worker threads included); validation included',
    },
    {
      part: 'startup',
      name: 'peak RSS, data unchanged',
      size,
      value: warmPeak,
      unit: 'MiB',
      ...(atMillion ? { target: '<= 1 GB at 1 M', holds: warmPeak <= 1000 } : {}),
      note: 'VmHWM once SPARQL answers (worker threads included)',
    },
  ];
}

/** Seconds of unmeasured load each server gets before its measured rounds. */
const DEREF_WARM_UP_SECONDS = 2;

/** Rounds of dereferencing measurements: `--runs`, at most 3 (each costs 3 × duration per format). */
function derefRounds(options: BenchOptions): number {
  return Math.max(1, Math.min(options.runs, 3));
}

interface MedianLoad extends LoadResult {
  /** The spread of the rounds' throughput, for the note. */
  readonly range: string;
}

/** The round with the median throughput, and the range of all rounds. */
function medianLoad(results: LoadResult[]): MedianLoad {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const k = (rps: number): string => `${(rps / 1000).toFixed(1)} k`;
  return {
    ...median,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    range: `${k(sorted[0]!.rps)}-${k(sorted[sorted.length - 1]!.rps)} req/s`,
  };
}

async function benchDeref(
  size: number,
  platform: Started,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  // A generated process in the middle of the data.
  const k = Math.floor(size / TRIPLES_PER_UNIT / 2);
  const docPath = `/doc/process/gen-process-${k}`;
  const bodies: Record<string, { contentType: string; base64: string }> = {};
  for (const [, ext] of FORMATS) {
    const res = await fetch(`${platform.url}${docPath.slice(1)}.${ext}`);
    if (res.status !== 200) throw new Error(`${docPath}.${ext} answered ${res.status}`);
    bodies[`${docPath}.${ext}`] = {
      contentType: res.headers.get('content-type') ?? '',
      base64: Buffer.from(await res.arrayBuffer()).toString('base64'),
    };
  }
  await mkdir(options.workDir, { recursive: true });
  const bodiesFile = path.join(options.workDir, 'constant-bodies.json');
  await writeFile(bodiesFile, JSON.stringify(bodies));
  const script = path.join(PROJECT_ROOT, 'dist/src/bench/constant-server.js');
  const baselines: Array<[string, Started]> = [];
  try {
    for (const mode of ['express', 'http'] as const) {
      const port = await freePort();
      baselines.push([mode, await startNodeProcess([script], { BENCH_MODE: mode, BENCH_BODIES: bodiesFile }, port)]);
    }
    const rows: BenchRow[] = [];
    for (const [label, ext] of FORMATS) {
      const target = `${docPath}.${ext}`;
      log(`deref ${label} at ${size}`);
      const urls = [platform.url, baselines[0]![1].url, baselines[1]![1].url].map((u) => `${u}${target.slice(1)}`);
      // Each server is warmed up first (its JIT, its caches), then the three are measured in turn,
      // round after round, so that the machine's slow moments fall on all of them alike.
      for (const url of urls) await load(url, DEREF_WARM_UP_SECONDS);
      const rounds: LoadResult[][] = [[], [], []];
      for (let round = 0; round < derefRounds(options); round++)
        for (const [i, url] of urls.entries()) rounds[i]!.push(await load(url, options.duration));
      const [ours, express, http] = rounds.map(medianLoad) as [MedianLoad, MedianLoad, MedianLoad];
      const bytes = Buffer.from(bodies[target]!.base64, 'base64').length;
      const note = `${bytes} B body; median of ${derefRounds(options)} rounds, ours ${ours.range}, express ${express.range}; p50/p99 ours ${ours.p50}/${ours.p99} ms, express ${express.p50}/${express.p99} ms, node:http ${http.p50}/${http.p99} ms${ours.errors ? `; ${ours.errors} errors` : ''}`;
      rows.push(
        {
          part: 'deref',
          name: `${label} req/s`,
          size,
          value: ours.rps,
          unit: 'req/s',
          baselineName: 'express constant',
          baseline: express.rps,
          target: 'ratio >= 0.8',
          holds: ours.rps >= 0.8 * express.rps,
          note,
        },
        {
          part: 'deref',
          name: `${label} req/s`,
          size,
          value: ours.rps,
          unit: 'req/s',
          baselineName: 'node:http constant',
          baseline: http.rps,
        },
      );
    }
    return rows;
  } finally {
    for (const [, started] of baselines) await started.stop();
  }
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
