// A rendered response body with its headers' facts, and the bounded cache that keeps the rendered ones.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The content codings the platform sends besides identity. */
export type Coding = 'br' | 'gzip';

export interface Representation {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong ETag derived from the body. */
  readonly etag: string;
  /** A `Link` header (RFC 8288) sent with it: a paged document's first, previous, next and last page. */
  readonly links?: string;
  /** The gzip-compressed body, made on first request. */
  gzipped(): Buffer;
  /** The body in a content coding, made on first request and then kept. */
  encoded(coding: Coding): Buffer;
}

/**
 * Brotli quality for bodies compressed once and kept: 5 is about as fast as gzip (the 1 MB editor
 * bundle in ~25 ms) and 5-10 % smaller; 11 takes over a second on it, on the event loop.
 */
const BROTLI_QUALITY = 5;

/** Compresses a body in a coding (synchronously: bodies are compressed once, then kept). */
export function compress(body: Buffer, coding: Coding): Buffer {
  if (coding === 'gzip') return gzipSync(body);
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** A strong ETag for a body: the first 27 base64url characters of its SHA-256. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Wraps a body: the ETag is the given one (the SPARQL endpoint's, from data version and query) or the body's hash. */
export function makeRepresentation(body: string | Buffer, contentType: string, etag?: string): Representation {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const copies = new Map<Coding, Buffer>();
  const encoded = (coding: Coding): Buffer => {
    let copy = copies.get(coding);
    if (!copy) copies.set(coding, (copy = compress(bytes, coding)));
    return copy;
  };
  return {
    body: bytes,
    contentType,
    etag: etag ?? etagOf(bytes),
    gzipped: () => encoded('gzip'),
    encoded,
  };
}

/**
 * Shares one call of `make` among everyone asking for `key` while it runs; a failure is dropped
 * from `pending` like a success, so the next caller tries again.
 */
export function shareWhileRunning<K, V>(pending: Map<K, Promise<V>>, key: K, make: () => Promise<V> | V): Promise<V> {
  let running = pending.get(key);
  if (!running) {
    running = Promise.resolve()
      .then(make)
      .finally(() => pending.delete(key));
    pending.set(key, running);
  }
  return running;
}

/**
 * What an entry costs besides its body, compressed copies and key: the Map entry, the Representation
 * object, its ETag and closure (measured at roughly 200-300 bytes in V8; 256 keeps the count
 * honest when a dataset has very many small documents).
 */
export const ENTRY_OVERHEAD_BYTES = 256;

interface Entry {
  readonly rep: Representation;
  bytes: number;
}

/**
 * Rendered representations by key, bounded in bytes: a least-recently-used cache over a Map kept
 * in recency order (a hit moves its entry to the end; eviction takes from the front). An entry
 * costs its body, each compressed copy (gzip, brotli) once it is made, its key (UTF-8) and
 * ENTRY_OVERHEAD_BYTES.
 * Each key is rendered at most once at a time (concurrent callers share it); a failed rendering
 * is never kept; a representation larger than the whole bound is handed to its callers but not kept.
 */
export class RepresentationCache {
  /** The kept representations, least recently used first. */
  private readonly ready = new Map<string, Entry>();
  /** Renderings under way. */
  private readonly pending = new Map<string, Promise<Representation>>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string, make: () => Promise<Representation> | Representation): Promise<Representation> {
    const kept = this.peek(key);
    if (kept) return Promise.resolve(kept);
    // Admission happens inside the shared promise, so every caller gets the same (wrapped) object.
    return shareWhileRunning(this.pending, key, async () => this.admit(key, await make()));
  }

  /** The representation under a key if it is kept, else undefined (no waiting); counts as a use. */
  peek(key: string): Representation | undefined {
    const entry = this.ready.get(key);
    if (!entry) return undefined;
    this.ready.delete(key);
    this.ready.set(key, entry);
    return entry.rep;
  }

  /** Bytes held by the kept entries (by the accounting above); never more than maxBytes. */
  get bytes(): number {
    return this.total;
  }

  /** Number of kept entries. */
  get size(): number {
    return this.ready.size;
  }

  private admit(key: string, made: Representation): Representation {
    const bytes =
      made.body.length + Buffer.byteLength(key) + Buffer.byteLength(made.links ?? '') + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes) return made;
    // Compressed copies are made later, on demand: the wrapper adds each one's size to this entry's count.
    const copies = new Map<Coding, Buffer>();
    const encoded = (coding: Coding): Buffer => {
      let copy = copies.get(coding);
      if (copy) return copy;
      copy = made.encoded(coding);
      copies.set(coding, copy);
      this.grow(key, entry, copy.length);
      return copy;
    };
    const rep: Representation = {
      body: made.body,
      contentType: made.contentType,
      etag: made.etag,
      ...(made.links ? { links: made.links } : {}),
      gzipped: () => encoded('gzip'),
      encoded,
    };
    const entry: Entry = { rep, bytes };
    this.remove(key);
    this.ready.set(key, entry);
    this.total += bytes;
    this.evict();
    return rep;
  }

  private grow(key: string, entry: Entry, by: number): void {
    if (this.ready.get(key) !== entry) return; // evicted already: nothing here holds the copy
    entry.bytes += by;
    this.total += by;
    this.evict();
  }

  private remove(key: string): void {
    const entry = this.ready.get(key);
    if (!entry) return;
    this.ready.delete(key);
    this.total -= entry.bytes;
  }

  /** Drops least recently used entries until the count is within the bound. */
  private evict(): void {
    for (const key of this.ready.keys()) {
      if (this.total <= this.maxBytes) return;
      this.remove(key);
    }
  }
}
