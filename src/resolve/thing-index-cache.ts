// The thing index kept on disk per content, so a start with unchanged data skips building it.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import type { MemoryStore } from '../store/memory-store.js';
import { buildThingIndex, type ThingIndex, type ThingInfo } from './thing-index.js';

/** Bump when ThingInfo or buildThingIndex changes, so older files are not read. */
const FORMAT = 3;

/**
 * The index as saved: every IRI under the base is written relative to it (`id/process/x`,
 * `ontology#Engagement`), like the IRIs in our Turtle files, so the file serves any base IRI.
 */
interface SavedIndex {
  readonly format: number;
  readonly contentHash: string;
  /** Every thing, in the index's order. */
  readonly things: readonly ThingInfo[];
  /** Each collection's IRIs in listing order (the order byCollection keeps). */
  readonly collections: Record<string, readonly string[]>;
}

function fileFor(cacheDir: string, contentHash: string): string {
  return path.join(cacheDir, 'things', `${contentHash}-v${FORMAT}.json`);
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The thing index of the data with this content hash (see scanDataset): read from `cacheDir` when
 * it was saved before, else built from the store and saved. The base IRI is not part of the key (a
 * new port or host reuses the file), for the reason the validation verdict's is not. Without a
 * cache folder it is always built. A missing or unreadable file only means building it again.
 */
export async function cachedThingIndex(
  store: MemoryStore,
  baseIri: string,
  contentHash: string,
  cacheDir: string | undefined,
): Promise<ThingIndex> {
  if (!cacheDir) return buildThingIndex(store, baseIri);
  const file = fileFor(cacheDir, contentHash);
  const saved = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as SavedIndex)
    .catch(() => undefined);
  if (saved?.format === FORMAT && saved.contentHash === contentHash) return fromSaved(saved, baseIri);
  const index = buildThingIndex(store, baseIri);
  // A read-only or full disk costs the next start its shortcut, nothing more.
  await save(file, toSaved(index, contentHash)).catch(() => undefined);
  return index;
}

function toSaved(index: ThingIndex, contentHash: string): SavedIndex {
  const relative = (iri: string): string => (iri.startsWith(index.baseIri) ? iri.slice(index.baseIri.length) : iri);
  return {
    format: FORMAT,
    contentHash,
    things: [...index.things.values()].map((thing) => ({
      ...thing,
      iri: relative(thing.iri),
      types: thing.types.map(relative),
      ...(thing.replacedBy ? { replacedBy: relative(thing.replacedBy) } : {}),
    })),
    collections: Object.fromEntries([...index.byCollection].map(([c, list]) => [c, list.map((t) => relative(t.iri))])),
  };
}

function fromSaved(saved: SavedIndex, baseIri: string): ThingIndex {
  const absolute = (iri: string): string => (ABSOLUTE.test(iri) ? iri : baseIri + iri);
  const things = new Map<string, ThingInfo>();
  const byRelative = new Map<string, ThingInfo>();
  for (const stored of saved.things) {
    const thing: ThingInfo = {
      ...stored,
      iri: absolute(stored.iri),
      types: stored.types.map(absolute),
      ...(stored.replacedBy ? { replacedBy: absolute(stored.replacedBy) } : {}),
    };
    things.set(thing.iri, thing);
    byRelative.set(stored.iri, thing);
  }
  const byCollection = new Map<Collection, readonly ThingInfo[]>(
    COLLECTIONS.map((c) => [c, (saved.collections[c] ?? []).flatMap((iri) => byRelative.get(iri) ?? [])]),
  );
  return { baseIri, things, byCollection };
}

// Written to a temporary name and renamed, so a reader never sees half a file; the files of other
// contents are removed, so the folder holds the index of the data last served from it.
async function save(file: string, index: SavedIndex): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(index));
  await rename(temporary, file);
  for (const name of await readdir(folder))
    if (path.join(folder, name) !== file && !name.endsWith('.tmp'))
      await rm(path.join(folder, name), { force: true }).catch(() => undefined);
}
