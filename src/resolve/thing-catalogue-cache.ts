// The thing catalogue kept in CACHE_DIR per content, as the thing index is (thing-index-cache.ts):
// `npm run load` writes it for the version it loads; a front end of a remote store opens the one of
// the version it serves, or builds it from the store once.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CacheDir, StartupLog } from '../dataset/cache-dir.js';
import { CATALOGUE_FORMAT, writeCatalogue, type Header } from './thing-catalogue-file.js';
import { ThingCatalogue, type CatalogueOptions } from './thing-catalogue.js';
import { buildThingIndex, type IndexSource } from './thing-index.js';
import { typedSubjectsOfOurs } from './thing-index-cache.js';
import { IndexedThings, type Things } from './things.js';

const KIND = 'thing-catalogue';
const DATA_FOLDER = 'thing-catalogue-data';

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
  const key = { kind: KIND, format: CATALOGUE_FORMAT, contentHash };
  const dataFile = path.join(cache.dir, DATA_FOLDER, `${contentHash}.ndjson`);
  const saved = (await cache.read(key, 'thing catalogue')) as Header | undefined;
  if (saved !== undefined) {
    const opened = await ThingCatalogue.open(dataFile, saved, baseIri, options).catch((error: unknown) => {
      log?.warn({ file: dataFile, err: String(error) }, `the thing catalogue cannot be used (${String(error)}); rebuilding it`);
      return undefined;
    });
    if (opened) {
      const typed =
        saved.baseIri === baseIri
          ? undefined
          : await typedSubjectsOfOurs(store, baseIri).catch(async (error: unknown) => {
              await opened.close();
              throw error;
            });
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
    // Opened before the older versions are pruned, so another writer's pruning cannot take it away.
    const opened = await ThingCatalogue.open(dataFile, header, baseIri, options);
    await cache.write(key, header, 'thing catalogue');
    await prune([path.dirname(cache.file(KIND, contentHash)), path.dirname(dataFile)], contentHash);
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

/** Versions kept in CACHE_DIR: the newest written (a loader's next one and the one served now). */
const KEEP_VERSIONS = 2;
/** A temporary file older than this is a writer's that stopped: removed. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Removes the catalogues (headers and files) of all but the newest KEEP_VERSIONS, by modification
 * time, never this one's, and writers' leftovers. A front end that reads a removed file holds it
 * open; one that starts on a removed version builds it again.
 */
async function prune(folders: readonly string[], keep: string): Promise<void> {
  for (const folder of folders) {
    const entries = await Promise.all(
      (await readdir(folder).catch(() => [] as string[])).map(async (name) => {
        const info = await stat(path.join(folder, name)).catch(() => undefined);
        return { name, mtime: info?.mtimeMs ?? 0 };
      }),
    );
    const now = Date.now();
    const versions = entries
      .filter((e) => !e.name.endsWith('.tmp'))
      .sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    const doomed = [
      ...versions.filter((e) => !e.name.startsWith(`${keep}.`)).slice(KEEP_VERSIONS - 1),
      ...entries.filter((e) => e.name.endsWith('.tmp') && now - e.mtime > STALE_TEMPORARY_MS),
    ];
    for (const { name } of doomed) await rm(path.join(folder, name), { force: true }).catch(() => undefined);
  }
}
