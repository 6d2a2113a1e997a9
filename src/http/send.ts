// Writing a representation: headers, conditional requests (the one place that answers 304), HEAD,
// content codings (brotli, gzip). Works on plain node:http objects, so the fast path and the
// express routes write responses the same way.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import mime from 'mime-types';
import Negotiator from 'negotiator';
import { HttpError } from '../errors.js';
import type { FileRepresentation } from '../render/file-representation.js';
import {
  makeRepresentation,
  type Coding,
  type Representation,
  type RepresentationCache,
} from '../render/representation.js';
import { allowAnyOrigin } from './cors.js';

export interface SendOptions {
  /** The response varies by Accept (a negotiated resource). */
  readonly negotiated?: boolean;
  /** Content-Location of the chosen variant. */
  readonly contentLocation?: string;
  /**
   * Offer gzip when the client accepts it (the dumps, streamed from files). Rendered
   * representations of a textual type are always offered in brotli and gzip.
   */
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

/** The codings offered, in the server's order of preference when the client weighs them alike. */
const CODINGS: readonly Coding[] = ['br', 'gzip'];

/**
 * Bodies shorter than this are sent as they are: the coding's header and framing would eat what
 * it saves. A longer body is sent compressed only when the compressed copy is smaller.
 */
export const MIN_COMPRESSED_BYTES = 256;

/**
 * Textual media types, which compress: text/*, every JSON and XML type (JSON-LD, SPARQL results,
 * SVG, RDF/XML, OpenSearch), JavaScript and the RDF line and Turtle-family formats.
 */
export function isCompressible(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /[/+](json|xml)$/.test(type) ||
    /^application\/(javascript|ecmascript|n-triples|n-quads|trig|turtle|sparql-query|sparql-update)$/.test(type)
  );
}

/**
 * The coding the client takes best among `offered` (brotli before gzip when it weighs them
 * alike, as browsers do), or undefined for identity (the client prefers it, or takes none).
 */
export function chooseCoding(req: IncomingMessage, offered: readonly Coding[]): Coding | undefined {
  if (offered.length === 0 || req.headers['accept-encoding'] === undefined) return undefined;
  const available = [...offered, 'identity'];
  // negotiator 1.x takes the server's preference for ties (its types, 0.6, do not know it yet).
  const negotiator = new Negotiator(req) as unknown as {
    encodings(available: string[], options: { preferred: string[] }): string[];
  };
  const best = negotiator.encodings(available, { preferred: available })[0];
  return offered.find((coding) => coding === best);
}

/** The entity tag of a representation in a coding: each coding has its own strong validator. */
export function codedEtag(etag: string, coding: Coding | undefined): string {
  return coding ? `${etag.slice(0, -1)}-${coding}"` : etag;
}

/** The codings the client accepts at all (q > 0), among those offered. */
function acceptedCodings(req: IncomingMessage, offered: readonly Coding[]): Coding[] {
  if (req.headers['accept-encoding'] === undefined) return [];
  const accepted = new Negotiator(req).encodings([...offered]);
  return offered.filter((coding) => accepted.includes(coding));
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
 * this before it runs the query, so a 304 costs no evaluation: as the coding of the body is not
 * known yet then (a short result is sent as it is), If-None-Match may name the tag or its variant
 * in any coding the client accepts, and the 304 carries the tag it named.
 */
export function answerNotModified(req: IncomingMessage, res: ServerResponse, validator: Validator): boolean {
  const textual = validator.contentType === undefined || isCompressible(validator.contentType);
  return notModified(req, res, validator, validator.etag, textual ? acceptedCodings(req, CODINGS) : []);
}

/**
 * answerNotModified for a representation whose tag in identity is `identityEtag`: If-None-Match
 * may name it or its tag in one of `variants` (the codings offered that the client accepts), as a
 * cache holding either copy asks; the 304 carries the tag named, so the client keeps what it has.
 */
function notModified(
  req: IncomingMessage,
  res: ServerResponse,
  validator: Validator,
  identityEtag: string,
  variants: readonly Coding[],
): boolean {
  writeValidator(res, validator);
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const header = req.headers['if-none-match'];
  const held =
    header?.trim() === '*'
      ? validator.etag
      : [identityEtag, ...variants.map((coding) => codedEtag(identityEtag, coding))].find((tag) =>
          matchesIfNoneMatch(header, tag),
        );
  if (held === undefined) return false;
  res.setHeader('ETag', held);
  if (variants.length > 0 && !/accept-encoding/i.test(validator.vary ?? ''))
    res.setHeader('Vary', validator.vary ? `${validator.vary}, Accept-Encoding` : 'Accept-Encoding');
  res.statusCode = 304;
  res.end();
  return true;
}

/** What a representation varies by: Accept when negotiated, Accept-Encoding when codings are offered. */
function varyOf(options: SendOptions, offered: readonly Coding[]): string | undefined {
  const coded = offered.length > 0;
  if (options.negotiated) return coded ? 'Accept, Accept-Encoding' : 'Accept';
  return coded ? 'Accept-Encoding' : undefined;
}

/**
 * Writes the headers every representation carries (type, ETag, caching, CORS, Vary); answers 304
 * and returns false when the client's copy is fresh, else true (the body is still to be sent).
 * A response with a status of its own (the 410 page) is not conditional.
 */
function writeEntityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  entity: { readonly contentType: string; readonly etag: string; readonly links?: string },
  options: SendOptions,
  offered: readonly Coding[],
  coding: Coding | undefined,
): boolean {
  if (entity.links) res.setHeader('Link', entity.links);
  const validator: Validator = {
    vary: varyOf(options, offered),
    contentType: entity.contentType,
    // Each content coding is its own representation, so it gets its own strong validator.
    etag: codedEtag(entity.etag, coding),
    cacheControl: options.cacheControl ?? CACHE_DOCUMENTS,
    contentLocation: options.contentLocation,
  };
  if (options.status !== undefined) writeValidator(res, validator);
  else if (notModified(req, res, validator, entity.etag, acceptedCodings(req, offered))) return false;
  if (coding) res.setHeader('Content-Encoding', coding);
  res.statusCode = options.status ?? 200;
  return true;
}

