// The thing catalogue's file (thing-catalogue.ts reads it): lines of JSON, one thing each, in
// sections: every thing by IRI (lookups), every published thing by IRI (the sitemap), and each
// listing (a collection, a collection and one class) in listing order. Its header, kept as a
// CACHE_DIR entry of its own, holds the file's SHA-256 and size and the marks: the byte offset of
// every BLOCK-th line of each section, and the first IRI of each block of the first.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { relativeToBase } from '../rdf/layout.js';
import type { ThingIndex, ThingInfo } from './thing-index.js';
import { isPublished, kindsOf, listingKey, publishedListings, thingsByIri } from './things.js';

/** Bump when the file's lines, its sections or the header change. */
export const CATALOGUE_FORMAT = 'thing-catalogue/2';
/** Lines per block: a lookup reads one block, a listing page of 50 one or two. */
export const BLOCK = 50;

/** One section of the file: `count` lines from byte `start` to `end`, a mark every BLOCK lines. */
export interface Section {
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** The byte offset of lines 0, BLOCK, 2 BLOCK ... */
  readonly marks: readonly number[];
}

export interface Header {
  /** The base IRI it was built under (IRIs under it are written relative to it). */
  readonly baseIri: string;
  /** Typed subjects under `BASE/id/` that are not things: checked against the store under another base. */
  readonly notThings: number;
  readonly dataSha256: string;
  readonly dataBytes: number;
  /** Every thing by IRI, with the (relative) IRI of each block's first line. */
  readonly records: Section & { readonly firsts: readonly string[] };
  readonly published: Section;
  /** listingKey -> its section. */
  readonly listings: Record<string, Section>;
  /** Collection -> its published members and each class's count (class IRIs relative). */
  readonly kinds: Record<string, { members: number; types: [string, number][] }>;
}

/** A line: relative IRI, label, classes, replacement (or null), withdrawn (1) or not (0). */
export type Line = [string, string, string[], string | null, 0 | 1];


/**
 * Writes the catalogue of an index to `file` (under a temporary name, renamed when complete) and
 * returns its header. Other versions' files are left to the cache (thing-catalogue-cache.ts).
 */
export async function writeCatalogue(index: ThingIndex, notThings: number, file: string): Promise<Header> {
  const relative = (iri: string): string => relativeToBase(iri, index.baseIri);
  const lineOf = (t: ThingInfo): string =>
    `${JSON.stringify([relative(t.iri), t.label, t.types.map(relative), t.replacedBy ? relative(t.replacedBy) : null, t.withdrawn ? 1 : 0] satisfies Line)}\n`;
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  const hash = createHash('sha256');
  let position = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    await handle.write(Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  const section = async (things: Iterable<ThingInfo>, firsts?: string[]): Promise<Section> => {
    const start = position;
    const marks: number[] = [];
    let count = 0;
    for (const thing of things) {
      if (count % BLOCK === 0) {
        marks.push(position);
        firsts?.push(relative(thing.iri));
      }
      const bytes = Buffer.from(lineOf(thing), 'utf8');
      hash.update(bytes);
      pending.push(bytes);
      pendingBytes += bytes.length;
      position += bytes.length;
      count++;
      if (pendingBytes >= 1 << 20) await flush();
    }
    return { start, end: position, count, marks };
  };
  // By IRI, as lookups search them.
  const byIri = thingsByIri(index);
  try {
    const firsts: string[] = [];
    const records = { ...(await section(byIri, firsts)), firsts };
    const published = await section(byIri.filter(isPublished));
    const listings: Record<string, Section> = {};
    const kinds: Header['kinds'] = {};
    for (const collection of publishedListings(index)) {
      listings[listingKey(collection.collection)] = await section(collection.members);
      for (const [type, members] of collection.byType)
        listings[listingKey(collection.collection, relative(type))] = await section(members);
      const counted = kindsOf(collection);
      kinds[collection.collection] = { members: counted.members, types: [...counted.types].map(([t, n]) => [relative(t), n]) };
    }
    await flush();
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
    return {
      baseIri: index.baseIri,
      notThings,
      dataSha256: hash.digest('hex'),
      dataBytes: position,
      records,
      published,
      listings,
      kinds,
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Whether a saved header has the shape writeCatalogue gives (its entry's checksum is checked already). */
export function isHeader(value: unknown): value is Header {
  const h = value as Partial<Header> | null;
  const isSection = (s: unknown): boolean => {
    const x = s as Partial<Section> | null;
    return (
      !!x &&
      Number.isInteger(x.start) &&
      Number.isInteger(x.end) &&
      Number.isInteger(x.count) &&
      Array.isArray(x.marks) &&
      x.marks.length === Math.ceil((x.count as number) / BLOCK)
    );
  };
  return (
    !!h &&
    typeof h.baseIri === 'string' &&
    Number.isInteger(h.notThings) &&
    typeof h.dataSha256 === 'string' &&
    Number.isInteger(h.dataBytes) &&
    isSection(h.records) &&
    Array.isArray(h.records?.firsts) &&
    h.records.firsts.length === h.records.marks.length &&
    isSection(h.published) &&
    typeof h.listings === 'object' &&
    h.listings !== null &&
    Object.values(h.listings).every(isSection) &&
    typeof h.kinds === 'object' &&
    h.kinds !== null
  );
}
