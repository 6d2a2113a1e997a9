// The thing index saved per content: read back as it was built (under any base IRI), rebuilt, with a
// warning, whenever the saved entry cannot be believed or does not match the data.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheDir, type StartupLog } from '../../../src/dataset/cache-dir.js';
import { loadDataset } from '../../../src/dataset/load.js';
import { cachedThingIndex } from '../../../src/resolve/thing-index-cache.js';
import { buildThingIndex } from '../../../src/resolve/thing-index.js';
import { loadTurtleFiles } from '../../../src/dataset/read-turtle.js';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { ROOT, TEST_BASE, loadRealDataset } from '../../support/dataset.js';

/** A logger that keeps its lines, so a test can tell a read from a build. */
function recorder(): StartupLog & { lines: string[] } {
  const lines: string[] = [];
  const keep = (_fields: object, message: string) => lines.push(message);
  return { lines, info: keep, warn: (_f: object, m: string) => lines.push(`WARN ${m}`) };
}

let dir: string;
let cache: CacheDir;
let log: ReturnType<typeof recorder>;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'things-'));
  log = recorder();
  cache = (await CacheDir.open(dir, log))!;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function realStore(): Promise<MemoryStore> {
  return MemoryStore.fromDataset(await loadRealDataset());
}

/** The saved entry's file, rewritten by `edit` with its checksum made right again (a careful hand edit). */
async function editEntry(edit: (payload: Record<string, unknown>) => void): Promise<void> {
  const [name] = await readdir(path.join(dir, 'things'));
  const file = path.join(dir, 'things', name!);
  const text = await readFile(file, 'utf8');
  const newline = text.indexOf('\n');
  const payload = JSON.parse(text.slice(newline + 1)) as Record<string, unknown>;
  edit(payload);
  const body = Buffer.from(JSON.stringify(payload));
  const header = { ...(JSON.parse(text.slice(0, newline)) as object), sha256: sha256(body), bytes: body.length };
  await writeFile(file, `${JSON.stringify(header)}\n${body.toString()}`);
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('cachedThingIndex', () => {
  it('saves the index of some content and reads it back, equal to a fresh build', async () => {
    const store = await realStore();
    const built = await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    expect(built.things.size).toBeGreaterThan(300);
    const read = await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    expect(log.lines).toEqual([
      `thing index built: ${built.things.size} things`,
      `thing index read from CACHE_DIR: ${built.things.size} things`,
    ]);
    expect([...read.things.entries()]).toEqual([...(await buildThingIndex(store, TEST_BASE)).things.entries()]);
    expect([...read.byCollection.entries()]).toEqual([...built.byCollection.entries()]);
  });

  it('reads the same entry under another base IRI, every IRI of ours moved to the new base', async () => {
    const other = 'http://127.0.0.1:8123/';
    await cachedThingIndex(await realStore(), TEST_BASE, 'v1', cache, log);
    const otherStore = MemoryStore.fromDataset(await loadDataset({ root: ROOT, baseIri: other }));
    const moved = await cachedThingIndex(otherStore, other, 'v1', cache, log);
    expect(log.lines[1]).toMatch(/^thing index read from CACHE_DIR/);
    const bali = moved.things.get(`${other}id/process/bali-process`);
    expect(bali?.label).toBe('Bali Process');
    expect(bali?.types).toContain(`${other}ontology#InterStateConsultationMechanism`);
    expect([...moved.things.keys()].every((iri) => iri.startsWith(`${other}id/`))).toBe(true);
    expect([...moved.things.entries()]).toEqual([...(await buildThingIndex(otherStore, other)).things.entries()]);
  });

  it('builds again for other content, and keeps only the newest on disk', async () => {
    await cachedThingIndex(await realStore(), TEST_BASE, 'v1', cache, log);
    const other = await cachedThingIndex(new MemoryStore(), TEST_BASE, 'v2', cache, log);
    expect(other.things.size).toBe(0);
    expect(await readdir(path.join(dir, 'things'))).toEqual(['v2.json']);
  });

  it('rebuilds from the store, with a warning, when the saved entry is damaged', async () => {
    const store = await realStore();
    await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    const [file] = await readdir(path.join(dir, 'things'));
    await writeFile(path.join(dir, 'things', file!), '{"kind":"things","format":"thing-index/4","conte');
    const rebuilt = await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    expect(rebuilt.things.size).toBe((await buildThingIndex(store, TEST_BASE)).things.size);
    expect(log.lines.filter((l) => l.startsWith('WARN'))).toEqual([
      expect.stringMatching(/^WARN the cached thing index is not a cache entry/),
    ]);
  });

  it('rebuilds when an entry edited by hand, checksum and all, lists a thing under another collection', async () => {
    const store = await realStore();
    await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    await editEntry((payload) => {
      const collections = payload.collections as Record<string, string[]>;
      collections.organisation = [...(collections.organisation ?? []), 'id/process/bali-process'];
    });
    const rebuilt = await cachedThingIndex(store, TEST_BASE, 'v1', cache, log);
    expect(log.lines).toContain('WARN the cached thing index is inconsistent; rebuilding it');
    expect(rebuilt.byCollection.get('organisation')?.some((t) => t.slug === 'bali-process')).toBe(false);
  });

  it('rebuilds when an entry edited by hand, checksum and all, lists fewer things than the data, under another base', async () => {
    await cachedThingIndex(await realStore(), TEST_BASE, 'v1', cache, log);
    await editEntry((payload) => {
      payload.things = (payload.things as Array<{ iri: string }>).filter((t) => t.iri !== 'id/process/bali-process');
      const collections = payload.collections as Record<string, string[]>;
      collections.process = (collections.process ?? []).filter((iri) => iri !== 'id/process/bali-process');
    });
    const other = 'http://127.0.0.1:8123/';
    const otherStore = MemoryStore.fromDataset(await loadDataset({ root: ROOT, baseIri: other }));
    const index = await cachedThingIndex(otherStore, other, 'v1', cache, log);
    expect(index.things.has(`${other}id/process/bali-process`)).toBe(true);
    expect(log.lines).toContainEqual(expect.stringMatching(/^WARN the cached thing index does not match the data/));
  });

  it('under another base, rebuilds when the data names IRIs of ours in absolute form (not ours under the first base)', async () => {
    // The same file (same content hash) read under two bases: the relative thing is ours under
    // both; the absolute one only under http://a.example/.
    const file = path.join(dir, 'mixed.ttl');
    await writeFile(
      file,
      '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n' +
        '<id/process/relative-one> a <ontology#Process> ; rdfs:label "Relative" .\n' +
        '<http://a.example/id/process/absolute-one> a <ontology#Process> ; rdfs:label "Absolute" .\n',
    );
    const underB = await cachedThingIndex(
      await loadTurtleFiles([file], 'http://b.example/'),
      'http://b.example/',
      'v1',
      cache,
      log,
    );
    expect([...underB.things.keys()]).toEqual(['http://b.example/id/process/relative-one']);
    const underA = await cachedThingIndex(
      await loadTurtleFiles([file], 'http://a.example/'),
      'http://a.example/',
      'v1',
      cache,
      log,
    );
    expect([...underA.things.keys()].sort()).toEqual([
      'http://a.example/id/process/absolute-one',
      'http://a.example/id/process/relative-one',
    ]);
    expect(log.lines).toContainEqual(expect.stringMatching(/^WARN the cached thing index does not match the data/));
  });

  it('without a cache, always builds', async () => {
    const index = await cachedThingIndex(await realStore(), TEST_BASE, 'v1', undefined, log);
    expect(index.things.size).toBeGreaterThan(300);
  });
});
