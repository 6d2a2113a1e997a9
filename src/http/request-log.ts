// One structured log line per request, in pino's JSON line format.
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Where request lines go: pino's destination stream (buffered), or a logger. */
export interface RequestLogSink {
  write(line: string): unknown;
}

/** Writes one line for a request once its response is written. */
export interface LogRequest {
  /** Logs when the response finishes (any handler), timed from `started` (default: now). */
  (req: Request, res: Response, started?: number): void;
  /** Logs now, for a response already written in full, begun at `started` (performance.now()). */
  written(req: Request, res: Response, started: number): void;
}

/**
 * The request log. With a destination (pino's, in production), lines are built directly in pino's
 * format (`level`, `time`, the base fields, `msg`) and handed over in batches: this costs a
 * fraction of `logger.info()` per request (docs/performance.md). Without one, `logger.info()` is used.
 */
export function createRequestLog(
  logger: Logger,
  destination?: RequestLogSink,
  base: Record<string, unknown> = {},
): LogRequest {
  if (!logger.isLevelEnabled('info')) return Object.assign(() => undefined, { written: () => undefined });
  const sink = destination ? batched(destination) : undefined;
  // The constant part of every line, serialised once.
  const fixed = JSON.stringify(base).slice(1, -1);
  const written = (req: Request, res: Response, started: number): void => {
    const ms = Math.round((performance.now() - started) * 100) / 100;
    const bytes = Number(res.getHeader('content-length') ?? 0);
    if (sink) {
      sink.write(
        `{"level":30,"time":${Date.now()}${fixed ? `,${fixed}` : ''},"method":${JSON.stringify(req.method)},"url":${JSON.stringify(req.originalUrl)},"status":${res.statusCode},"ms":${ms},"bytes":${bytes},"msg":"request"}\n`,
      );
    } else {
      logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms, bytes }, 'request');
    }
  };
  const log = (req: Request, res: Response, started = performance.now()): void => {
    res.once('finish', () => written(req, res, started));
  };
  return Object.assign(log, { written });
}

/**
 * Collects lines and hands them to the destination once per turn of the event loop: one write for
 * all the requests answered in that turn, instead of one per request.
 */
function batched(destination: RequestLogSink): RequestLogSink {
  let pending: string[] = [];
  const flush = (): void => {
    const lines = pending;
    pending = [];
    destination.write(lines.join(''));
  };
  return {
    write(line: string) {
      if (pending.push(line) === 1) setImmediate(flush);
    },
  };
}

/** Express middleware logging every request. */
export function requestLogger(log: LogRequest): RequestHandler {
  return (req, res, next) => {
    log(req, res);
    next();
  };
}
