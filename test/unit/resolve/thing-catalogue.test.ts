// The thing catalogue (a remote store's front end reads its things from disk): over the real data
// it answers every lookup, listing and count as the thing index in memory does, and a file that is
// damaged, cut short or made from other data is not believed.
import { mkdtemp, open, readFile, readdir, rm, truncate } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheDir, type StartupLog } from '../../../src/dataset/cache-dir.js';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { COLLECTIONS } from '../../../src/rdf/vocab.js';
import { ThingCatalogue } from '../../../src/resolve/thing-catalogue.js';
import { cachedCatalogue } from '../../../src/resolve/thing-catalogue-cache.js';
import { writeCatalogue } from '../../../src/resolve/thing-catalogue-file.js';
import { buildThingIndex, type ThingIndex } from '../../../src/resolve/thing-index.js';
import { IndexedThings, type Things } from '../../../src/resolve/things.js';
import { loadDataset } from '../../../src/dataset/load.js';
import { ROOT, TEST_BASE, loadRealDataset } from '../../support/dataset.js';

function recorder(): StartupLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (_f: object, m: string) => lines.push(m),
    warn: (_f: object, m: string) => lines.push(`WARN ${m}`),
  };
}

let store: MemoryStore;
let index: ThingIndex;
let indexed: IndexedThings;
let folder: string;
let catalogue: ThingCatalogue;

/** Beside the real data (which has neither): a replaced process, a withdrawn one, a second class. */
const EXTRA = `@prefix mig: <ontology#> .
@prefix process: <id/process/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
process:old-name a mig:InterStateConsultationMechanism ; rdfs:label "Bali Process (old name)"@en ;
  dct:isReplacedBy process:bali-process .
process:withdrawn-process a mig:InterStateConsultationMechanism, mig:GlobalProcess ;
  rdfs:label "A withdrawn consultation process"@en ; mig:withdrawn true .
`;

beforeAll(async () => {
  store = MemoryStore.fromDataset(await loadRealDataset());
  store.loadTurtle(new TextEncoder().encode(EXTRA), TEST_BASE);
  index = await buildThingIndex(store, TEST_BASE);
  indexed = new IndexedThings(index);
  folder = await mkdtemp(path.join(os.tmpdir(), 'iom-lod-catalogue-'));
  const file = path.join(folder, 'real.ndjson');
  catalogue = await ThingCatalogue.open(file, await writeCatalogue(index, 0, file), TEST_BASE);
});
afterAll(async () => {
  await catalogue.close();
  await rm(folder, { recursive: true, force: true });
});

/** Every thing of a Things, read `step` at a time from `start`, through `read`. */
async function readAll(
  read: (offset: number, limit: number) => Promise<readonly unknown[]>,
  total: number,
  step: number,
): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let offset = 0; offset < total + step; offset += step) all.push(...(await read(offset, step)));
  return all;
}