/**
 * Sends a representation with ETag, Cache-Control and CORS; answers 304 when fresh. A textual
 * one goes in brotli or gzip when the client takes it and the compressed copy (made once, kept
 * with the representation) is smaller; with `Vary: Accept-Encoding` either way (a body shorter
 * than MIN_COMPRESSED_BYTES is always sent as it is, and does not vary).
 */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
  options: SendOptions = {},
): void {
  // A short body is the same whatever the client takes, so it does not vary by Accept-Encoding.
  const offered = isCompressible(rep.contentType) && rep.body.length >= MIN_COMPRESSED_BYTES ? CODINGS : [];
  let coding = chooseCoding(req, offered);
  let body = coding ? rep.encoded(coding) : rep.body;
  if (body.length >= rep.body.length) {
    coding = undefined;
    body = rep.body;
  }
  if (!writeEntityHeaders(req, res, rep, options, offered, coding)) return;
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
  const offered: readonly Coding[] = options.gzip === true ? ['gzip'] : [];
  const coding = chooseCoding(req, offered);
  const body = coding ? await rep.gzipped() : rep;
  if (!writeEntityHeaders(req, res, rep, options, offered, coding)) return;
  res.setHeader('Content-Length', String(body.size));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A client that goes away mid-download ends the pipeline with an error: the response is closed
  // already and there is nothing left to tell anyone, so the error is dropped here.
  await pipeline(body.stream(), res).catch(() => undefined);
}

/** How a folder of static files is served (see staticFiles). */
export interface StaticFilesOptions {
  /** Cache-Control max-age, in seconds. */
  readonly maxAgeSeconds: number;
  /** Where the files' representations (and their compressed copies) are kept, bounded in bytes. */
  readonly cache: RepresentationCache;
}

/**
 * Serves the files under `root` (GET and HEAD; anything else, or no such file, goes on to
 * `next`) as representations: read once, with a strong ETag from their bytes, compressed once
 * per coding and kept in `cache` under their path, size and modification time (a changed file is
 * read again), then sent like every other representation (304, HEAD, Vary, codings). A path that
 * cannot be decoded, or names a NUL, is a 400; one that leaves `root` is not ours (404).
 */
export function staticFiles(
  root: string,
  options: StaticFilesOptions,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const base = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const raw = (req.url ?? '/').split('?')[0]!;
    let relative: string;
    try {
      relative = decodeURIComponent(raw);
    } catch {
      next(HttpError.badRequest('The path is not valid percent-encoded UTF-8.'));
      return;
    }
    if (relative.includes('\0')) {
      next(HttpError.badRequest('Paths with NUL characters are not allowed.'));
      return;
    }
    const file = path.join(base, relative);
    if (!file.startsWith(base + path.sep)) {
      next();
      return;
    }
    stat(file)
      .then(
        async (info) => {
          if (!info.isFile()) return next();
          const type = mime.contentType(path.basename(file)) || 'application/octet-stream';
          const key = `${file}\n${info.size}\n${info.mtimeMs}`;
          const rep = await options.cache.get(key, async () => makeRepresentation(await readFile(file), type));
          sendRepresentation(req, res, rep, { cacheControl: `public, max-age=${options.maxAgeSeconds}` });
        },
        () => next(),
      )
      .catch(next);
  };
}
