// One structured log line per request, written when the response is finished.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Logs method, path, status, duration and size; cheap enough to stay on in production. */
export function requestLogger(logger: Logger): RequestHandler {
  const enabled = logger.isLevelEnabled('info');
  return (req, res, next) => {
    if (!enabled) {
      next();
      return;
    }
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
    next();
  };
}