describe('the catalogue over the real data answers as the index in memory', () => {
  it('counts: things, published things, and each collection\'s members and classes', () => {
    expect(index.things.size).toBeGreaterThan(300);
    const unpublished = [...index.things.values()].filter((t) => t.withdrawn || t.replacedBy);
    expect(unpublished.map((t) => t.slug).sort()).toEqual(['old-name', 'withdrawn-process']);
    expect(catalogue.publishedCount).toBe(index.things.size - 2);
    expect(catalogue.size).toBe(indexed.size);
    expect(catalogue.publishedCount).toBe(indexed.publishedCount);
    for (const collection of COLLECTIONS) expect(catalogue.kinds(collection), collection).toEqual(indexed.kinds(collection));
  });

  it('every thing by its IRI, withdrawn and replaced ones too, one at a time and all at once', async () => {
    for (const [iri, thing] of index.things) expect(await catalogue.get(iri), iri).toEqual(thing);
    const many = await catalogue.getMany(index.things.keys());
    expect([...many.entries()].sort()).toEqual([...index.things.entries()].sort());
  });

  it('nothing for an IRI it does not hold: before the first, between two, after the last, not ours', async () => {
    const iris = [...index.things.keys()];
    for (const iri of [
      `${TEST_BASE}id/`,
      `${TEST_BASE}id/aaaa/x`,
      `${iris[0]}-not`,
      `${iris[10]}x`,
      `${TEST_BASE}id/zzzz/x`,
      'https://elsewhere.example/id/process/bali-process',
    ]) {
      expect(index.things.has(iri)).toBe(false);
      expect(await catalogue.get(iri), iri).toBeUndefined();
    }
    expect((await catalogue.getMany([])).size).toBe(0);
  });

  it.each([1, 7, 50, 64, 1000])('every listing, every published thing and every thing, read %i at a time', async (step) => {
    const pairs: [Things, Things] = [indexed, catalogue];
    for (const collection of COLLECTIONS) {
      const { members, types } = indexed.kinds(collection);
      for (const type of [undefined, ...types.keys()]) {
        const total = type === undefined ? members : (types.get(type) as number);
        const [a, b] = await Promise.all(pairs.map((t) => readAll((o, l) => t.listing(collection, type, o, l), total, step)));
        expect(b, `${collection} ${type ?? ''}`).toEqual(a);
        expect(a).toHaveLength(total);
      }
      expect(await catalogue.listing(collection, `${TEST_BASE}ontology#NoSuchClass`, 0, 50)).toEqual([]);
    }
    const [a, b] = await Promise.all(pairs.map((t) => readAll((o, l) => t.published(o, l), t.publishedCount, step)));
    expect(b).toEqual(a);
    const [c, d] = await Promise.all(pairs.map((t) => readAll((o, l) => t.all(o, l), t.size, step)));
    expect(d).toEqual(c);
    expect(c).toHaveLength(index.things.size);
  });
});

describe('the things looked up recently', () => {
  it('are answered at once, the least recently used out past the bound; none with a bound of 0', async () => {
    const file = path.join(folder, 'recent.ndjson');
    const header = await writeCatalogue(index, 0, file);
    const bound = 20_000;
    const recent = await ThingCatalogue.open(file, header, TEST_BASE, { recentMaxBytes: bound });
    const none = await ThingCatalogue.open(file, header, TEST_BASE, { recentMaxBytes: 0 });
    try {
      const [first, second] = [...index.things.values()];
      const pending = recent.get(first!.iri);
      expect(pending).toBeInstanceOf(Promise);
      expect(await pending).toEqual(first);
      // Now kept: the same object, without a read.
      const kept = recent.get(first!.iri);
      expect(kept).not.toBeInstanceOf(Promise);
      expect(recent.get(first!.iri)).toBe(kept);
      expect(kept).toEqual(first);
      for (const thing of index.things.values()) {
        await recent.get(thing.iri);
        expect(recent.recentSize().bytes).toBeLessThanOrEqual(bound);
      }
      expect(recent.recentSize().things).toBeGreaterThan(10);
      expect(recent.get(first!.iri)).toBeInstanceOf(Promise); // long out
      expect(await none.get(second!.iri)).toEqual(second);
      expect(none.get(second!.iri)).toBeInstanceOf(Promise);
      expect(none.recentSize()).toEqual({ things: 0, bytes: 0 });
    } finally {
      await Promise.all([recent.close(), none.close()]);
    }
  });
});

