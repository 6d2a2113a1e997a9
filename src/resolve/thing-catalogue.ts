// The thing catalogue: the thing index as a file in CACHE_DIR, read a block at a time, so a front
// end of a remote store holds none of it in memory (a few marks per 50 things) however large the
// data. `npm run load` writes it for the version it loads; a front end reads the one of the
// version it serves, or builds it from the store once when there is none.
//
// The file is lines of JSON, one thing each, in sections: every thing by IRI (lookups), every
// published thing by IRI (the sitemap), and each listing (a collection, a collection and one
// class) in listing order. Its header is a CACHE_DIR entry of its own (checked like every entry)
// holding the file's SHA-256 and size, checked once when it is opened, and the marks: the byte
// offset of every 50th line of each section, and the first IRI of each block of the first.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { CacheDir, StartupLog } from '../dataset/cache-dir.js';
import { parseThingIri } from '../rdf/layout.js';
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import { buildThingIndex, type IndexSource, type ThingIndex, type ThingInfo } from './thing-index.js';
import { typedSubjectsOfOurs } from './thing-index-cache.js';
import { IndexedThings, isPublished, kindsOf, listingKey, publishedListings, type PublishedKinds, type Things } from './things.js';

/** Bump when the file's lines, its sections or the header change. */
const FORMAT = 'thing-catalogue/1';
/** Lines per block: a lookup reads one block, a listing page of 50 one or two. */
const BLOCK = 50;
const KIND = 'thing-catalogue';
const DATA_FOLDER = 'thing-catalogue-data';

/** One section of the file: `count` lines from byte `start` to `end`, a mark every BLOCK lines. */
interface Section {
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** The byte offset of lines 0, BLOCK, 2 BLOCK ... */
  readonly marks: readonly number[];
}

