// The platform's reads over Oxigraph (OxigraphReads, the reads of the embedded store): the answers
// the pages build on, and failures that reject rather than throw.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { OxigraphReads } from '../../../src/store/embedded-store.js';
import { iri, loadRealDataset } from '../../support/dataset.js';

async function reads(): Promise<{ reads: OxigraphReads; store: MemoryStore }> {
  const store = MemoryStore.fromDataset(await loadRealDataset());
  return { reads: new OxigraphReads(store), store };
}

describe('OxigraphReads over the real data', () => {
  it('counts, describes and labels as the Oxigraph store does', async () => {
    const { reads: r, store } = await reads();
    expect(await r.tripleCount()).toBe(store.size);
    const bali = await r.describe(iri('id/process/bali-process'));
    expect(bali).toEqual(store.describe(iri('id/process/bali-process')));
    expect(bali.inbound.length).toBeGreaterThan(0);
    const labels = await r.labels([iri('id/process/igc'), iri('id/process/bali-process')]);
    expect(labels.map((q) => q.object.value)).toEqual(['IGC', 'Bali Process']);
  });

  it('answers the platform’s own SELECT queries with N3 terms', async () => {
    const { reads: r } = await reads();
    const rows = await r.select(
      `SELECT ?label WHERE { <${iri('id/process/bali-process')}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }`,
    );
    expect(rows.map((row) => [row.label?.termType, row.label?.value])).toEqual([['Literal', 'Bali Process']]);
  });

  it('rejects (never throws) when a read fails', async () => {
    const { reads: r } = await reads();
    let thrown: unknown;
    const pending = (() => {
      try {
        return r.select('SELECT nonsense');
      } catch (error) {
        thrown = error;
        return undefined;
      }
    })();
    expect(thrown).toBeUndefined();
    await expect(pending).rejects.toThrow();
  });
});
