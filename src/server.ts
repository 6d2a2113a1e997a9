// Starts the platform: load and validate the data, serve it, stop cleanly on SIGTERM/SIGINT.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { SERVICE_NAME, createApp } from './app.js';
import type { RequestLogSink } from './http/request-log.js';
import type { Config } from './config.js';
import { formatReportText } from './dataset/report.js';
import { openPlatform } from './platform.js';

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
 * Creates the structured logger (one JSON line per event, to stdout), writing synchronously so
 * no line is lost on a crash. Request lines reach the same destination in one write per turn of
 * the event loop (src/http/request-log.ts): asynchronous writes through libuv's thread pool cost
 * a quarter of the throughput on two cores (docs/performance.md).
 */
export function createLogger(config: Config): { logger: Logger; destination: RequestLogSink } {
  const destination = pino.destination({ dest: 1, sync: true });
  return { logger: pino({ level: config.logLevel, base: { service: SERVICE_NAME } }, destination), destination };
}

/** Loads, validates and serves; resolves once listening. */
export async function startServer(
  config: Config,
  logger?: Logger,
  requestLogSink?: RequestLogSink,
): Promise<RunningServer> {
  if (!logger) ({ logger, destination: requestLogSink } = createLogger(config));
  const started = performance.now();
  const { platform, validation } = await openPlatform(config, undefined, logger);
  if (!platform) throw new InvalidDataError(formatReportText(validation, config.baseIri));
  const { site, engine } = platform;
  const app = createApp(config, { ...platform, logger, ...(requestLogSink ? { requestLogSink } : {}) });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`;
  logger.info(
    {
      url,
      baseIri: config.baseIri,
      triples: site.tripleCount,
      things: site.index.things.size,
      startupMs: Math.round(performance.now() - started),
    },
    'listening',
  );
  const running: RunningServer = {
    server,
    url,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await engine.close();
    },
  };
  // Documents are served from here on; SPARQL queries wait in the queue until the workers have
  // loaded the data. If they cannot, the server stops rather than answer only half its routes.
  engine.ready.then(
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
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
