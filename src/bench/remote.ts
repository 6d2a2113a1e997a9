// `--store sparql`: the platform as front ends of a SPARQL store. Virtuoso is started empty on
// 127.0.0.1, the platform's own loader (`load`) writes the data into it as a data version, and
// front ends (STORE=sparql) are measured as the embedded store is: start-up, dereferencing (one
// document repeated, and a crawl of distinct documents, on one front end and on two), the SPARQL
// mix beside the same queries sent straight to the store, and their memory.
import os from 'node:os';
import path from 'node:path';
import { benchDeref, crawlDistinct, crawlOrder, describeCrawl, type DistinctCrawl } from './deref.js';
import type { Part } from './parts.js';
import { cpuSeconds, currentRss, peakRss, startPlatform, type Started } from './processes.js';
import type { BenchRow } from './report.js';
import { REMOTE_STARTUP_TARGETS, benchStartup } from './startup.js';
import { REMOTE_BASE_IRI, runLoader } from './remote-load.js';
import { VIRTUOSO_NOT_INSTALLED, findVirtuoso, startVirtuosoServer, type VirtuosoServer } from './virtuoso.js';

export { REMOTE_BASE_IRI } from './remote-load.js';

export interface RemoteOptions {
  readonly duration: number;
  readonly runs: number;
  readonly parts: ReadonlySet<Part>;
  readonly seed: number;
  readonly workDir: string;
}

type Attempt = (part: string, size: number, measure: () => Promise<BenchRow[]>) => Promise<void>;

