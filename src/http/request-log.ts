// One structured log line per request, in pino's JSON line format.
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Where request lines go: pino's destination stream (buffered), or a logger. */
export interface RequestLogSink {
  write(line: string): unknown;
}

/** Writes one line for a request once its response is written. */
export interface LogRequest {
  /** Logs when the response finishes (any handler). */
  (req: Request, res: Response): void;
  /** Logs now, for a response already written in full, begun at `started` (performance.now()). */
  written(req: Request, res: Response, started: number): void;
}

/**
 * The request log. With a sink (pino's destination, in production), lines are built directly in
 * pino's format (`level`, `time`, the base fields, `msg`) and written to it: this costs a fraction
 * of `logger.info()` per request (docs/performance.md). Without one, `logger.info()` is used.
 */
export function createRequestLog(
  logger: Logger,
  sink?: RequestLogSink,
  base: Record<string, unknown> = {},
): LogRequest {
  if (!logger.isLevelEnabled('info')) return Object.assign(() => undefined, { written: () => undefined });
  const write = sink
    ? (entry: Record<string, unknown>) =>
        sink.write(`${JSON.stringify({ level: 30, time: Date.now(), ...base, ...entry, msg: 'request' })}\n`)
    : (entry: Record<string, unknown>) => logger.info(entry, 'request');
  const written = (req: Request, res: Response, started: number): void => {
    write({
      method: req.method,
      url: req.originalUrl,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 100) / 100,
      bytes: Number(res.getHeader('content-length') ?? 0),
    });
  };
  const log = (req: Request, res: Response): void => {
    const started = performance.now();
    res.once('finish', () => written(req, res, started));
  };
  return Object.assign(log, { written });
}

/** Express middleware logging every request. */
export function requestLogger(log: LogRequest): RequestHandler {
  return (req, res, next) => {
    log(req, res);
    next();
  };
}
