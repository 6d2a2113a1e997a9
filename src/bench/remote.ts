// `--store sparql`: the platform as front ends of a SPARQL store. Virtuoso is started empty on
// 127.0.0.1, the platform's own loader (`load`) writes the data into it as a data version, and
// front ends (STORE=sparql) are measured as the embedded store is: start-up, dereferencing (one
// document repeated, and a crawl of distinct documents, on one front end and on two), the SPARQL
// mix beside the same queries sent straight to the store, and their memory.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { benchDeref, crawlDistinct, crawlOrder, describeCrawl, type DistinctCrawl } from './deref.js';
import type { Part } from './parts.js';
import { cpuSeconds, currentRss, peakRss, startPlatform, stopChild, type Started } from './processes.js';
import type { BenchRow } from './report.js';
import { REMOTE_STARTUP_TARGETS, benchStartup } from './startup.js';
import { VIRTUOSO_NOT_INSTALLED, findVirtuoso, startVirtuosoServer, type VirtuosoServer } from './virtuoso.js';

/**
 * The base IRI of the data in the store (the platform's default). Every front end is started with
 * it as BASE_IRI and SITE_URL, the loader's, so that what the loader prepared in its CACHE_DIR
 * holds for them (docs/deployment.md has front ends share the cache's address as SITE_URL); the
 * embedded store's platform has its own address as both.
 */
export const REMOTE_BASE_IRI = 'http://localhost:8080/';

/** The store's account, as Debian's Virtuoso and the tests have it (docs/deployment.md). */
const STORE_USER = 'dba';
const STORE_PASSWORD = 'dba';
/** Longest a load may take before the bench stops the loader. */
const LOAD_TIMEOUT_MS = 3 * 3600_000;
const RSS_SAMPLE_MS = 200;

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
    // The loader's CACHE_DIR: what it prepares for the front ends (the thing index, the summaries),
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
            coldNote: 'CACHE_DIR emptied first (thing index and site summaries read from the store)',
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

/**
 * The loader's memory bound: 70 % of the machine's memory, or what was available when it started
 * less 2 GiB if that is less (other work shares the machine). There is no swap here: past it the
 * kernel's OOM killer would end a process, perhaps not the loader.
 */
async function loaderMemoryBound(): Promise<{ mib: number; why: string }> {
  const total = (0.7 * os.totalmem()) / 2 ** 20;
  const meminfo = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const availableKb = /MemAvailable:\s+(\d+) kB/.exec(meminfo)?.[1];
  const available = availableKb !== undefined ? Number(availableKb) / 1024 - 2048 : Infinity;
  return available < total
    ? { mib: available, why: 'MemAvailable at its start less 2 GiB' }
    : { mib: total, why: "70 % of the machine's memory" };
}

interface LoaderRun {
  readonly graph: string;
  readonly rows: BenchRow[];
}

/**
 * `node dist/src/cli.js load` with STORE=sparql against the server, with an empty CACHE_DIR of its
 * own (so the data is validated). The phases are read from its JSON log: validation ends at
 * "data validated", writing runs from "loading the data into the store" (while validation goes on
 * in its worker) to "loaded"; its VmRSS is
 * sampled every 200 ms and its peak kept per phase, with the log line it had written last; past
 * loaderMemoryBound the bench stops it and says so.
 */
