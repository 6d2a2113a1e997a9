// Writing a representation: headers, conditional requests, HEAD, gzip.
import type { Request, Response } from 'express';
import type { Representation } from '../render/representation.js';

export interface SendOptions {
  /** The response varies by Accept (a negotiated resource). */
  readonly negotiated?: boolean;
  /** Content-Location of the chosen variant. */
  readonly contentLocation?: string;
  /** Offer gzip when the client accepts it (large downloads). */
  readonly gzip?: boolean;
  readonly status?: number;
  readonly cacheControl?: string;
}

/** Cache policy for data that only changes with a deployment. */
export const CACHE_DOCUMENTS = 'public, max-age=300, must-revalidate';

/** Sends a representation with ETag, Cache-Control and CORS; answers 304 when fresh. */
export function sendRepresentation(req: Request, res: Response, rep: Representation, options: SendOptions = {}): void {
  const vary: string[] = [];
  if (options.negotiated) vary.push('Accept');
  const gzip = options.gzip === true && req.acceptsEncodings('gzip', 'identity') === 'gzip';
  if (options.gzip) vary.push('Accept-Encoding');
  if (vary.length > 0) res.setHeader('Vary', vary.join(', '));
  res.setHeader('Content-Type', rep.contentType);
  // Each content coding is its own representation, so it gets its own strong validator.
  res.setHeader('ETag', gzip ? `${rep.etag.slice(0, -1)}-gzip"` : rep.etag);
  res.setHeader('Cache-Control', options.cacheControl ?? CACHE_DOCUMENTS);
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (options.contentLocation) res.setHeader('Content-Location', options.contentLocation);
  if (options.status === undefined && req.fresh) {
    res.status(304).end();
    return;
  }
  const body = gzip ? rep.gzipped() : rep.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(body.length));
  res.status(options.status ?? 200).end(req.method === 'HEAD' ? undefined : body);
}
