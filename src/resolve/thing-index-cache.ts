// The thing index kept on disk per data version, so a start with unchanged data skips building it.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import type { MemoryStore } from '../store/memory-store.js';
import { buildThingIndex, type ThingIndex, type ThingInfo } from './thing-index.js';

/** Bump when ThingInfo or buildThingIndex changes, so older files are not read. */
const FORMAT = 2;

interface SavedIndex {
  readonly format: number;
  readonly version: string;
  /** Every thing, in the index's order. */
  readonly things: readonly ThingInfo[];
  /** Each collection's IRIs in listing order (the order byCollection keeps). */
  readonly collections: Record<string, readonly string[]>;
}

function fileFor(cacheDir: string, version: string): string {
  return path.join(cacheDir, 'things', `${version}-v${FORMAT}.json`);
}

/**
 * The thing index of the data version `version` (base IRI and content; see PublishedDataset):
 * read from `cacheDir` when it was saved before, else built from the store and saved. Without a
 * cache folder it is always built. A missing or unreadable file only means building it again.
 */
export async function cachedThingIndex(
  store: MemoryStore,
  baseIri: string,
  version: string,
  cacheDir: string | undefined,
): Promise<ThingIndex> {
  if (!cacheDir) return buildThingIndex(store, baseIri);
  const file = fileFor(cacheDir, version);
  const saved = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as SavedIndex)
    .catch(() => undefined);
  if (saved?.format === FORMAT && saved.version === version) return fromSaved(saved, baseIri);
  const index = buildThingIndex(store, baseIri);
  const toSave: SavedIndex = {
    format: FORMAT,
    version,
    things: [...index.things.values()],
    collections: Object.fromEntries([...index.byCollection].map(([c, list]) => [c, list.map((t) => t.iri)])),
  };
  // A read-only or full disk costs the next start its shortcut, nothing more.
  await save(file, toSave).catch(() => undefined);
  return index;
}

function fromSaved(saved: SavedIndex, baseIri: string): ThingIndex {
  const things = new Map(saved.things.map((thing) => [thing.iri, thing]));
  const byCollection = new Map<Collection, readonly ThingInfo[]>(
    COLLECTIONS.map((c) => [c, (saved.collections[c] ?? []).flatMap((iri) => things.get(iri) ?? [])]),
  );
  return { baseIri, things, byCollection };
}

// Written to a temporary name and renamed, so a reader never sees half a file; the files of other
// versions are removed, so the folder holds one index per data version served from it.
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
