// Virtuoso (Debian's virtuoso-opensource-7) as a SPARQL baseline: started by the benchmark on 127.0.0.1 in a
// temporary folder, loaded with the platform's N-Triples dump, and stopped (folder deleted) afterwards.
import { execFile, spawn } from 'node:child_process';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { freePort } from './processes.js';

export const VIRTUOSO_NOT_INSTALLED = 'Virtuoso not installed (apt-get install virtuoso-opensource-7-bin)';

/** The Virtuoso server binary and its isql client, when installed. */
export interface VirtuosoBinaries {
  readonly server: string;
  readonly isql: string;
}

async function onPath(names: readonly string[]): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin'];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The binaries, or undefined when Virtuoso is not installed. */
export async function findVirtuoso(): Promise<VirtuosoBinaries | undefined> {
  const server = await onPath(['virtuoso-t']);
  const isql = await onPath(['isql-vt', 'isql-v']);
  return server && isql ? { server, isql } : undefined;
}

export interface RunningVirtuoso {
  /** The SPARQL endpoint, http://127.0.0.1:<port>/sparql. */
  readonly sparqlUrl: string;
  /** Milliseconds from spawn until isql answers. */
  readonly startMs: number;
  /** Milliseconds to download the dump, load it and checkpoint. */
  readonly loadMs: number;
  /** Triples in the dump, in the graph loaded, and seen by a query without FROM. */
  readonly dumpTriples: number;
  readonly graphTriples: number;
  readonly defaultGraphTriples: number;
  stop(): Promise<void>;
}

export interface StartVirtuosoOptions {
  /** The platform's base IRI: the dump is downloaded from BASE/dataset/dump.nt. */
  readonly platformUrl: string;
  readonly binaries: VirtuosoBinaries;
  /** Milliseconds to wait for the server to answer isql. */
  readonly startTimeoutMs?: number;
}

/** A virtuoso.ini for a server in `folder`, both ports on 127.0.0.1 only (the store is never exposed). */
export function iniFile(folder: string, sqlPort: number, httpPort: number): string {
  const file = (name: string): string => path.join(folder, name);
  return `[Database]
DatabaseFile = ${file('virtuoso.db')}
ErrorLogFile = ${file('virtuoso.log')}
LockFile = ${file('virtuoso.lck')}
TransactionFile = ${file('virtuoso.trx')}
xa_persistent_file = ${file('virtuoso.pxa')}
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${file('virtuoso-temp.db')}
TransactionFile = ${file('virtuoso-temp.trx')}
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
MaxQueryMem = 2G
MaxSortedTopRows = 20000000
DirsAllowed = ., ${folder}
VADInstallDir = ${folder}

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${folder}
ServerThreads = 32
MaxClientConnections = 32
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
`;
}

export interface IsqlResult {
  readonly ok: boolean;
  readonly output: string;
}

function isql(binaries: VirtuosoBinaries, port: number, sql: string, timeoutMs: number): Promise<IsqlResult> {
  return new Promise((resolve) => {
    execFile(
      binaries.isql,
      [`127.0.0.1:${port}`, 'dba', 'dba', `exec=${sql}`],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        resolve({ ok: !error && !/\*\*\* Error/.test(output), output });
      },
    );
  });
}

/** Lines of an N-Triples file that hold a triple (not blank, not a comment), counted while streaming. */
async function countTriples(file: string): Promise<number> {
  let count = 0;
  let atLineStart = true;
  let lineHasTriple = false;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) {
      if (byte === 0x0a) {
        if (lineHasTriple) count++;
        atLineStart = true;
        lineHasTriple = false;
      } else if (atLineStart && (byte === 0x20 || byte === 0x09 || byte === 0x0d)) {
        // leading white space
      } else {
        if (atLineStart) lineHasTriple = byte !== 0x23; // '#'
        atLineStart = false;
      }
    }
  }
  return lineHasTriple ? count + 1 : count;
}