interface Header {
  /** The base IRI it was built under (IRIs under it are written relative to it). */
  readonly baseIri: string;
  /** Typed subjects under `BASE/id/` that are not things: checked against the store under another base. */
  readonly notThings: number;
  readonly size: number;
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
type Line = [string, string, string[], string | null, 0 | 1];

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The things of the data with this content hash, as a catalogue in CACHE_DIR: the one saved for
 * it when it is intact and agrees with the store, else built from the store (the thing index,
 * built once and let go) and saved. A folder that cannot be written keeps the index in memory.
 */
export async function cachedCatalogue(
  store: IndexSource,
  baseIri: string,
  contentHash: string,
  cache: CacheDir,
  log?: StartupLog,
  options: CatalogueOptions = {},
): Promise<Things> {
  const started = performance.now();
  const key = { kind: KIND, format: FORMAT, contentHash };
  const dataFile = path.join(cache.dir, DATA_FOLDER, `${contentHash}.ndjson`);
  const saved = (await cache.read(key, 'thing catalogue')) as Header | undefined;
  if (saved !== undefined) {
    const opened = await ThingCatalogue.open(dataFile, saved, baseIri, options).catch((error: unknown) => {
      log?.warn({ file: dataFile, err: String(error) }, `the thing catalogue cannot be used (${String(error)}); rebuilding it`);
      return undefined;
    });
    if (opened) {
      const typed = saved.baseIri === baseIri ? undefined : await typedSubjectsOfOurs(store, baseIri);
      if (typed === undefined || opened.size + saved.notThings === typed) {
        log?.info(
          { things: opened.size, ms: Math.round(performance.now() - started) },
          `thing catalogue read from CACHE_DIR: ${opened.size} things`,
        );
        return opened;
      }
      await opened.close();
      log?.warn(
        { cached: opened.size, typedInData: typed },
        `the thing catalogue does not match the data under ${baseIri}; rebuilding it`,
      );
    }
  }
  const index = await buildThingIndex(store, baseIri);
  const notThings = (await typedSubjectsOfOurs(store, baseIri)) - index.things.size;
  try {
    const header = await writeCatalogue(index, notThings, dataFile);
    await cache.write(key, header, 'thing catalogue', { only: true });
    const opened = await ThingCatalogue.open(dataFile, header, baseIri, options);
    log?.info(
      { things: opened.size, ms: Math.round(performance.now() - started) },
      `thing catalogue built: ${opened.size} things`,
    );
    return opened;
  } catch (error) {
    log?.warn(
      { file: dataFile, err: String(error) },
      `cannot write the thing catalogue (${String(error)}); holding the thing index in memory`,
    );
    return new IndexedThings(index);
  }
}

/**
 * Writes the catalogue of an index to `file` (under a temporary name, renamed when complete; the
 * other versions' files in its folder are removed: a front end that still reads one holds it open)
 * and returns its header.
 */
export async function writeCatalogue(index: ThingIndex, notThings: number, file: string): Promise<Header> {
  const relative = (iri: string): string => (iri.startsWith(index.baseIri) ? iri.slice(index.baseIri.length) : iri);
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
  // By IRI, as lookups search them (buildThingIndex keeps this order; a hand-made index may not).
  const byIri = [...index.things.values()].sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
  try {
    const firsts: string[] = [];
    const records = { ...(await section(byIri, firsts)), firsts };
    const published = await section(byIri.filter(isPublished));
    const listings: Record<string, Section> = {};
    for (const { collection, type, members } of publishedListings(index))
      listings[listingKey(collection, type === undefined ? undefined : relative(type))] = await section(members);
    await flush();
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
    const kinds: Header['kinds'] = {};
    for (const collection of COLLECTIONS) {
      const members = (index.byCollection.get(collection) ?? []).filter(isPublished);
      const counted = kindsOf(members);
      kinds[collection] = { members: counted.members, types: [...counted.types].map(([t, n]) => [relative(t), n]) };
    }
    const folder = path.dirname(file);
    for (const name of await readdir(folder).catch(() => []))
      if (path.join(folder, name) !== file && !name.endsWith('.tmp'))
        await rm(path.join(folder, name), { force: true }).catch(() => undefined);
    return {
      baseIri: index.baseIri,
      notThings,
      size: index.things.size,
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

export interface CatalogueOptions {
  /** The bound of the things kept once looked up (THING_CACHE_MAX_BYTES; 0: none). */
  readonly recentMaxBytes?: number;
}

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

  private constructor(
    private readonly handle: FileHandle,
    private readonly header: Header,
    readonly baseIri: string,
    private readonly recentMaxBytes: number,
  ) {
    this.size = header.size;
    this.publishedCount = header.published.count;
    const absolute = (iri: string): string => (ABSOLUTE.test(iri) ? iri : baseIri + iri);
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
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size !== header.dataBytes) throw new Error(`its file has ${size} bytes, not ${header.dataBytes}`);
      const hash = createHash('sha256');
      for await (const chunk of handle.createReadStream({ autoClose: false, start: 0 }))
        hash.update(chunk as Buffer);
      if (hash.digest('hex') !== header.dataSha256) throw new Error('its file does not match its checksum');
      return new ThingCatalogue(handle, header, baseIri, options.recentMaxBytes ?? 0);
    } catch (error) {
      await handle.close().catch(() => undefined);
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
      const relative = iri.startsWith(this.baseIri) ? iri.slice(this.baseIri.length) : iri;
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
    const relative = type !== undefined && type.startsWith(this.baseIri) ? type.slice(this.baseIri.length) : type;
    const section = this.header.listings[listingKey(collection, relative)];
    if (!section) return [];
    return (await this.readBlocks(section, offset, limit)).map((line) => this.thingOf(line));
  }

  async published(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return (await this.readBlocks(this.header.published, offset, limit)).map((line) => this.thingOf(line));
  }

  async all(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return (await this.readBlocks(this.header.records, offset, limit)).map((line) => this.thingOf(line));
  }

  close(): Promise<void> {
    return this.handle.close();
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
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, read, buffer.length - read, start + read);
      if (bytesRead === 0) throw new Error('the thing catalogue file ended early');
      read += bytesRead;
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
    const absolute = (iri: string): string => (ABSOLUTE.test(iri) ? iri : this.baseIri + iri);
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

/** Whether a saved header has the shape writeCatalogue gives (its entry's checksum is checked already). */
function isHeader(value: unknown): value is Header {
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
    Number.isInteger(h.size) &&
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
