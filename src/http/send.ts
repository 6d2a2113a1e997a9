// Writing a representation: headers, conditional requests (the one place that answers 304), HEAD,
// gzip. Works on plain node:http objects, so the fast path and the express routes write responses
// the same way.
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

/** An entity tag and the headers that go with it, on the full answer and on a 304 alike. */
export interface Validator {
  readonly etag: string;
  /** Absent when the type is not known yet (a SPARQL result, validated before it is evaluated). */
  readonly contentType?: string;
  readonly cacheControl?: string;
  readonly vary?: string;
  readonly contentLocation?: string;
}

/** Writes the validator and its headers (Vary, type, ETag, caching, CORS, Content-Location). */
function writeValidator(res: ServerResponse, validator: Validator): void {
  if (validator.vary) res.setHeader('Vary', validator.vary);
  if (validator.contentType) res.setHeader('Content-Type', validator.contentType);
  res.setHeader('ETag', validator.etag);
  if (validator.cacheControl) res.setHeader('Cache-Control', validator.cacheControl);
  allowAnyOrigin(res);
  if (validator.contentLocation) res.setHeader('Content-Location', validator.contentLocation);
}

/**
 * Conditional requests, decided here only: writes the validator and its headers, then answers
 * `304` and returns true when the request is a GET or HEAD whose If-None-Match names the tag (the
 * response is done); else returns false, and the caller sends the body. The SPARQL route calls
 * this before it runs the query, so a 304 costs no evaluation.
 */
export function answerNotModified(req: IncomingMessage, res: ServerResponse, validator: Validator): boolean {
  writeValidator(res, validator);
  if (
    (req.method !== 'GET' && req.method !== 'HEAD') ||
    !matchesIfNoneMatch(req.headers['if-none-match'], validator.etag)
  )
    return false;
  res.statusCode = 304;
  res.end();
  return true;
}

/** What a representation varies by: Accept when negotiated, Accept-Encoding when gzip is offered. */
function varyOf(options: SendOptions): string | undefined {
  if (options.negotiated) return options.gzip ? 'Accept, Accept-Encoding' : 'Accept';
  return options.gzip ? 'Accept-Encoding' : undefined;
}

/**
 * Writes the headers every representation carries (type, ETag, caching, CORS, Vary); answers 304
 * and returns false when the client's copy is fresh, else true (the body is still to be sent).
 * A response with a status of its own (the 410 page) is not conditional.
 */
function writeEntityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  entity: { readonly contentType: string; readonly etag: string },
  options: SendOptions,
  gzip: boolean,
): boolean {
  const validator: Validator = {
    vary: varyOf(options),
    contentType: entity.contentType,
    // Each content coding is its own representation, so it gets its own strong validator.
    etag: gzip ? `${entity.etag.slice(0, -1)}-gzip"` : entity.etag,
    cacheControl: options.cacheControl ?? CACHE_DOCUMENTS,
    contentLocation: options.contentLocation,
  };
  if (options.status !== undefined) writeValidator(res, validator);
  else if (answerNotModified(req, res, validator)) return false;
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
