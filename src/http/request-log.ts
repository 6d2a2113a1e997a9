// One structured log line per request, written when the response is finished.
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Logs one request when its response finishes (a no-op below level info). */
export function logRequestWith(logger: Logger): (req: Request, res: Response) => void {
  if (!logger.isLevelEnabled('info')) return () => undefined;
  return (req, res) => {
    const started = performance.now();
    res.once('finish', () => {
      logger.info(
        {
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 100) / 100,
          bytes: Number(res.getHeader('content-length') ?? 0),
        },
        'request',
      );
    });
  };
}

/** Logs method, path, status, duration and size; cheap enough to stay on in production. */
export function requestLogger(log: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    log(req, res);
    next();
  };
}
