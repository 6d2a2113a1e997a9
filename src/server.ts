// Starts the platform: load and validate the data, serve it, stop cleanly on SIGTERM/SIGINT.
import net, { type AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { SERVICE_NAME, createApp } from './app.js';
import type { RequestLogSink } from './http/request-log.js';
import type { Config } from './config.js';
import { roughCount } from './dataset/progress.js';
import { formatReportText } from './dataset/report.js';
import cluster from 'node:cluster';
import { isReplica } from './replicas.js';
import { followVersions } from './follow-version.js';
import { closePlatform, openPlatform, type Platform } from './platform.js';
import { chooseLogFormat, prettyLines } from './pretty-log.js';

/** The data did not validate: the server refuses to start. `report` is the readable report. */
export class InvalidDataError extends Error {
  constructor(readonly report: string) {
    super('the data does not conform to the shapes; refusing to start');
    this.name = 'InvalidDataError';
  }
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Creates the structured logger, writing synchronously so no line is lost on a crash. JSON lines
 * (one per event) unless the log format is pretty (LOG_FORMAT, or `auto` and stdout a terminal),
 * then readable lines through pino-pretty. Request lines reach the same destination in one write
 * per turn of the event loop (src/http/request-log.ts): asynchronous writes through libuv's thread
 * pool cost a quarter of the throughput on two cores (docs/performance.md).
 */
export function createLogger(
  config: Config,
  stdout: { fd: number; isTTY: boolean } = { fd: 1, isTTY: process.stdout.isTTY === true },
): { logger: Logger; destination: RequestLogSink } {
  const json = pino.destination({ dest: stdout.fd, sync: true });
  const destination =
    chooseLogFormat(config.logFormat, stdout.isTTY) === 'pretty' ? prettyLines(json, stdout.isTTY) : json;
  return { logger: pino({ level: config.logLevel, base: { service: SERVICE_NAME } }, destination), destination };
}

/** The server cannot listen where it was told to (the port is taken, or not ours to take): exit code 2. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/** A listen error as one line a person can act on; other errors are left as they are. */
function listenError(error: unknown, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ListenError(`port ${port} is already in use on ${host}; set PORT to another port`);
    case 'EACCES':
      return new ListenError(
        `not allowed to listen on port ${port} on ${host}; set PORT to another port (1024 or above)`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(`cannot listen on ${host}: it is not an address of this machine; set HOST`);
    default:
      return error;
  }
}

/**
 * Fails at once when the port cannot be had, before minutes of loading: binds it and lets it go.
 * The real listen comes after the data is loaded (the port stays closed until pages can be
 * served), and fails the same way if another process took the port in between.
 */
export async function checkPortFree(host: string, port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    throw listenError(error, host, port);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** The address a person can open: `localhost` when bound to every interface. */
function openableUrl(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0' || address.address === '::'
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return `http://${host}:${address.port}/`;
}

/** The start-up line: where to open the site, what it is published as, what it serves. */
export function startupMessage(o: {
  address: AddressInfo;
  baseIri: string;
  /** SITE_URL: where the pages link to (the server always gives it). */
  siteUrl?: string;
  things: number;
  triples: number;
  startupMs: number;
}): string {
  const bound = o.address.family === 'IPv6' ? `[${o.address.address}]` : o.address.address;
  return (
    `ready in ${(o.startupMs / 1000).toFixed(1)} s: open ${openableUrl(o.address)} ` +
    `(BASE_IRI ${o.baseIri}; ${o.siteUrl ? `SITE_URL ${o.siteUrl}; ` : ''}listening on ${bound}:${o.address.port}; ` +
    `${o.things} things, ${roughCount(o.triples)} triples; SPARQL once its workers have loaded)`
  );
}

/** Loads, validates and serves; resolves once listening. */
export async function startServer(
  config: Config,
  logger?: Logger,
  requestLogSink?: RequestLogSink,
): Promise<RunningServer> {
  if (!logger) ({ logger, destination: requestLogSink } = createLogger(config));
  const started = performance.now();
  // Replicas share a port their supervisor checked (and the first of them already holds).
  if (!isReplica()) await checkPortFree(config.host, config.port);
  const { platform, validation } = await openPlatform(config, undefined, logger);
  if (!platform) throw new InvalidDataError(formatReportText(validation, config.baseIri));
  const { site, store } = platform;
  // Requests go to the platform of the version served now (a front end of a remote store moves to
  // the store's new current version: follow-version.ts); each counts as held by its platform until
  // its response is done, so an old version is closed only once it has answered.
  let served = platform;
  let handler: RequestListener;
  // Weak: a version closed and answered is forgotten with its platform.
  const held = new WeakMap<Platform, number>();
  const serve = (next: Platform): void => {
    const app = createApp(config, { ...next, logger, ...(requestLogSink ? { requestLogSink } : {}) });
    served = next;
    handler = (req, res) => {
      held.set(next, (held.get(next) ?? 0) + 1);
      res.once('close', () => held.set(next, (held.get(next) ?? 1) - 1));
      app(req, res);
    };
  };
  let server: Server;
  try {
    serve(platform);
    server = await new Promise<Server>((resolve, reject) => {
      const s = createServer((req, res) => handler(req, res));
      s.once('error', reject);
      s.listen(config.port, config.host, () => {
        s.off('error', reject);
        resolve(s);
      });
    });
  } catch (error) {
    // The SPARQL workers are loading: stopped here, or they would keep the process alive.
    await store.close().catch(() => undefined);
    throw listenError(error, config.host, config.port);
  }
  const follower = followVersions({
    config,
    logger,
    served: () => served,
    switchTo: serve,
    held: (p) => held.get(p) ?? 0,
  });
  // SIGHUP: ask the store at once (a replica's supervisor handles its own SIGHUP: replicas.ts).
  const onHangUp = (): void => void follower?.check();
  if (follower && !isReplica()) process.on('SIGHUP', onHangUp);
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`;
  const startupMs = Math.round(performance.now() - started);
  logger.info(
    {
      url,
      open: openableUrl(address),
      baseIri: config.baseIri,
      siteUrl: config.siteUrl,
      triples: site.tripleCount,
      things: site.things.size,
      startupMs,
    },
    startupMessage({
      address,
      baseIri: config.baseIri,
      siteUrl: config.siteUrl,
      things: site.things.size,
      triples: site.tripleCount,
      startupMs,
    }),
  );
  const running: RunningServer = {
    server,
    url,
    close: async () => {
      process.off('SIGHUP', onHangUp);
      await follower?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await closePlatform(served);
    },
  };
  // Documents are served from here on; SPARQL queries wait in the queue until the workers have
  // loaded the data. If they cannot, the server stops rather than answer only half its routes.
  store.ready.then(
    () => logger.info({ sparqlReadyMs: Math.round(performance.now() - started) }, 'SPARQL engine ready'),
    (error: unknown) => {
      logger.fatal({ err: error }, 'the SPARQL engine could not start; stopping');
      process.exitCode = 1;
      void running.close();
    },
  );
  return running;
}

/** Stops the server on SIGTERM or SIGINT, letting requests in flight finish (up to 10 s). */
export function stopOnSignals(running: RunningServer, logger: Logger): void {
  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('requests still open after 10 s; closing them');
      running.server.closeAllConnections();
    }, 10_000);
    force.unref();
    void running.close().then(() => {
      logger.info('stopped');
      logger.flush();
      process.exitCode = 0;
      // A replica's channel to its supervisor would keep it alive: closing it lets the process end.
      if (isReplica()) cluster.worker?.disconnect();
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