describe('the catalogue in CACHE_DIR', () => {
  let dir: string;
  let cache: CacheDir;
  let log: ReturnType<typeof recorder>;
  const opened: Things[] = [];
  const catalogueOf = async (baseIri = TEST_BASE, from: MemoryStore = store, content = 'content-1'): Promise<Things> => {
    const things = await cachedCatalogue(from, baseIri, content, cache, log);
    opened.push(things);
    return things;
  };
  const dataFile = (): string => path.join(dir, 'thing-catalogue-data', 'content-1.ndjson');


  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'iom-lod-catalogue-cache-'));
    log = recorder();
    cache = (await CacheDir.open(dir, log)) as CacheDir;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('is built once, then read, and answers the same', async () => {
    const built = await catalogueOf();
    expect(built).toBeInstanceOf(ThingCatalogue);
    const read = await catalogueOf();
    expect(log.lines.filter((l) => l.startsWith('thing catalogue'))).toEqual([
      `thing catalogue built: ${index.things.size} things`,
      `thing catalogue read from CACHE_DIR: ${index.things.size} things`,
    ]);
    expect(await read.all(0, read.size)).toEqual([...index.things.values()]);
  });

  it.each([
    [
      'a byte of its file changed',
      async (file: string) => {
        const handle = await open(file, 'r+');
        await handle.write(Buffer.from('#'), 0, 1, 3);
        await handle.close();
      },
      'does not match its checksum',
    ],
    ['its file cut short', (file: string) => truncate(file, 100), 'bytes, not'],
    ['its file gone', (file: string) => rm(file), 'ENOENT'],
  ])('is rebuilt, with a warning, when %s', async (_what, damage, why) => {
    await catalogueOf();
    await damage(dataFile());
    const again = await catalogueOf();
    const warning = log.lines.find((l) => l.startsWith('WARN the thing catalogue cannot be used'));
    expect(warning).toContain(why);
    expect(log.lines.at(-1)).toBe(`thing catalogue built: ${index.things.size} things`);
    expect(await again.all(0, again.size)).toEqual([...index.things.values()]);
  });

  it('under another base IRI, reads the saved one when the store agrees, and answers with that base', async () => {
    const other = 'http://localhost:9999/';
    const otherStore = MemoryStore.fromDataset(await loadDataset({ root: ROOT, baseIri: other }));
    otherStore.loadTurtle(new TextEncoder().encode(EXTRA), other);
    await catalogueOf();
    const read = await catalogueOf(other, otherStore);
    expect(log.lines.at(-1)).toBe(`thing catalogue read from CACHE_DIR: ${index.things.size} things`);
    const first = [...index.things.values()][0];
    const moved = await read.get(first!.iri.replace(TEST_BASE, other));
    expect(moved?.iri.startsWith(other)).toBe(true);
    expect(moved?.label).toBe(first?.label);
  });

  it('under another base IRI whose data has other things, is rebuilt with a warning', async () => {
    const other = 'http://localhost:9999/';
    await catalogueOf();
    // The store holds the data under TEST_BASE: under `other` it has no things at all.
    const rebuilt = await catalogueOf(other);
    expect(log.lines).toContain(`WARN the thing catalogue does not match the data under ${other}; rebuilding it`);
    expect(rebuilt.size).toBe(0);
    expect(await readFile(dataFile(), 'utf8')).toBe('');
  });

  it('keeps the newest two versions (the one served and a loader\'s next), and a removed one stays readable to who holds it', async () => {
    const first = await catalogueOf(TEST_BASE, store, 'content-1');
    const files = async (part: string): Promise<string[]> => (await readdir(path.join(dir, part))).sort();
    for (const content of ['content-2', 'content-3']) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // a later modification time
      await catalogueOf(TEST_BASE, store, content);
    }
    expect(await files('thing-catalogue-data')).toEqual(['content-2.ndjson', 'content-3.ndjson']);
    expect(await files('thing-catalogue')).toEqual(['content-2.json', 'content-3.json']);
    // The first is gone from the folder, not from the front end that opened it.
    expect(await first.all(0, first.size)).toEqual([...index.things.values()]);
  });

  it('a read asked for once it is closed fails; one in flight when it closes is answered', async () => {
    const things = await cachedCatalogue(store, TEST_BASE, 'content-1', cache, log);
    const inFlight = things.all(0, things.size);
    const closed = things.close();
    expect(await inFlight).toHaveLength(index.things.size);
    await closed;
    await expect(things.all(0, 10)).rejects.toThrow('the thing catalogue was closed');
  });
});