/** Rows for the sparql store at one size; every server it starts is stopped before it returns. */
export async function benchRemoteStore(
  size: number,
  dataRoot: string,
  options: RemoteOptions,
  attempt: Attempt,
  log: (line: string) => void,
): Promise<void> {
  const binaries = await findVirtuoso();
  if (!binaries) {
    await attempt('load', size, () => Promise.reject(new Error(VIRTUOSO_NOT_INSTALLED)));
    return;
  }
  for (const part of ['overload', 'isolation', 'crawl'] as const) {
    if (options.parts.has(part))
      await attempt(part, size, () =>
        Promise.reject(
          new Error(
            `--store sparql measures load, startup, deref (the crawl of distinct documents included) and sparql; not ${part}`,
          ),
        ),
      );
  }
  log(`sparql store at ${size}: starting Virtuoso`);
  let server: VirtuosoServer;
  try {
    server = await startVirtuosoServer(binaries);
  } catch (error) {
    await attempt('load', size, () => Promise.reject(error instanceof Error ? error : new Error(String(error))));
    return;
  }
  try {
    let graph: string | undefined;
    // The loader's CACHE_DIR: what it prepares for the front ends (the thing catalogue, the summaries),
    // which the measured front end and the starts with the data unchanged share, as in
    // docs/deployment.md. The cold start has an empty one of its own.
    const loaderCache = path.join(options.workDir, `load-cache-${size}`);
    await attempt('load', size, async () => {
      const loaded = await runLoader(size, server, dataRoot, loaderCache, log);
      graph = loaded.graph;
      return loaded.rows;
    });
    if (graph === undefined) return;
    // SITE_URL as the loader had it (its default, the base IRI): what it prepared holds for that
    // address only. The bench reaches each front end by its port; paths are what it follows.
    const env = {
      STORE: 'sparql',
      STORE_QUERY_URL: server.sparqlUrl,
      BASE_IRI: REMOTE_BASE_IRI,
      SITE_URL: REMOTE_BASE_IRI,
    };
    const cacheDir = path.join(options.workDir, `cache-sparql-${size}`);
    if (options.parts.has('startup'))
      await attempt('startup', size, () =>
        benchStartup(
          size,
          {
            dataRoot,
            cacheDir,
            unchangedCacheDir: loaderCache,
            unchangedNote: "the loader's CACHE_DIR (the front ends prepared by npm run load)",
            env,
            runs: options.runs,
            targets: REMOTE_STARTUP_TARGETS,
            coldNote: 'CACHE_DIR emptied first (the thing catalogue and site summaries built from the store)',
          },
          log,
        ),
      );
    if (!options.parts.has('deref') && !options.parts.has('sparql')) return;
    let frontEnd: Started;
    try {
      frontEnd = await startPlatform(dataRoot, { ...env, CACHE_DIR: loaderCache, LOG_LEVEL: 'info' });
    } catch (error) {
      await attempt('platform', size, () => Promise.reject(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    try {
      const rssAtStart = await currentRss(frontEnd.child.pid);
      if (options.parts.has('deref')) {
        await attempt('deref', size, () => benchDeref(size, frontEnd, options, log));
        await attempt('deref', size, () =>
          crawlOneAndTwo(size, server, frontEnd, { ...env, CACHE_DIR: loaderCache }, dataRoot, options, log),
        );
      }
      if (options.parts.has('sparql')) {
        await attempt('sparql', size, async () => {
          log(`sparql at ${size} (sparql store)`);
          const { benchSparql } = await import('./sparql-bench.js');
          return benchSparql({
            size,
            dataRoot,
            platformUrl: frontEnd.url,
            runs: options.runs,
            baseIri: REMOTE_BASE_IRI,
            direct: { sparqlUrl: server.sparqlUrl, defaultGraph: graph! },
          });
        });
      }
      await attempt('memory', size, async () => [
        await frontEndRss(size, frontEnd, rssAtStart, { target: REMOTE_STARTUP_TARGETS.peakMiB }),
        {
          part: 'memory',
          name: 'Virtuoso RSS after the measurements',
          size,
          ...(await optional(currentRss(server.pid))),
          unit: 'MiB',
          note: 'the store process (VmRSS); its NumberOfBuffers (340,000 pages of 8 KB) bound its page cache at 2.6 GB',
        },
      ]);
    } finally {
      await frontEnd.stop();
    }
  } finally {
    await server.stop();
  }
}

async function optional(value: Promise<number | undefined>): Promise<{ value?: number }> {
  const v = await value;
  return v === undefined ? {} : { value: v };
}

/** A front end's memory once its parts are measured: VmRSS now and its peak, beside VmRSS after its start. */
export async function frontEndRss(
  size: number,
  platform: Started,
  rssAtStart: number | undefined,
  { target }: { target?: number } = {},
): Promise<BenchRow> {
  const now = await currentRss(platform.child.pid);
  const peak = await peakRss(platform.child.pid);
  return {
    part: 'memory',
    name: 'front-end RSS after deref, crawl and SPARQL',
    size,
    ...(now !== undefined ? { value: now } : {}),
    unit: 'MiB',
    ...(rssAtStart !== undefined ? { baselineName: 'after its start', baseline: rssAtStart } : {}),
    ...(target !== undefined && now !== undefined ? { target: `<= ${target} MB`, holds: now <= target } : {}),
    note: `VmRSS of the process measured by deref and sparql (worker threads included); its peak (VmHWM) ${peak !== undefined ? `${Math.round(peak)} MiB` : 'unreadable'}`,
  };
}

/** CPU seconds of each process over a crawl, for the note: what the two cores were spent on. */
export async function cpuDuring<T>(
  processes: ReadonlyArray<readonly [string, number | undefined]>,
  run: () => Promise<T>,
): Promise<{ result: T; note: (elapsedMs: number) => string }> {
  const before = await Promise.all(processes.map(([, pid]) => cpuSeconds(pid)));
  const client = process.cpuUsage();
  const result = await run();
  const after = await Promise.all(processes.map(([, pid]) => cpuSeconds(pid)));
  const used = process.cpuUsage(client);
  const spent = processes.map(([name], i) =>
    before[i] !== undefined && after[i] !== undefined ? `${name} ${(after[i] - before[i]).toFixed(1)}` : `${name} ?`,
  );
  spent.push(`client ${((used.user + used.system) / 1e6).toFixed(1)}`);
  return {
    result,
    note: (elapsedMs) =>
      `CPU s used in ${(elapsedMs / 1000).toFixed(1)} s on ${os.cpus().length} cores (${((elapsedMs / 1000) * os.cpus().length).toFixed(1)} CPU s available): ${spent.join(', ')}; load average ${os.loadavg()[0]!.toFixed(1)} (other work on the machine included)`,
  };
}

/** The crawl row of one store; the sparql store's is set beside the embedded store's by the bench. */
export function crawlRow(size: number, name: string, crawl: DistinctCrawl, note: string): BenchRow {
  return {
    part: 'deref',
    name,
    size,
    value: crawl.rate,
    unit: 'doc/s',
    note: `${describeCrawl(crawl)}; HTML, each document once, a seeded shuffle of /sitemap.xml without organisation/iom; ${note}`,
  };
}

export const ONE_FRONT_END = 'HTML distinct documents/s, 1 front end';
export const TWO_FRONT_ENDS = 'HTML distinct documents/s, 2 front ends';

/**
 * The crawl of distinct documents on one front end, then on two against the same store (a second
 * front end started with the same environment), each for `duration` seconds, the two taking up the
 * order where the one stopped, so that no document is asked for twice.
 */
async function crawlOneAndTwo(
  size: number,
  server: VirtuosoServer,
  first: Started,
  env: Record<string, string>,
  dataRoot: string,
  options: RemoteOptions,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const order = await crawlOrder(first.url, options.seed, REMOTE_BASE_IRI);
  log(`deref at ${size} (sparql store): crawl of distinct documents, 1 front end`);
  const one = await cpuDuring(
    [
      ['Virtuoso', server.pid],
      ['front end', first.child.pid],
    ],
    () => crawlDistinct([first.url], order, 0, options.duration),
  );
  const rows = [crawlRow(size, ONE_FRONT_END, one.result, one.note(one.result.result.elapsedMs))];
  log(`deref at ${size} (sparql store): a second front end`);
  const second = await startPlatform(dataRoot, { ...env, LOG_LEVEL: 'info' });
  try {
    log(`deref at ${size} (sparql store): crawl of distinct documents, 2 front ends`);
    const two = await cpuDuring(
      [
        ['Virtuoso', server.pid],
        ['front end 1', first.child.pid],
        ['front end 2', second.child.pid],
      ],
      () => crawlDistinct([first.url, second.url], order, one.result.next, options.duration),
    );
    const row = crawlRow(size, TWO_FRONT_ENDS, two.result, two.note(two.result.result.elapsedMs));
    rows.push({
      ...row,
      baselineName: '1 front end',
      baseline: one.result.rate,
      target: 'ratio >= 1.6',
      holds: two.result.rate >= 1.6 * one.result.rate,
      note: `${os.cpus().length} cores shared by Virtuoso, both front ends and the client: a second front end adds a process, not a core; ${row.note}`,
    });
  } finally {
    await second.stop();
  }
  return rows;
}
