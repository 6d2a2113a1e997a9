// The thing catalogue kept in CACHE_DIR per content, as the thing index is (thing-index-cache.ts):
// `npm run load` writes it for the version it loads; a front end of a remote store opens the one of
// the version it serves, or builds it from the store once.
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

