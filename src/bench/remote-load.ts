// The sparql store's load part: `npm run load` (the built CLI) into Virtuoso, timed by phase from its
// log, its memory sampled and bounded.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { currentRss, stopChild } from './processes.js';
import type { BenchRow } from './report.js';
import type { VirtuosoServer } from './virtuoso.js';

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
export async function runLoader(
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
