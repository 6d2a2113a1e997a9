// A rendered response body with its headers' facts, computed once and kept while the data is unchanged.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface Representation {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong ETag derived from the body. */
  readonly etag: string;
  /** The gzip-compressed body, made on first request. */
  gzipped(): Buffer;
}

/** A strong ETag for a body: the first 27 base64url characters of its SHA-256. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Wraps a body: the ETag is the given one (the SPARQL endpoint's, from data version and query) or the body's hash. */
export function makeRepresentation(body: string | Buffer, contentType: string, etag?: string): Representation {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let gz: Buffer | undefined;
  return {
    body: bytes,
    contentType,
    etag: etag ?? etagOf(bytes),
    gzipped: () => (gz ??= gzipSync(bytes)),
  };
}

/** A memo of representations by key: each is computed at most once (concurrent callers share it). */
export class RepresentationCache {
  private readonly entries = new Map<string, Promise<Representation>>();
  /** The representations already made, for callers that can answer without waiting. */
  private readonly ready = new Map<string, Representation>();

  get(key: string, make: () => Promise<Representation> | Representation): Promise<Representation> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = Promise.resolve().then(make);
      entry.then(
        (rep) => this.ready.set(key, rep),
        // A failed rendering is not kept, so a later request can try again.
        () => this.entries.delete(key),
      );
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** The representation under a key if it is already made, else undefined. */
  peek(key: string): Representation | undefined {
    return this.ready.get(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