async function runLoader(
  size: number,
  server: VirtuosoServer,
  dataRoot: string,
  cacheDir: string,
  log: (line: string) => void,
): Promise<LoaderRun> {
  await rm(cacheDir, { recursive: true, force: true });
  log(`load at ${size}: npm run load into Virtuoso (validation first)`);
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/cli.js'), 'load', '--keep', '2'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATA_ROOT: dataRoot,
      BASE_IRI: REMOTE_BASE_IRI,
      CACHE_DIR: cacheDir,
      STORE: 'sparql',
      STORE_QUERY_URL: server.sparqlUrl,
      STORE_UPDATE_URL: `${server.httpUrl}sparql-auth`,
      STORE_GRAPH_STORE_URL: `${server.httpUrl}sparql-graph-crud-auth`,
      STORE_USER,
      STORE_PASSWORD,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const phases = ['validation', 'writing', 'after'] as const;
  type Phase = (typeof phases)[number];
  let phase: Phase = 'validation';
  const marks: Partial<Record<'validated' | 'writing' | 'loaded', number>> = {};
  const peaks: Partial<Record<Phase, number>> = {};
  // What the loader last said when each phase's peak was read (its progress lines name the step).
  const saidAtPeak: Partial<Record<Phase, string>> = {};
  let said = '';
  const bound = await loaderMemoryBound();
  let stoppedAt: number | undefined;
  let stdout = '';
  let tail = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-4000);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      let entry: { msg?: string; time?: number };
      try {
        entry = JSON.parse(line) as { msg?: string; time?: number };
      } catch {
        continue;
      }
      const at = (typeof entry.time === 'number' ? entry.time : Date.now()) - spawnedAt;
      if (entry.msg) said = entry.msg;
      if (entry.msg === 'data validated') marks.validated = at;
      else if (entry.msg === 'loading the data into the store') {
        marks.writing = at;
        phase = 'writing';
      } else if (entry.msg === 'loaded') {
        marks.loaded = at;
        phase = 'after';
      }
    }
  });
  const timer = setInterval(() => {
    void currentRss(child.pid).then((rss) => {
      if (rss === undefined) return;
      if (rss > (peaks[phase] ?? 0)) {
        peaks[phase] = rss;
        saidAtPeak[phase] = said;
      }
      // Past the bound the kernel would soon end some process (other work's, too): stop the loader first.
      if (rss > bound.mib && stoppedAt === undefined) {
        stoppedAt = rss;
        void stopChild(child, 5_000);
      }
    });
  }, RSS_SAMPLE_MS);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const killTimer = setTimeout(() => void stopChild(child), LOAD_TIMEOUT_MS);
  let status: number | string;
  try {
    status = await exited;
  } finally {
    clearInterval(timer);
    clearTimeout(killTimer);
  }
  const totalMs = Date.now() - spawnedAt;
  const byPhase = phases
    .filter((p) => peaks[p] !== undefined)
    .map(
      (p) =>
        `${p} ${Math.round(peaks[p]!)} MiB${saidAtPeak[p] ? ` (last log line "${saidAtPeak[p].slice(0, 120)}")` : ''}`,
    )
    .join(', ');
  if (stoppedAt !== undefined)
    throw new Error(
      `the loader was stopped by the bench at ${Math.round(stoppedAt)} MiB of VmRSS (bound ${Math.round(bound.mib)} MiB: ${bound.why}) after ${(totalMs / 1000).toFixed(0)} s, in its ${phase} phase; peak VmRSS by phase: ${byPhase}`,
    );
  if (status !== 0)
    throw new Error(
      `the loader exited with ${status} after ${(totalMs / 1000).toFixed(0)} s, in its ${phase} phase; peak VmRSS by phase: ${byPhase || 'none read'}; ${tail.replace(/\s+/g, ' ').slice(-600)}`,
    );
  // "http://localhost:8080/.store/version/<hash>: 1000042 triples, loaded and made current"
  const done = /^(\S+): (\d+) triples, (.+)$/m.exec(stdout);
  if (!done) throw new Error(`the loader's output names no version: ${stdout.slice(0, 300)}`);
  const [, graph, triples, what] = done as unknown as [string, string, string, string];
  const s = (ms: number | undefined): { value?: number } => (ms === undefined ? {} : { value: ms / 1000 });
  const peak = Math.max(...Object.values(peaks));
  return {
    graph,
    rows: [
      {
        part: 'load',
        name: 'validation (to "data validated")',
        size,
        ...s(marks.validated),
        unit: 's',
        note: `from the loader's spawn, empty CACHE_DIR: SHACL validation in batches in a worker while the main thread writes the files to the store; peak VmRSS ${peaks.validation !== undefined ? Math.round(peaks.validation) : '?'} MiB`,
      },
      {
        part: 'load',
        name: 'writing to the store',
        size,
        ...s(marks.writing !== undefined && marks.loaded !== undefined ? marks.loaded - marks.writing : undefined),
        unit: 's',
        note: `from the first file sent (beside validation) to the version recorded: each file parsed by Oxigraph, Graph Store POSTs of 100,000 triples, the count checked; ${triples} triples, ${what}; peak VmRSS ${peaks.writing !== undefined ? Math.round(peaks.writing) : '?'} MiB`,
      },
      {
        part: 'load',
        name: 'npm run load, to its exit',
        size,
        value: totalMs / 1000,
        unit: 's',
        note: `Virtuoso started empty in ${(server.startMs / 1000).toFixed(1)} s before it`,
      },
      {
        part: 'load',
        name: 'loader peak RSS',
        size,
        ...(Number.isFinite(peak) ? { value: peak } : {}),
        unit: 'MiB',
        note: `VmRSS sampled every ${RSS_SAMPLE_MS} ms, peak by phase: ${byPhase}`,
      },
    ],
  };
}
