// A crawler fetching every document of a generated dataset once, against a small CACHE_MAX_BYTES:
// the representation cache never holds more than its bound, and every document is still right
// (same bytes, same ETag, 304 on revalidation) after it has been evicted and rendered again.
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Parser } from 'n3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { generateData } from '../../src/generate/generate-data.js';
import { FORMATS, type FormatEntry } from '../../src/rdf/formats.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import { RDFS } from '../../src/rdf/vocab.js';
import type { ThingInfo } from '../../src/resolve/thing-index.js';
import { testConfig } from '../support/app.js';
import { ROOT, TEST_BASE } from '../support/dataset.js';
import { publishedThings } from '../support/things.js';

/** Small against the documents (about 5 KB of HTML each), so the crawl evicts all the time. */
const MAX_BYTES = 128 * 1024;
const RDF_FORMATS = FORMATS.filter((f) => f.rdf);
const TEST_CACHE = path.join(os.tmpdir(), 'iom-lod-test-cache');

interface Fetched {
  readonly status: number;
  readonly type: string;
  readonly etag: string;
  readonly sha: string;
  readonly body: string;
}

describe('the representation cache under a crawl of a generated dataset', { timeout: 120_000 }, () => {
  let work = '';
  let platform: Platform | undefined;
  let server: Server | undefined;
  let origin = '';
  /** Every thing's HTML document, and one RDF format of it (the formats in turn). */
  let crawl: Array<{ thing: ThingInfo; path: string; format: FormatEntry }> = [];
  const first = new Map<string, Fetched>();
  let peak = 0;
  let overBound: number[] = [];

  async function fetchDoc(docPath: string, headers: Record<string, string> = {}): Promise<Fetched> {
    const response = await fetch(origin + docPath, { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const bytesHeld = (platform as Platform).site.cacheUse.bytes;
    peak = Math.max(peak, bytesHeld);
    if (bytesHeld > MAX_BYTES) overBound.push(bytesHeld);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      etag: response.headers.get('etag') ?? '',
      sha: createHash('sha256').update(bytes).digest('hex'),
      body: bytes.toString('utf8'),
    };
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'lod-cache-crawl-'));
    const root = path.join(work, 'data');
    await generateData({ triples: 3_000, out: root, seed: 11, root: ROOT });
    // The data is the same on every run (same seed), so its verdict is kept with the other tests'.
    const config = testConfig(root, TEST_BASE, { CACHE_MAX_BYTES: String(MAX_BYTES), CACHE_DIR: TEST_CACHE });
    ({ platform } = await openPlatform(config, path.join(ROOT, 'views')));
    if (!platform) throw new Error('the generated data does not conform');
    await platform.engine.ready;
    const app = createApp(config, { ...platform, logger: pino({ level: 'silent' }) });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const things = await publishedThings(platform.site.things);
    crawl = things.flatMap((thing, i) => {
      const doc = `/doc/${thing.collection}/${thing.slug}`;
      const rdf = RDF_FORMATS[i % RDF_FORMATS.length] as FormatEntry;
      return [
        { thing, path: `${doc}.html`, format: FORMATS[0] as FormatEntry },
        { thing, path: `${doc}.${rdf.extension}`, format: rdf },
      ];
    });
    // The crawl itself: four requests in flight at a time, each document once.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < crawl.length) {
        const { path: docPath } = crawl[next++] as (typeof crawl)[number];
        first.set(docPath, await fetchDoc(docPath));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await platform?.engine.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('crawled every document, each answered in its format', () => {
    expect(crawl.length).toBeGreaterThan(1500);
    expect(first.size).toBe(crawl.length);
    const wrong = crawl.filter(({ path: docPath, format }) => {
      const got = first.get(docPath) as Fetched;
      return got.status !== 200 || !got.type.startsWith(format.mediaType);
    });
    expect(wrong).toEqual([]);
  });

  it('never held more bytes than CACHE_MAX_BYTES, and did fill up to near it', () => {
    const use = (platform as Platform).site.cacheUse;
    expect(use.maxBytes).toBe(MAX_BYTES);
    expect(overBound).toEqual([]);
    expect(use.bytes).toBeLessThanOrEqual(MAX_BYTES);
    // Not vacuous: the cache was in use, close to full, and evicted (it holds far fewer than were made).
    expect(peak).toBeGreaterThan(MAX_BYTES * 0.8);
    expect(use.entries).toBeGreaterThan(10);
    expect(use.entries).toBeLessThan(crawl.length / 10);
  });

  it('serves the same bytes and ETag again after eviction, in the reverse order', async () => {
    overBound = [];
    const again = [...crawl].reverse().filter((_, i) => i % 4 === 0);
    const changed: string[] = [];
    for (const { path: docPath } of again) {
      const before = first.get(docPath) as Fetched;
      const now = await fetchDoc(docPath);
      if (now.sha !== before.sha || now.etag !== before.etag) changed.push(docPath);
    }
    expect(changed).toEqual([]);
    expect(overBound).toEqual([]);
  });

  it('each document is about its thing, and an evicted one still revalidates to 304', async () => {
    const parser = new Parser({ format: 'text/turtle' });
    const turtle = crawl.filter((c) => c.format.id === 'turtle').filter((_, i) => i % 20 === 0);
    expect(turtle.length).toBeGreaterThan(10);
    for (const { thing, path: docPath } of turtle) {
      const quads = parser.parse((first.get(docPath) as Fetched).body);
      const labels = quads.filter((q) => q.subject.value === thing.iri && q.predicate.value === `${RDFS}label`);
      expect({ docPath, label: labels[0]?.object.value }).toEqual({ docPath, label: thing.label });
    }
    for (const { thing, path: docPath } of crawl.filter((c) => c.format.id === 'html').filter((_, i) => i % 50 === 0)) {
      const html = (first.get(docPath) as Fetched).body;
      expect(html).toContain(`<code class="iri">${thing.iri}</code>`);
    }
    // The first document crawled was evicted long ago: its ETag still answers 304 without a body.
    const { path: oldest } = crawl[0] as (typeof crawl)[number];
    const revalidated = await fetch(origin + oldest, {
      headers: { 'If-None-Match': (first.get(oldest) as Fetched).etag },
    });
    expect(revalidated.status).toBe(304);
    expect((await revalidated.arrayBuffer()).byteLength).toBe(0);
  });
});
