// A PageContext over the real data, read in this thread (OxigraphReads): what the page unit tests
// render with, without query workers or HTTP.
import path from 'node:path';
import { MemoryStore } from '../../src/oxigraph/memory-store.js';
import { buildJsonLdContext } from '../../src/render/jsonld-context.js';
import { createPageContext, type PageContext } from '../../src/render/pages/page-context.js';
import { buildThingIndex, type ThingIndex, type ThingInfo } from '../../src/resolve/thing-index.js';
import { IndexedThings, isPublished } from '../../src/resolve/things.js';
import type { Collection } from '../../src/rdf/vocab.js';
import { OxigraphReads } from '../../src/store/embedded-store.js';
import type { DataReads } from '../../src/store/store.js';
import { ROOT, TEST_BASE, loadRealDataset } from './dataset.js';

/**
 * `selects`, when given, receives every SELECT the pages send through `ctx.store`; `extraTurtle`
 * (IRIs relative to the test base) is added to the data before the thing index is built; `reads`
 * replaces the local store's reads (a remote store holding the same data), the index included.
 */
export async function realPageContext(
  options: { selects?: string[]; extraTurtle?: string; reads?: DataReads } = {},
): Promise<{ ctx: PageContext; store: MemoryStore }> {
  const dataset = await loadRealDataset();
  const store = MemoryStore.fromDataset(dataset);
  if (options.extraTurtle) store.loadTurtle(new TextEncoder().encode(options.extraTurtle), TEST_BASE);
  const oxigraph = new OxigraphReads(store);
  const { selects } = options;
  const reads: DataReads = options.reads
    ? options.reads
    : selects
      ? {
          tripleCount: () => oxigraph.tripleCount(),
          describe: (iri) => oxigraph.describe(iri),
          labels: (iris) => oxigraph.labels(iris),
          pairs: (p) => oxigraph.pairs(p),
          nTriples: () => oxigraph.nTriples(),
          select: (query) => {
            selects.push(query);
            return oxigraph.select(query);
          },
        }
      : oxigraph;
  const ctx = createPageContext(
    {
      baseIri: TEST_BASE,
      store: reads,
      things: new IndexedThings(await buildThingIndex(options.reads ?? store, TEST_BASE)),
      tripleCount: options.reads ? await options.reads.tripleCount() : store.size,
      context: buildJsonLdContext(new MemoryStore(dataset.ontology), TEST_BASE),
      ontology: dataset.ontology,
      shapes: dataset.shapes,
      modified: new Date('2026-01-01T00:00:00Z'),
      version: 'test',
    },
    path.join(ROOT, 'views'),
  );
  return { ctx, store };
}

/** The thing index of a context made by realPageContext (which holds its things in memory). */
export function indexOf(ctx: PageContext): ThingIndex {
  if (!(ctx.things instanceof IndexedThings)) throw new Error('this context holds no thing index in memory');
  return ctx.things.index;
}

/** The published members of a collection, in listing order (from the context's index). */
export function publishedOf(ctx: PageContext, collection: Collection): readonly ThingInfo[] {
  return (indexOf(ctx).byCollection.get(collection) ?? []).filter(isPublished);
}
