// The thing index saved per content: read back as it was built (under any base IRI), rebuilt when absent or damaged.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedThingIndex } from '../../../src/resolve/thing-index-cache.js';
import { buildThingIndex } from '../../../src/resolve/thing-index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { TEST_BASE, loadRealDataset } from '../../support/dataset.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'things-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function realStore(): Promise<MemoryStore> {
  return MemoryStore.fromDataset(await loadRealDataset());
}

describe('cachedThingIndex', () => {
  it('saves the index of some content and reads it back, equal to a fresh build', async () => {
    const store = await realStore();
    const built = await cachedThingIndex(store, TEST_BASE, 'v1', dir);
    expect(built.things.size).toBeGreaterThan(300);
    // An empty store with the same content hash: the answer can only have come from the file.
    const read = await cachedThingIndex(new MemoryStore(), TEST_BASE, 'v1', dir);
    expect([...read.things.entries()]).toEqual([...buildThingIndex(store, TEST_BASE).things.entries()]);
    expect([...read.byCollection.entries()]).toEqual([...built.byCollection.entries()]);
  });

  it('reads the same file under another base IRI, every IRI of ours moved to the new base', async () => {
    const store = await realStore();
    await cachedThingIndex(store, TEST_BASE, 'v1', dir);
    const moved = await cachedThingIndex(new MemoryStore(), 'http://127.0.0.1:8123/', 'v1', dir);
    const bali = moved.things.get('http://127.0.0.1:8123/id/process/bali-process');
    expect(bali?.label).toBe('Bali Process');
    expect(bali?.types).toContain('http://127.0.0.1:8123/ontology#InterStateConsultationMechanism');
    expect([...moved.things.keys()].every((iri) => iri.startsWith('http://127.0.0.1:8123/id/'))).toBe(true);
    expect(moved.things.size).toBe(buildThingIndex(store, TEST_BASE).things.size);
    expect(moved.byCollection.get('process')?.map((t) => t.slug)).toEqual(
      buildThingIndex(store, TEST_BASE)
        .byCollection.get('process')
        ?.map((t) => t.slug),
    );
  });

  it('builds again for other content, and keeps only the newest on disk', async () => {
    await cachedThingIndex(await realStore(), TEST_BASE, 'v1', dir);
    const other = await cachedThingIndex(new MemoryStore(), TEST_BASE, 'v2', dir);
    expect(other.things.size).toBe(0);
    expect(await readdir(path.join(dir, 'things'))).toEqual([expect.stringMatching(/^v2-/)]);
  });

  it('rebuilds from the store when the saved file is damaged', async () => {
    const store = await realStore();
    await cachedThingIndex(store, TEST_BASE, 'v1', dir);
    const [file] = await readdir(path.join(dir, 'things'));
    await writeFile(path.join(dir, 'things', file!), '{"format":3,"contentHash":"v1","collec');
    const rebuilt = await cachedThingIndex(store, TEST_BASE, 'v1', dir);
    expect(rebuilt.things.size).toBe(buildThingIndex(store, TEST_BASE).things.size);
  });

  it('without a cache folder, always builds', async () => {
    const index = await cachedThingIndex(await realStore(), TEST_BASE, 'v1', undefined);
    expect(index.things.size).toBeGreaterThan(300);
  });
});
