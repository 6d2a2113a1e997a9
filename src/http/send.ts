// Writing a representation: headers, conditional requests, HEAD, gzip. Works on plain node:http
// objects, so the fast path and the express routes write responses the same way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
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

/**
 * True when If-None-Match names this entity tag (or is `*`): RFC 9110 §13.1.2, weak comparison.
 * A malformed header simply matches nothing.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return trimmed.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

/** Sends a representation with ETag, Cache-Control and CORS; answers 304 when fresh. */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  options: SendOptions = {},
): void {
  const gzip = options.gzip === true && new Negotiator(req).encodings(['gzip', 'identity'])[0] === 'gzip';
  if (options.negotiated) res.setHeader('Vary', options.gzip ? 'Accept, Accept-Encoding' : 'Accept');
  else if (options.gzip) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Type', rep.contentType);
  // Each content coding is its own representation, so it gets its own strong validator.
  const etag = gzip ? `${rep.etag.slice(0, -1)}-gzip"` : rep.etag;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', options.cacheControl ?? CACHE_DOCUMENTS);
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (options.contentLocation) res.setHeader('Content-Location', options.contentLocation);
  if (
    options.status === undefined &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    matchesIfNoneMatch(req.headers['if-none-match'], etag)
  ) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = gzip ? rep.gzipped() : rep.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(body.length));
  res.statusCode = options.status ?? 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}
