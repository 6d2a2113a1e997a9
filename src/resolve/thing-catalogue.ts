// The thing catalogue open for reading: the thing index as a file (thing-catalogue-file.ts) read a
// block at a time, so a front end of a remote store holds none of it in memory (a mark per 50
// things, and the things looked up recently) however large the data.
import { createHash } from 'node:crypto';
import { close, createReadStream, fstat, open, read } from 'node:fs';
import { promisify } from 'node:util';
import { againstBase, parseThingIri, relativeToBase } from '../rdf/layout.js';
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import { BLOCK, isHeader, type Header, type Line, type Section } from './thing-catalogue-file.js';
import type { ThingInfo } from './thing-index.js';
import { listingKey, type PublishedKinds, type Things } from './things.js';

export interface CatalogueOptions {
  /** The bound of the things kept once looked up (THING_CACHE_MAX_BYTES; 0: none). */
  readonly recentMaxBytes?: number;
}

/** Lines read at once by a long read (a listing or the sitemap): about 10 MB. */
const CHUNK_LINES = 50 * BLOCK * 20;

/** What a thing kept among the recent ones is counted as: its line in UTF-16, and the object's own. */
const recentCost = (line: string): number => 2 * line.length + 400;

/** The catalogue open for reading: the header's marks in memory, the things read a block at a time. */
export class ThingCatalogue implements Things {
  readonly size: number;
  readonly publishedCount: number;
  private readonly kindsByCollection: Map<Collection, PublishedKinds>;
  /** The things looked up recently, least recently used first, within recentMaxBytes. */
  private readonly recent = new Map<string, { thing: ThingInfo; bytes: number }>();
  private recentBytes = 0;
  /** Reads in flight, and whether close() was called: the descriptor is closed once none is left. */
  private reading = 0;
  private closing: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  private constructor(
    /**
     * The file, open for reading: a descriptor, not a FileHandle, which Node closes (with a
     * warning) when it is collected; closePlatform closes it, once the reads in flight are done
     * (a descriptor closed under a read could be reused for another file).
     */
    private readonly fd: number,
    private readonly header: Header,
    readonly baseIri: string,
    private readonly recentMaxBytes: number,
  ) {
    this.size = header.records.count;
    this.publishedCount = header.published.count;
    const absolute = (iri: string): string => againstBase(iri, baseIri);
    this.kindsByCollection = new Map(
      COLLECTIONS.map((c) => {
        const k = header.kinds[c];
        return [c, { members: k?.members ?? 0, types: new Map((k?.types ?? []).map(([t, n]) => [absolute(t), n])) }];
      }),
    );
  }

  /**
   * Opens a catalogue file with its header: refused (an error saying why) when the header is not
   * one this code writes, or the file is not the one it describes (size, SHA-256, read once).
   */
  static async open(
    file: string,
    header: Header,
    baseIri: string,
    options: CatalogueOptions = {},
  ): Promise<ThingCatalogue> {
    if (!isHeader(header)) throw new Error('its header is not one this version writes');
    const fd = await promisify(open)(file, 'r');
    try {
      const { size } = await promisify(fstat)(fd);
      if (size !== header.dataBytes) throw new Error(`its file has ${size} bytes, not ${header.dataBytes}`);
      const hash = createHash('sha256');
      for await (const chunk of createReadStream('', { fd, autoClose: false, start: 0 }))
        hash.update(chunk as Buffer);
      if (hash.digest('hex') !== header.dataSha256) throw new Error('its file does not match its checksum');
      return new ThingCatalogue(fd, header, baseIri, options.recentMaxBytes ?? 0);
    } catch (error) {
      await promisify(close)(fd).catch(() => undefined);
      throw error;
    }
  }

  /** A thing looked up recently is answered at once (a rendered document is then written without a read). */
  get(iri: string): ThingInfo | undefined | Promise<ThingInfo | undefined> {
    const kept = this.recent.get(iri);
    if (kept) {
      this.recent.delete(iri);
      this.recent.set(iri, kept);
      return kept.thing;
    }
    return this.getMany([iri]).then((found) => found.get(iri));
  }

  async getMany(iris: Iterable<string>): Promise<ReadonlyMap<string, ThingInfo>> {
    const byBlock = new Map<number, Set<string>>();
    for (const iri of iris) {
      const relative = relativeToBase(iri, this.baseIri);
      const block = this.blockOf(relative);
      if (block === undefined) continue;
      const wanted = byBlock.get(block);
      if (wanted) wanted.add(relative);
      else byBlock.set(block, new Set([relative]));
    }
    const found = new Map<string, ThingInfo>();
    for (const block of [...byBlock.keys()].sort((a, b) => a - b)) {
      const text = `\n${await this.readText(this.header.records, block * BLOCK, BLOCK)}`;
      // Only the lines asked for are parsed: each begins with its IRI, written as JSON writes it.
      for (const relative of byBlock.get(block) as Set<string>) {
        const at = text.indexOf(`\n[${JSON.stringify(relative)},`);
        if (at < 0) continue;
        const end = text.indexOf('\n', at + 1);
        const line = text.slice(at + 1, end < 0 ? undefined : end);
        const thing = this.thingOf(JSON.parse(line) as Line);
        found.set(thing.iri, thing);
        this.keep(thing, recentCost(line));
      }
    }
    return found;
  }

