// The crawl part: every document of the dataset fetched once, as a crawler would, on a platform
// started with a known representation-cache bound. Does memory stay within that bound while
// every document is rendered, and how fast are first renderings against cached answers?
import { connectInspector, inspectOptions, type Inspector } from './inspector.js';
import { answeredPerSecond, closedLoop, describeStatuses, describeUnexpected, type LoopResult } from './load.js';
import { currentRss, freePort, sampleRss, startPlatform } from './processes.js';
import type { BenchRow } from './report.js';

/** The representation-cache bound the platform is started with for this part. */
export const CRAWL_CACHE_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Growth allowed above the bound: V8's young generation (3 × 16 MiB semi-spaces on 64-bit, full
 * of short-lived rendering garbage before a scavenge) and the evicted bodies that stay resident
 * until the next major collection (V8 starts one after about 64 MiB of external memory has been
 * allocated since the last, and Buffers are external memory).
 */
export const CRAWL_ALLOWANCE_BYTES = 48 * 1024 * 1024 + 64 * 1024 * 1024;
const CONNECTIONS = 10;
const RSS_SAMPLE_MS = 200;
const MIB = 1024 * 1024;

/** The distinct document URLs (/doc/{collection}/{slug}) listed in a sitemap. */
export function documentsInSitemap(xml: string, baseUrl: string): string[] {
  const docs = new Set<string>();
  const pattern = new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}doc/[^/?#]+/[^/?#]+$`);
  for (const match of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const url = match[1]!.replaceAll('&amp;', '&');
    if (pattern.test(url)) docs.add(url);
  }
  return [...docs];
}

/**
 * The distinct document URLs of a platform's /sitemap.xml, under `baseIri` (the data's, where the
 * sitemap lists them). A sitemap index (past 50,000 URLs) is followed: each of its files is asked
 * for at the platform (its address under the platform's URL instead of `baseIri`).
 */
export async function sitemapDocuments(platformUrl: string, baseIri = platformUrl): Promise<string[]> {
  const get = async (url: string): Promise<string> => {
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
    return res.text();
  };
  const xml = await get(`${platformUrl}sitemap.xml`);
  if (!/<sitemapindex[\s>]/.test(xml)) return documentsInSitemap(xml, baseIri);
  const docs: string[] = [];
  for (const match of xml.matchAll(/<sitemap>\s*<loc>([^<]+)<\/loc>/g)) {
    const part = match[1]!.replaceAll('&amp;', '&');
    const local = part.startsWith(baseIri) ? `${platformUrl}${part.slice(baseIri.length)}` : part;
    docs.push(...documentsInSitemap(await get(local), baseIri));
  }
  return [...new Set(docs)];
}

/** Each URL fetched once, `CONNECTIONS` at a time. */
function crawl(urls: readonly string[], accept: string): Promise<LoopResult> {
  let next = 0;
  return closedLoop({
    connections: CONNECTIONS,
    next: () => {
      const url = urls[next++];
      return url === undefined
        ? undefined
        : { url, label: new URL(url).pathname, headers: { accept, 'accept-encoding': 'gzip' } };
    },
  });
}

/** One document fetched over and over by the same client for `seconds`: cached answers. */
function repeat(url: string, accept: string, seconds: number): Promise<LoopResult> {
  return closedLoop({
    connections: CONNECTIONS,
    durationMs: seconds * 1000,
    next: () => ({ url, headers: { accept, 'accept-encoding': 'gzip' } }),
  });
}

