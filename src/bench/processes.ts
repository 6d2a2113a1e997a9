// Child processes the benchmark starts on 127.0.0.1, and stops: the platform and the baselines.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 answer. */
  readonly readyMs: number;
  /** performance.now() when the process was spawned. */
  readonly startedAt: number;
  /** Peak resident memory (VmHWM) when ready, in MiB. */
  readonly peakRssMiB?: number;
  stop(): Promise<void>;
}

/** A memory figure of a process from Linux /proc/PID/status, in MiB; undefined when unreadable. */
async function statusMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Peak RSS of a process so far (VmHWM), in MiB. */
export function peakRss(pid: number | undefined): Promise<number | undefined> {
  return statusMiB(pid, 'VmHWM');
}

/** Resident memory of a process now (VmRSS), in MiB. */
export function currentRss(pid: number | undefined): Promise<number | undefined> {
  return statusMiB(pid, 'VmRSS');
}

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc/PID/stat;
 * undefined when unreadable. Clock ticks are taken as 100 per second (Linux's USER_HZ).
 */
export async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (in parentheses, which may hold spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface RssSampler {
  /** Stops sampling; the highest VmRSS seen (undefined if none could be read) and the number of samples. */
  stop(): Promise<{ peak?: number; samples: number }>;
}

/**
 * Reads VmRSS every `intervalMs` until stopped: the peak over a window, where VmHWM would also
 * hold whatever peak came before it (a start-up's).
 */
export function sampleRss(pid: number | undefined, intervalMs = 200): RssSampler {
  let peak: number | undefined;
  let samples = 0;
  const take = async (): Promise<void> => {
    const now = await currentRss(pid);
    if (now === undefined) return;
    samples++;
    peak = Math.max(peak ?? 0, now);
  };
  let last = take();
  const timer = setInterval(() => {
    last = last.then(take);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await take();
      return { ...(peak !== undefined ? { peak } : {}), samples };
    },
  };
}

/** Spawns a Node script and waits until `probePath` answers 200 (or the process dies / times out). */
export async function startNodeProcess(
  args: string[],
  env: Record<string, string>,
  port: number,
  probePath = '/',
  timeoutMs = 600_000,
): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/`;
  const stop = (): Promise<void> => stopChild(child);
  const polling = { url, child, startedAt: started };
  try {
    const readyMs = await untilOk(polling, probePath, timeoutMs);
    const peak = await peakRss(child.pid);
    return { ...polling, readyMs, ...(peak !== undefined ? { peakRssMiB: peak } : {}), stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}: ${stderr}`, { cause: error });
  }
}

/**
 * Starts the platform (built JS) on a data root. Unless `pagesOnly`, waits until SPARQL answers as
 * well, so `readyMs` and `peakRssMiB` cover every copy of the data being loaded.
 */
export async function startPlatform(
  dataRoot: string,
  env: Record<string, string> = {},
  { pagesOnly = false }: { pagesOnly?: boolean } = {},
): Promise<Started> {
  const port = await freePort();
  const started = await startNodeProcess(
    [path.join(PROJECT_ROOT, 'dist/src/cli.js'), 'serve'],
    {
      DATA_ROOT: dataRoot,
      BASE_IRI: `http://127.0.0.1:${port}/`,
      // Its links go to itself, also when `env` names another BASE_IRI (the sparql store's front ends).
      SITE_URL: `http://127.0.0.1:${port}/`,
      LOG_LEVEL: 'info',
      ...env,
    },
    port,
  );
  if (pagesOnly) return started;
  try {
    const readyMs = await readyAt(started, SPARQL_PROBE);
    const peak = await peakRss(started.child.pid);
    return { ...started, readyMs, ...(peak !== undefined ? { peakRssMiB: peak } : {}) };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** A query every platform answers at once, once its SPARQL workers are ready. */
export const SPARQL_PROBE = '/sparql?query=ASK%7B%7D';

/**
 * Milliseconds from a started process's spawn until `path` answers 200, polling every 50 ms (the
 * platform serves documents before its SPARQL workers have loaded the data).
 */
export function readyAt(started: Started, path: string, timeoutMs = 600_000): Promise<number> {
  return untilOk(started, path, timeoutMs);
}

/** Polls `path` every 50 ms until it answers 200; milliseconds since spawn. Fails if the process ends. */
async function untilOk(
  target: Pick<Started, 'url' | 'child' | 'startedAt'>,
  path: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const { exitCode, signalCode } = target.child;
    if (exitCode !== null || signalCode !== null) throw new Error(`process exited with ${exitCode ?? signalCode}`);
    try {
      const res = await fetch(target.url + path.replace(/^\//, ''), { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - target.startedAt;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} did not answer 200 within ${timeoutMs} ms`);
}

/** Stops a child process this process started: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