  /** Keeps a thing among the recent ones, the least recently used out past the bound. */
  private keep(thing: ThingInfo, bytes: number): void {
    if (bytes > this.recentMaxBytes || this.recent.has(thing.iri)) return;
    this.recent.set(thing.iri, { thing, bytes });
    this.recentBytes += bytes;
    for (const [iri, kept] of this.recent) {
      if (this.recentBytes <= this.recentMaxBytes) break;
      this.recent.delete(iri);
      this.recentBytes -= kept.bytes;
    }
  }

  /** How many things are kept among the recent ones, and their cost in bytes (tests). */
  recentSize(): { things: number; bytes: number } {
    return { things: this.recent.size, bytes: this.recentBytes };
  }

  /** The block of the records that would hold this relative IRI: the last whose first IRI is not after it. */
  private blockOf(relative: string): number | undefined {
    const { firsts } = this.header.records;
    if (firsts.length === 0 || relative < (firsts[0] as string)) return undefined;
    let low = 0;
    let high = firsts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((firsts[middle] as string) <= relative) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  kinds(collection: Collection): PublishedKinds {
    return this.kindsByCollection.get(collection) ?? { members: 0, types: new Map() };
  }

  async listing(collection: Collection, type: string | undefined, offset: number, limit: number): Promise<readonly ThingInfo[]> {
    const relative = type === undefined ? undefined : relativeToBase(type, this.baseIri);
    const section = this.header.listings[listingKey(collection, relative)];
    if (!section) return [];
    return this.things(section, offset, limit);
  }

  published(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return this.things(this.header.published, offset, limit);
  }

  all(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return this.things(this.header.records, offset, limit);
  }

  /** Closes the file once the reads in flight are done; a read asked for after this fails. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.reading > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      await promisify(close)(this.fd);
    })();
    return this.closing;
  }

  /** The things of lines `offset` to `offset + limit` of a section, read CHUNK_LINES at a time. */
  private async things(section: Section, offset: number, limit: number): Promise<ThingInfo[]> {
    const from = Math.max(0, Math.floor(offset));
    const to = Math.min(section.count, from + Math.max(0, Math.floor(limit)));
    const things: ThingInfo[] = [];
    // In chunks: one string of a whole section of millions of lines would pass V8's bound on strings.
    for (let at = from; at < to; at += CHUNK_LINES)
      for (const line of await this.readBlocks(section, at, Math.min(CHUNK_LINES, to - at))) things.push(this.thingOf(line));
    return things;
  }

  /** Lines `offset` to `offset + limit` (at most) of a section, read in whole blocks. */
  private async readBlocks(section: Section, offset: number, limit: number): Promise<Line[]> {
    const text = await this.readText(section, offset, limit);
    return text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as Line);
  }

  /** The text of lines `offset` to `offset + limit` (at most) of a section, without the last newline. */
  private async readText(section: Section, offset: number, limit: number): Promise<string> {
    const from = Math.max(0, Math.floor(offset));
    const to = Math.min(section.count, from + Math.max(0, Math.floor(limit)));
    if (from >= to) return '';
    const first = Math.floor(from / BLOCK);
    const last = Math.floor((to - 1) / BLOCK);
    const start = section.marks[first] as number;
    const end = section.marks[last + 1] ?? section.end;
    const buffer = Buffer.alloc(end - start);
    if (this.closing) throw new Error('the thing catalogue was closed');
    this.reading++;
    try {
      let done = 0;
      while (done < buffer.length) {
        const bytesRead = await readAt(this.fd, buffer, done, buffer.length - done, start + done);
        if (bytesRead === 0) throw new Error('the thing catalogue file ended early');
        done += bytesRead;
      }
    } finally {
      if (--this.reading === 0) this.drained?.();
    }
    // Whole blocks were read: the lines before `from` and from `to` on are cut.
    const text = buffer.toString('utf8', 0, buffer.length - 1);
    let begin = 0;
    for (let skip = from - first * BLOCK; skip > 0; skip--) begin = text.indexOf('\n', begin) + 1;
    let stop = begin;
    for (let take = to - from; take > 0 && stop >= 0; take--) stop = text.indexOf('\n', stop + 1);
    return stop < 0 ? text.slice(begin) : text.slice(begin, stop);
  }

  private thingOf([relative, label, types, replacedBy, withdrawn]: Line): ThingInfo {
    const absolute = (iri: string): string => againstBase(iri, this.baseIri);
    const iri = absolute(relative);
    const parts = parseThingIri(iri, this.baseIri);
    if (!parts) throw new Error(`the thing catalogue holds ${iri}, which is not a thing IRI under ${this.baseIri}`);
    return {
      iri,
      ...parts,
      label,
      types: types.map(absolute),
      ...(replacedBy !== null ? { replacedBy: absolute(replacedBy) } : {}),
      withdrawn: withdrawn === 1,
    };
  }
}

/** A positioned read into `buffer` (node:fs's read, as a promise of the bytes read). */
function readAt(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );
}
