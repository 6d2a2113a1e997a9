// What the site builds before it serves, once per data version: the pictures and the home page's
// figures, the vocabulary's usage (ontology, dataset) and the search index. Each is kept for the
// site's life, so no request pays for one (at 1 M triples the first search took 4.8 s of the main
// thread, the ontology 2.6 s), and saved in CACHE_DIR per content, so a start on unchanged data
// reads them. Pages themselves are still rendered on first request, at a cost bounded by what they show.
import type { CacheDir, StartupLog } from '../dataset/cache-dir.js';
import { thingSpace } from '../rdf/layout.js';
import { COLLECTIONS } from '../rdf/vocab.js';
import type { PageContext } from './pages/page-context.js';
import type { SiteSearch } from './pages/search.js';
import { allPictures, readPictureData, type PictureData } from './pictures/pictures.js';
import { SAVED_FORMAT, SearchIndex, type SavedSearchIndex } from './search-index.js';
import { seedVocabularyUsage, usageFromJson, usageToJson, vocabularyUsage } from './vocabulary-usage.js';

/** Bump when picture-data.ts's reads or PictureData change, so older entries are not read. */
const PICTURE_DATA_FORMAT = 'picture-data/3';
/** Bump when vocabulary-usage.ts's queries or its JSON change. */
const USAGE_FORMAT = 'vocabulary-usage/1';

/** Where the summaries are kept: CACHE_DIR, under the content hash of the data they summarise. */
export interface SummaryCache {
  readonly cache: CacheDir;
  readonly contentHash: string;
}

/** Builds (or reads) every summary in turn; a part that fails is logged and built on its first request. */
export async function prepareSummaries(
  ctx: PageContext,
  search: SiteSearch,
  summaries: SummaryCache | undefined,
  log?: StartupLog,
): Promise<void> {
  const timed = async (what: string, build: () => Promise<'read' | 'built'>): Promise<void> => {
    const started = performance.now();
    try {
      const how = await build();
      log?.info(
        { ms: Math.round(performance.now() - started) },
        `${what} ${how === 'read' ? 'read from CACHE_DIR' : 'built'}`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log?.warn({ err: reason }, `${what} could not be built before serving (${reason}); it will be on first request`);
    }
  };
  const summary = <T>(
    what: string,
    format: string,
    build: () => Promise<T>,
    accept: (saved: unknown) => T | undefined,
  ): Promise<{ value: T; how: 'read' | 'built' }> => savedOrBuilt(ctx, summaries, what, format, build, accept);
  // One after another: they all run on this thread, and a failure names its part.
  await timed('pictures and home figures', async () => {
    const { value, how } = await summary(
      'picture data',
      PICTURE_DATA_FORMAT,
      () => readPictureData(ctx),
      (saved) => (isPictureData(saved) ? saved : undefined),
    );
    await allPictures(ctx, value);
    return how;
  });
  const space = thingSpace(ctx.baseIri);
  await timed('vocabulary usage', async () => {
    const { how } = await summary(
      'vocabulary usage',
      USAGE_FORMAT,
      async () => usageToJson(await vocabularyUsage(ctx.store, space)),
      (saved) => {
        // Read once: a saved usage becomes the store's; a built one is the store's already.
        const usage = usageFromJson(saved);
        if (usage) seedVocabularyUsage(ctx.store, space, usage);
        return usage ? (saved as ReturnType<typeof usageToJson>) : undefined;
      },
    );
    return how;
  });
  await timed('search index', async () => {
    const { how } = await summary(
      'search index',
      SAVED_FORMAT,
      async () => (await search.index()).toSaved(),
      (saved) => {
        const index = SearchIndex.fromSaved(saved, ctx.things.publishedCount, COLLECTIONS);
        if (index) search.useIndex(index);
        return index ? (saved as SavedSearchIndex) : undefined;
      },
    );
    return how;
  });
}

/**
 * One summary: read from CACHE_DIR when saved there for this data, this base IRI and this site URL
 * (it holds IRIs and links) and `accept` takes it, else built and saved.
 */
async function savedOrBuilt<T>(
  ctx: PageContext,
  summaries: SummaryCache | undefined,
  what: string,
  format: string,
  build: () => Promise<T>,
  accept: (saved: unknown) => T | undefined,
): Promise<{ value: T; how: 'read' | 'built' }> {
  const key = summaries && { kind: what.replace(/ /g, '-'), format, contentHash: summaries.contentHash };
  if (summaries && key) {
    const saved = (await summaries.cache.read(key, what)) as
      { baseIri?: unknown; siteUrl?: unknown; value?: unknown } | undefined;
    const value =
      saved && saved.baseIri === ctx.baseIri && saved.siteUrl === ctx.siteUrl ? accept(saved.value) : undefined;
    if (value !== undefined) return { value, how: 'read' };
  }
  const value = await build();
  if (summaries && key)
    await summaries.cache.write(key, { baseIri: ctx.baseIri, siteUrl: ctx.siteUrl, value }, what, { only: true });
  return { value, how: 'built' };
}

/** Whether a saved payload has PictureData's shape (its checksum has been checked already). */
function isPictureData(saved: unknown): saved is PictureData {
  const data = saved as Partial<Record<keyof PictureData, unknown>> | null;
  const bounded = (part: unknown): boolean => {
    const b = part as { items?: unknown; total?: unknown } | null;
    return !!b && Array.isArray(b.items) && typeof b.total === 'number';
  };
  const africa = data?.africa as { shares?: unknown } | undefined;
  return (
    !!data &&
    bounded(data.network) &&
    bounded(data.idm) &&
    bounded(data.wmr) &&
    Array.isArray(africa?.shares) &&
    typeof data.counts === 'object' &&
    data.counts !== null
  );
}
