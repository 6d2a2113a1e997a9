// The thing index kept on disk per content, so a start with unchanged data skips building it.
import type { CacheDir, StartupLog } from '../dataset/cache-dir.js';
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import { thingSpace } from '../rdf/layout.js';
import { againstBase, parseThingIri, relativeToBase } from '../rdf/layout.js';
import { buildThingIndex, type IndexSource, type ThingIndex, type ThingInfo } from './thing-index.js';

/** Bump when ThingInfo, buildThingIndex or SavedIndex change, so older entries are not read. */
const FORMAT = 'thing-index/6';

/**
 * The index as saved: every IRI under the base is written relative to it (`id/process/x`,
 * `ontology#Engagement`), like the IRIs in our Turtle files, so the entry serves any base IRI.
 */
interface SavedIndex {
  /** The base IRI it was built under. */
  readonly baseIri: string;
  /** Every thing, in the index's order. */
  readonly things: readonly ThingInfo[];
  /** Each collection's IRIs in listing order (the order byCollection keeps). */
  readonly collections: Record<string, readonly string[]>;
  /**
   * How many typed subjects under `BASE/id/` the store held that are not things (a path that is
   * not `{collection}/{slug}`): with the things, the count the store is checked against.
   */
  readonly notThings: number;
}

/**
 * The thing index of the data with this content hash (see scanDataset): read from the cache when
 * it was saved before and still matches the store, else built from the store and saved. The base
 * IRI is not part of the key (a new port or host reuses the entry), for the reason the validation
 * verdict's is not. Without a cache it is always built.
 *
 * A saved index is believed only if its entry is intact (CacheDir.read: format, content hash,
 * checksum) and it is consistent in itself. Under another base IRI than it was built under, the
 * store must also agree with it on how many typed subjects there are under `BASE/id/` (one query,
 * a twentieth of a build at a million triples): data that names IRIs of ours in absolute form
 * has things under one base that it does not have under another, which the content hash cannot
 * see, and a thing missing from the index would answer 404. (Files that change between being
 * hashed and being loaded are caught before: see prepareDataset.)
 */
export async function cachedThingIndex(
  store: IndexSource,
  baseIri: string,
  contentHash: string,
  cache: CacheDir | undefined,
  log?: StartupLog,
): Promise<ThingIndex> {
  const started = performance.now();
  if (!cache) return buildThingIndex(store, baseIri);
  const key = { kind: 'things', format: FORMAT, contentHash };
  const saved = await cache.read(key, 'thing index');
  const index = saved === undefined ? undefined : fromSaved(saved, baseIri);
  if (saved !== undefined && !index)
    log?.warn({ file: cache.file(key.kind, contentHash) }, 'the cached thing index is inconsistent; rebuilding it');
  if (index) {
    const { notThings, baseIri: builtUnder } = saved as SavedIndex;
    const typed = builtUnder === baseIri ? undefined : await typedSubjectsOfOurs(store, baseIri);
    if (typed !== undefined && index.things.size + notThings !== typed) {
      log?.warn(
        { file: cache.file(key.kind, contentHash), cached: index.things.size, typedInData: typed },
        `the cached thing index does not match the data under ${baseIri} (${index.things.size} things, the data has ${typed} typed subjects under ${baseIri}id/); rebuilding it`,
      );
    } else {
      log?.info(
        { things: index.things.size, ms: Math.round(performance.now() - started) },
        `thing index read from CACHE_DIR: ${index.things.size} things`,
      );
      return index;
    }
  }
  const built = await buildThingIndex(store, baseIri);
  log?.info(
    { things: built.things.size, ms: Math.round(performance.now() - started) },
    `thing index built: ${built.things.size} things`,
  );
  const notThings = (await typedSubjectsOfOurs(store, baseIri)) - built.things.size;
  await cache.write(key, toSaved(built, notThings), 'thing index', { only: true });
  return built;
}

/** How many distinct subjects with an rdf:type have an IRI under `BASE/id/` (what buildThingIndex considers). */
export async function typedSubjectsOfOurs(store: IndexSource, baseIri: string): Promise<number> {
  const [row] = await store.select(
    `SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), ${JSON.stringify(thingSpace(baseIri))})) }`,
  );
  return Number(row?.n?.value ?? 0);
}

function toSaved(index: ThingIndex, notThings: number): SavedIndex {
  const relative = (iri: string): string => relativeToBase(iri, index.baseIri);
  return {
    baseIri: index.baseIri,
    things: [...index.things.values()].map((thing) => ({
      ...thing,
      iri: relative(thing.iri),
      types: thing.types.map(relative),
      ...(thing.replacedBy ? { replacedBy: relative(thing.replacedBy) } : {}),
    })),
    collections: Object.fromEntries([...index.byCollection].map(([c, list]) => [c, list.map((t) => relative(t.iri))])),
    notThings,
  };
}

/**
 * The index from a saved payload, or undefined when the payload is not what toSaved writes: each
 * thing's IRI must be a thing IRI naming its own collection and slug, once, and each collection
 * must list exactly its things. The checksum has been checked already; this is what a hand-edited
 * entry with a recomputed checksum, or a bug in a future writer, would get wrong.
 */
function fromSaved(payload: unknown, baseIri: string): ThingIndex | undefined {
  const saved = payload as Partial<SavedIndex> | null;
  if (!saved || !Array.isArray(saved.things) || typeof saved.collections !== 'object' || !saved.collections) return;
  if (typeof saved.notThings !== 'number' || !Number.isInteger(saved.notThings) || saved.notThings < 0) return;
  if (typeof saved.baseIri !== 'string') return;
  const absolute = (iri: string): string => againstBase(iri, baseIri);
  const things = new Map<string, ThingInfo>();
  const byRelative = new Map<string, ThingInfo>();
  for (const stored of saved.things as unknown[]) {
    const s = stored as Partial<ThingInfo> | null;
    if (!s || typeof s.iri !== 'string' || typeof s.label !== 'string' || typeof s.withdrawn !== 'boolean') return;
    if (!Array.isArray(s.types) || !s.types.every((t) => typeof t === 'string')) return;
    if (s.replacedBy !== undefined && typeof s.replacedBy !== 'string') return;
    const iri = absolute(s.iri);
    const parts = parseThingIri(iri, baseIri);
    if (!parts || parts.collection !== s.collection || parts.slug !== s.slug || things.has(iri)) return;
    const thing: ThingInfo = {
      ...(s as ThingInfo),
      iri,
      types: s.types.map(absolute),
      ...(s.replacedBy ? { replacedBy: absolute(s.replacedBy) } : {}),
    };
    things.set(iri, thing);
    byRelative.set(s.iri, thing);
  }
  const byCollection = new Map<Collection, readonly ThingInfo[]>();
  const listed = new Set<ThingInfo>();
  for (const collection of COLLECTIONS) {
    const list: ThingInfo[] = [];
    const iris: unknown = saved.collections[collection] ?? [];
    if (!Array.isArray(iris)) return;
    for (const relative of iris as unknown[]) {
      if (typeof relative !== 'string') return;
      const thing = byRelative.get(relative);
      if (!thing || thing.collection !== collection || listed.has(thing)) return;
      listed.add(thing);
      list.push(thing);
    }
    byCollection.set(collection, list);
  }
  if (listed.size !== things.size) return;
  return { baseIri, things, byCollection };
}
