// WORKERS=N: N front-end processes on one machine, sharing the port (node:cluster). Each replica is
// a whole front end (startServer); they hold no state between requests, so any of them answers any
// request alike. This process only supervises: it restarts a replica that dies, stops them all on
// SIGTERM or SIGINT, and on SIGHUP replaces them one at a time (a rolling restart: after `npm run
// load`, each new replica opens the store's new current version before an old one stops).
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A replica that dies this soon after it started counts as failing to start. */
const EARLY_EXIT_MS = 15_000;
/** This many early exits in a row stop the supervisor: the data, the store or the port is at fault. */
const MAX_EARLY_EXITS = 3;

/** Runs `count` replicas of this command until stopped; resolves with the exit code. */
export function superviseReplicas(count: number, logger: Logger): Promise<number> {
  return new Promise<number>((resolve) => {
    const started = new Map<Worker, number>();
    /** Replicas being replaced or stopped on purpose: their exit is not a failure. */
    const leaving = new Set<Worker>();
    let earlyExits = 0;
    let stopping = false;
    let exitCode = 0;
    let reloading = false;

    /** Whether any replica has listened: until one has, failing to start is fatal. */
    let listened = false;

    /** A replica; `replacing` marks one a rolling restart started (its failure is the reload's). */
    const fork = (replacing = false): Worker => {
      const worker = cluster.fork();
      started.set(worker, performance.now());
      worker.once('listening', () => {
        earlyExits = 0;
        listened = true;
        logger.info({ replica: worker.id, pid: worker.process.pid }, 'replica listening');
      });
      worker.once('exit', (code, signal) => {
        const age = performance.now() - (started.get(worker) ?? 0);
        started.delete(worker);
        if (leaving.delete(worker) || stopping || replacing) {
          if (stopping && started.size === 0) resolve(exitCode);
          return;
        }
        if (age < EARLY_EXIT_MS) earlyExits++;
        // Before any replica has listened, three failures in a row mean the data, the store or the
        // port is at fault: stop. Afterwards a replica is started again, later each time (up to
        // 30 s), while the others serve: a store that is away for a while does not stop the site.
        if (!listened && earlyExits >= MAX_EARLY_EXITS) {
          logger.fatal({ earlyExits }, 'replicas keep failing to start; stopping (see their errors above)');
          stop(1);
          return;
        }
        const delayMs = Math.min(30_000, 1000 * 2 ** Math.max(0, earlyExits - 1));
        logger.warn({ replica: worker.id, code, signal, restartInMs: delayMs }, 'replica exited; starting another');
        setTimeout(() => {
          if (!stopping) fork();
        }, delayMs).unref();
      });
      return worker;
    };

    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      if (started.size === 0) resolve(code);
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
    };

    // One replica at a time: the new one must listen before the old one goes, so the port always
    // has replicas behind it. A new one that cannot start leaves the old ones serving.
    const reload = async (): Promise<void> => {
      if (reloading || stopping) return;
      reloading = true;
      logger.info({ replicas: started.size }, 'rolling restart');
      const gone: Array<Promise<void>> = [];
      let replaced = true;
      for (const old of [...started.keys()]) {
        const fresh = fork(true);
        const ok = await new Promise<boolean>((done) => {
          fresh.once('listening', () => done(true));
          fresh.once('exit', () => done(false));
        });
        if (!ok) {
          logger.error('a new replica could not start; the running ones stay, on the version they serve');
          replaced = false;
          break;
        }
        leaving.add(old);
        gone.push(new Promise((done) => old.once('exit', () => done())));
        old.process.kill('SIGTERM');
      }
      // Done once the old replicas have ended: until then one may still answer a request it holds.
      await Promise.all(gone);
      if (replaced) logger.info({ replicas: started.size }, 'rolling restart done');
      reloading = false;
    };

    process.on('SIGTERM', () => stop(0));
    process.on('SIGINT', () => stop(0));
    process.on('SIGHUP', () => void reload());
    logger.info({ replicas: count, pid: process.pid }, `starting ${count} replicas (SIGHUP restarts them one by one)`);
    for (let i = 0; i < count; i++) fork();
  });
}

/** True in a replica started by superviseReplicas. */
export function isReplica(): boolean {
  return cluster.isWorker;
}