export async function benchCrawl(
  size: number,
  dataRoot: string,
  options: { duration: number; cacheDir: string },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  log(`crawl at ${size}: starting the platform with CACHE_MAX_BYTES=${CRAWL_CACHE_MAX_BYTES}`);
  // The inspector (127.0.0.1 only) runs full collections, to tell memory kept from garbage not yet collected.
  const inspectPort = await freePort();
  const platform = await startPlatform(dataRoot, {
    LOG_LEVEL: 'info',
    CACHE_DIR: options.cacheDir,
    CACHE_MAX_BYTES: String(CRAWL_CACHE_MAX_BYTES),
    NODE_OPTIONS: inspectOptions(inspectPort),
  });
  let inspector: Inspector | undefined;
  try {
    const pid = platform.child.pid;
    inspector = await connectInspector(inspectPort);
    const docs = await sitemapDocuments(platform.url);
    if (docs.length === 0) throw new Error('the sitemap lists no /doc/{collection}/{slug} document');
    // The process has loaded its data and answered the sitemap; its start-up garbage is collected
    // first, so the crawl's growth is measured from what the process holds.
    const collected = async (): Promise<{ rss: number; memory: NodeJS.MemoryUsage }> => {
      await inspector!.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const rss = await currentRss(pid);
      if (rss === undefined) throw new Error(`cannot read /proc/${pid}/status`);
      return { rss, memory: await inspector!.memoryUsage() };
    };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const start = await collected();
    const before = start.rss;

    const sampler = sampleRss(pid, RSS_SAMPLE_MS);
    log(`crawl at ${size}: ${docs.length} documents in HTML`);
    const html = await crawl(docs, 'text/html');
    log(`crawl at ${size}: ${docs.length} documents in Turtle`);
    const turtle = await crawl(
      docs.map((d) => `${d}.ttl`),
      'text/turtle',
    );
    const { peak, samples } = await sampler.stop();
    const after = await currentRss(pid);
    const kept = await collected();

    // The same client on one document, answered from the cache: what the crawl's rate is compared
    // with. The document of median HTML size, so that the baseline is a typical one.
    const bySize = html.answers.filter((a) => a.status === 200).sort((a, b) => a.bytes - b.bytes);
    const typical = bySize[Math.floor(bySize.length / 2)];
    if (!typical?.label) throw new Error('no document of the crawl answered 200');
    const typicalUrl = new URL(typical.label.slice(1), platform.url).href;
    log(`crawl at ${size}: one cached document (${typical.label}), ${options.duration} s per format`);
    const htmlCached = await repeat(typicalUrl, 'text/html', options.duration);
    const turtleCached = await repeat(`${typicalUrl}.ttl`, 'text/turtle', options.duration);

    const growth = peak !== undefined ? peak - before : undefined;
    const bound = (CRAWL_CACHE_MAX_BYTES + CRAWL_ALLOWANCE_BYTES) / MIB;
    const mb = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`;
    const delta = (from: number, to: number): string => `${to >= from ? '+' : ''}${mb(to - from)}`;
    // The requests that did not answer 200, by status: "(no answer (ECONNRESET): /doc/process/x 1)".
    const unexpected = (result: LoopResult): string => {
      const text = describeUnexpected(result.answers);
      return text ? ` (${text.slice(0, 300)})` : '';
    };
    const rate = (label: string, result: LoopResult, cached: LoopResult): BenchRow => ({
      part: 'crawl',
      name: `${label} documents/s, each once`,
      size,
      value: answeredPerSecond(result),
      unit: 'doc/s',
      baselineName: 'one cached document',
      baseline: answeredPerSecond(cached),
      note: [
        `${docs.length} distinct documents from /sitemap.xml, ${CONNECTIONS} connections, in ${(result.elapsedMs / 1000).toFixed(1)} s, ${mb(result.answers.reduce((n, a) => n + a.bytes, 0))}`,
        `statuses ${describeStatuses(result.answers)}${unexpected(result)}`,
        `cached: ${typical.label} (${typical.bytes} B in HTML), ${describeStatuses(cached.answers)}`,
      ].join('; '),
    });
    return [
      rate('HTML', html, htmlCached),
      rate('Turtle', turtle, turtleCached),
      {
        part: 'crawl',
        name: 'peak RSS during the crawl',
        size,
        ...(peak !== undefined ? { value: peak } : {}),
        unit: 'MiB',
        baselineName: 'RSS before the crawl',
        baseline: before,
        note: `VmRSS sampled every ${RSS_SAMPLE_MS} ms (${samples} samples) over both passes${after !== undefined ? `; ${Math.round(after)} MiB after` : ''}`,
      },
      {
        part: 'crawl',
        name: 'RSS growth during the crawl',
        size,
        ...(growth !== undefined ? { value: growth } : {}),
        unit: 'MiB',
        baselineName: 'CACHE_MAX_BYTES',
        baseline: CRAWL_CACHE_MAX_BYTES / MIB,
        target: `<= CACHE_MAX_BYTES + ${CRAWL_ALLOWANCE_BYTES / MIB} MiB`,
        ...(growth !== undefined ? { holds: growth <= bound } : {}),
        note: 'peak during the crawl minus RSS before it (after a full collection); allowance for GC headroom: 48 MiB young generation + 64 MiB of evicted bodies awaiting a major collection',
      },
      {
        part: 'crawl',
        name: 'RSS growth kept after a full GC',
        size,
        value: kept.rss - before,
        unit: 'MiB',
        baselineName: 'CACHE_MAX_BYTES',
        baseline: CRAWL_CACHE_MAX_BYTES / MIB,
        note: `RSS after the crawl and a full collection (inspector) minus before; main thread: heap used ${delta(start.memory.heapUsed, kept.memory.heapUsed)}, heap total ${delta(start.memory.heapTotal, kept.memory.heapTotal)}, external ${delta(start.memory.external, kept.memory.external)} (array buffers ${delta(start.memory.arrayBuffers, kept.memory.arrayBuffers)})`,
      },
    ];
  } finally {
    inspector?.close();
    await platform.stop();
  }
}