async function sparqlCount(sparqlUrl: string, query: string): Promise<number> {
  const res = await fetch(sparqlUrl, {
    method: 'POST',
    body: new URLSearchParams({ query }),
    headers: { accept: 'application/sparql-results+json' },
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`Virtuoso answered ${res.status}: ${text.slice(0, 300)}`);
  const json = JSON.parse(text) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return Number(json.results.bindings[0]?.c?.value ?? NaN);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A Virtuoso server started in a temporary folder on two free 127.0.0.1 ports, with nothing loaded. */
export interface VirtuosoServer {
  /** The SPARQL endpoint, http://127.0.0.1:<port>/sparql. */
  readonly sparqlUrl: string;
  /** The HTTP server's root, http://127.0.0.1:<port>/ (the Graph Store protocol is under it). */
  readonly httpUrl: string;
  /** The folder the server runs in (its DirsAllowed, for the bulk loader). */
  readonly folder: string;
  /** Milliseconds from spawn until isql answers. */
  readonly startMs: number;
  /** The server's process id (its CPU and memory are read from /proc). */
  readonly pid: number | undefined;
  /** Runs SQL through isql as dba. */
  isql(sql: string, timeoutMs?: number): Promise<IsqlResult>;
  stop(): Promise<void>;
}

/**
 * Starts an empty Virtuoso in a temporary folder on two free 127.0.0.1 ports and waits until isql
 * and its SPARQL endpoint answer. The caller must call stop() (in a finally block): it stops the server and deletes the
 * folder. When starting fails, everything started so far is stopped before the error is thrown.
 */
export async function startVirtuosoServer(
  binaries: VirtuosoBinaries,
  startTimeoutMs = 180_000,
): Promise<VirtuosoServer> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  await writeFile(path.join(folder, 'virtuoso.ini'), iniFile(folder, sqlPort, httpPort));

  const started = performance.now();
  const child = spawn(binaries.server, ['+configfile', path.join(folder, 'virtuoso.ini'), '+foreground'], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  // Should this process exit without stop() (an uncaught error), do not leave the server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited() && !spawnError) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
    await rm(folder, { recursive: true, force: true });
  };

  try {
    for (;;) {
      if (spawnError) throw spawnError;
      if (exited()) throw new Error(`virtuoso-t exited (${child.exitCode ?? child.signalCode}): ${log}`);
      if (performance.now() - started > startTimeoutMs)
        throw new Error(`Virtuoso did not answer isql within ${startTimeoutMs} ms: ${log}`);
      if ((await isql(binaries, sqlPort, 'select 1;', 5_000)).ok) break;
      await sleep(200);
    }
    // The HTTP listener comes up after the SQL one: wait until SPARQL answers too.
    for (;;) {
      const answer = await fetch(`http://127.0.0.1:${httpPort}/sparql?query=ASK%7B%7D`, {
        signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
      await answer?.body?.cancel();
      if (answer?.status === 200) break;
      if (exited()) throw new Error(`virtuoso-t exited (${child.exitCode ?? child.signalCode}): ${log}`);
      if (performance.now() - started > startTimeoutMs)
        throw new Error(`Virtuoso's SPARQL endpoint did not answer within ${startTimeoutMs} ms: ${log}`);
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    sparqlUrl: `http://127.0.0.1:${httpPort}/sparql`,
    httpUrl: `http://127.0.0.1:${httpPort}/`,
    folder,
    startMs: performance.now() - started,
    pid: child.pid,
    isql: (sql, timeoutMs = 3_600_000) => isql(binaries, sqlPort, sql, timeoutMs),
    stop,
  };
}

/**
 * Starts Virtuoso (startVirtuosoServer), loads the platform's N-Triples dump into one graph with
 * the bulk loader and checks that a query without FROM sees it. The caller must call stop().
 */
export async function startVirtuoso(options: StartVirtuosoOptions): Promise<RunningVirtuoso> {
  const server = await startVirtuosoServer(options.binaries, options.startTimeoutMs);
  const { folder, sparqlUrl } = server;
  try {
    const loading = performance.now();
    const dump = path.join(folder, 'dump.nt');
    const res = await fetch(new URL('dataset/dump.nt', options.platformUrl), {
      headers: { accept: 'application/n-triples' },
    });
    if (res.status !== 200 || !res.body) throw new Error(`the platform's dump answered ${res.status}`);
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(dump));
    const graph = new URL('bench-graph', options.platformUrl).href;
    const loaded = await server.isql(`ld_dir('${folder}', 'dump.nt', '${graph}'); rdf_loader_run(); checkpoint;`);
    if (!loaded.ok) throw new Error(`loading into Virtuoso failed: ${loaded.output.slice(-1000)}`);
    const errors = await server.isql(
      "select 'LOAD_ERRORS=' || cast(count(*) as varchar) from DB.DBA.load_list where ll_error is not null;",
      60_000,
    );
    if (/LOAD_ERRORS=(\d+)/.exec(errors.output)?.[1] !== '0') {
      const detail = await server.isql('select ll_file, ll_error from DB.DBA.load_list;', 60_000);
      throw new Error(`Virtuoso's loader reported errors: ${detail.output.slice(-1000)}`);
    }
    const loadMs = performance.now() - loading;

    const dumpTriples = await countTriples(dump);
    const graphTriples = await sparqlCount(
      sparqlUrl,
      `SELECT (COUNT(*) AS ?c) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`,
    );
    const defaultGraphTriples = await sparqlCount(sparqlUrl, 'SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }');
    // Virtuoso's default graph is the union of all graphs (its own system graphs included): it must hold ours.
    if (!(graphTriples > 0) || !(defaultGraphTriples >= graphTriples)) {
      throw new Error(
        `Virtuoso's default graph does not show the data: ${defaultGraphTriples} triples without FROM, ${graphTriples} in <${graph}>, ${dumpTriples} in the dump`,
      );
    }
    await rm(dump, { force: true });
    return {
      sparqlUrl,
      startMs: server.startMs,
      loadMs,
      dumpTriples,
      graphTriples,
      defaultGraphTriples,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
