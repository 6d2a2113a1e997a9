// Writing a representation: headers, conditional requests, HEAD, gzip. Works on plain node:http
// objects, so the fast path and the express routes write responses the same way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import Negotiator from 'negotiator';
import type { FileRepresentation } from '../render/file-representation.js';
import type { Representation } from '../render/representation.js';
import { allowAnyOrigin } from './cors.js';

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

/** The client takes gzip and the route offers it. */
function choosesGzip(req: IncomingMessage, options: SendOptions): boolean {
  return options.gzip === true && new Negotiator(req).encodings(['gzip', 'identity'])[0] === 'gzip';
}

/**
 * Writes the headers every representation carries (type, ETag, caching, CORS, Vary); answers 304
 * and returns false when the client's copy is fresh, else true (the body is still to be sent).
 */
function writeEntityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  entity: { readonly contentType: string; readonly etag: string },
  options: SendOptions,
  gzip: boolean,
): boolean {
  if (options.negotiated) res.setHeader('Vary', options.gzip ? 'Accept, Accept-Encoding' : 'Accept');
  else if (options.gzip) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Type', entity.contentType);
  // Each content coding is its own representation, so it gets its own strong validator.
  const etag = gzip ? `${entity.etag.slice(0, -1)}-gzip"` : entity.etag;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', options.cacheControl ?? CACHE_DOCUMENTS);
  allowAnyOrigin(res);
  if (options.contentLocation) res.setHeader('Content-Location', options.contentLocation);
  if (
    options.status === undefined &&
    (req.method === 'GET' || req.method === 'HEAD') &&
    matchesIfNoneMatch(req.headers['if-none-match'], etag)
  ) {
    res.statusCode = 304;
    res.end();
    return false;
  }
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.statusCode = options.status ?? 200;
  return true;
}

/** Sends a representation with ETag, Cache-Control and CORS; answers 304 when fresh. */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  options: SendOptions = {},
): void {
  const gzip = choosesGzip(req, options);
  if (!writeEntityHeaders(req, res, rep, options, gzip)) return;
  const body = gzip ? rep.gzipped() : rep.body;
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Sends a file-backed representation (a dump) by streaming it; the same headers and 304 as above. */
export async function sendFileRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: FileRepresentation,
  options: SendOptions = {},
): Promise<void> {
  const gzip = choosesGzip(req, options);
  const body = gzip ? await rep.gzipped() : rep;
  if (!writeEntityHeaders(req, res, rep, options, gzip)) return;
  res.setHeader('Content-Length', String(body.size));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A client that goes away mid-download ends the pipeline with an error: the response is closed
  // already and there is nothing left to tell anyone, so the error is dropped here.
  await pipeline(body.stream(), res).catch(() => undefined);
}
