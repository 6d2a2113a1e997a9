// The dereferencing part: one document asked for over and over (answered from the platform's
// cache) beside constant servers, and a crawl of distinct documents (each rendered from the store).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { TRIPLES_PER_UNIT } from '../generate/generate-data.js';
import { sitemapDocuments } from './crawl.js';
import { answeredPerSecond, closedLoop, describeStatuses, load, type LoadResult, type LoopResult } from './load.js';
import { freePort, startNodeProcess, type Started } from './processes.js';
import type { BenchRow } from './report.js';

export const FORMATS = [
  ['HTML', 'html', 'text/html'],
  ['Turtle', 'ttl', 'text/turtle'],
  ['JSON-LD', 'jsonld', 'application/ld+json'],
] as const;

/** Seconds of unmeasured load each server gets before its measured rounds. */
const DEREF_WARM_UP_SECONDS = 2;

/** Rounds of dereferencing measurements: `--runs`, at most 3 (each costs 3 × duration per format). */
function derefRounds(runs: number): number {
  return Math.max(1, Math.min(runs, 3));
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

/** One document in each format, repeated, beside express and node:http serving the same bytes. */
export async function benchDeref(
  size: number,
  platform: Started,
  options: { duration: number; runs: number; workDir: string },
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
      for (let round = 0; round < derefRounds(options.runs); round++)
        for (const [i, url] of urls.entries()) rounds[i]!.push(await load(url, options.duration));
      const [ours, express, http] = rounds.map(medianLoad) as [MedianLoad, MedianLoad, MedianLoad];
      const bytes = Buffer.from(bodies[target]!.base64, 'base64').length;
      const note = `${bytes} B body; median of ${derefRounds(options.runs)} rounds, ours ${ours.range}, express ${express.range}; p50/p99 ours ${ours.p50}/${ours.p99} ms, express ${express.p50}/${express.p99} ms, node:http ${http.p50}/${http.p99} ms${ours.errors ? `; ${ours.errors} errors` : ''}`;
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

/** Connections of the crawl of distinct documents, spread over the front ends. */
export const DISTINCT_CONNECTIONS = 10;

/**
 * Documents left out of the crawl of distinct documents: IOM's page in generated data links to
 * every engagement (6.75 MB of HTML at 1 M, 55 k inbound links, rendered in one piece: 15-20 s on
 * either store), so whichever slice of the crawl held it would measure that one page.
 */
export const CRAWL_LEFT_OUT = ['/doc/organisation/iom'];

/** A small seeded generator (mulberry32), so every store and front end crawls the same order. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The paths of the distinct documents of a platform's /sitemap.xml, sorted and then shuffled with
 * `seed` (the same data gives the same order on every store), without CRAWL_LEFT_OUT. The sitemap
 * lists the documents under the data's base IRI (`baseIri`, when it is not the platform's URL).
 */
export async function crawlOrder(platformUrl: string, seed: number, baseIri = platformUrl): Promise<string[]> {
  const paths = (await sitemapDocuments(platformUrl, baseIri))
    .map((url) => new URL(url).pathname)
    .filter((p) => !CRAWL_LEFT_OUT.includes(p))
    .sort();
  if (paths.length === 0) throw new Error('the sitemap lists no /doc/{collection}/{slug} document');
  const random = seeded(seed);
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  return paths;
}

export interface DistinctCrawl {
  readonly result: LoopResult;
  /** Answers 200 per second. */
  readonly rate: number;
  /** The index in the order after the last document asked for: where the next crawl starts. */
  readonly next: number;
  /** Requests per front end, in the order of `frontEnds`. */
  readonly perFrontEnd: number[];
}

/**
 * Distinct documents in HTML, each asked for once, from `order[from]` on, for `seconds`:
 * DISTINCT_CONNECTIONS clients, each request to the next front end in turn (round robin). None of
 * them is in a front end's cache, so each is rendered from the store.
 */
export async function crawlDistinct(
  frontEnds: readonly string[],
  order: readonly string[],
  from: number,
  seconds: number,
): Promise<DistinctCrawl> {
  let next = from;
  const perFrontEnd = frontEnds.map(() => 0);
  const result = await closedLoop({
    connections: DISTINCT_CONNECTIONS,
    durationMs: seconds * 1000,
    next: () => {
      const docPath = order[next];
      if (docPath === undefined) return undefined;
      const i = (next - from) % frontEnds.length;
      next++;
      perFrontEnd[i]!++;
      return {
        url: `${frontEnds[i]}${docPath.slice(1)}`,
        label: docPath,
        headers: { accept: 'text/html', 'accept-encoding': 'gzip' },
      };
    },
  });
  return { result, rate: answeredPerSecond(result), next, perFrontEnd };
}

/** The note of a crawl of distinct documents: how many, how long, the statuses, p50/p95. */
export function describeCrawl(crawl: DistinctCrawl): string {
  const ms = crawl.result.answers
    .filter((a) => a.status === 200)
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const at = (p: number): string =>
    ms.length === 0 ? '?' : Math.round(ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!).toString();
  return `${crawl.result.answers.length} documents in ${(crawl.result.elapsedMs / 1000).toFixed(1)} s, ${DISTINCT_CONNECTIONS} connections${crawl.perFrontEnd.length > 1 ? ` (${crawl.perFrontEnd.join(' + ')} per front end, round robin)` : ''}; p50/p95 ${at(50)}/${at(95)} ms; ${describeStatuses(crawl.result.answers)}`;
}
