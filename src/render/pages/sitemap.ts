// For search engines: sitemap.xml (every HTML page with its last modification) and robots.txt.
import { COLLECTIONS } from '../../rdf/vocab.js';
import { collectionIri, documentIri } from '../../rdf/layout.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { pageCount } from './collection.js';
import type { PageContext } from './page-context.js';

/**
 * The sitemap protocol's bound on one file (sitemaps.org): 50,000 URLs (and 50 MB, which 50,000 of
 * ours stay far under). Past it, `sitemap.xml` is a sitemap index of files of at most that many.
 */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * Every HTML page a crawler should find: the site's own and the collections' pages, then every
 * current thing's, by IRI. The fixed pages are kept once per site; the things' are read for the
 * part asked for (resolve/things.ts), so a part costs its own addresses only.
 */
interface SitemapList {
  readonly fixed: readonly string[];
  readonly length: number;
}

const lists = new WeakMap<PageContext, SitemapList>();

function sitemapList(ctx: PageContext): SitemapList {
  let list = lists.get(ctx);
  if (!list) {
    const fixed = [
      ctx.baseIri,
      ctx.datasetIri,
      `${ctx.baseIri}ontology`,
      `${ctx.baseIri}shapes`,
      `${ctx.baseIri}sparql`,
      `${ctx.baseIri}sparql/examples`,
      ...COLLECTIONS.flatMap((c) =>
        Array.from({ length: pageCount(ctx, c) }, (_, i) => collectionIri(ctx.baseIri, c, i + 1)),
      ),
    ];
    list = { fixed, length: fixed.length + ctx.things.publishedCount };
    lists.set(ctx, list);
  }
  return list;
}

/** The addresses from `from` to `to` (exclusive) of the list. */
async function urlsBetween(ctx: PageContext, list: SitemapList, from: number, to: number): Promise<string[]> {
  const fixed = list.fixed.slice(from, to);
  const start = Math.max(0, from - list.fixed.length);
  const things = await ctx.things.published(start, Math.max(0, to - list.fixed.length) - start);
  return [...fixed, ...things.map((t) => documentIri(t, ctx.baseIri))];
}

/** Where part `n` (from 1) of a sitemap index is. */
export function sitemapPartIri(baseIri: string, n: number): string {
  return `${baseIri}sitemap/${n}.xml`;
}

/** How many files the sitemap takes: 1 when it fits in one (then sitemap.xml is the urlset itself). */
export function sitemapParts(ctx: PageContext, perFile = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil(sitemapList(ctx).length / perFile));
}

/** sitemap.xml: the urlset of every page, or, past `perFile` pages, the index of the files that hold them. */
export async function sitemap(ctx: PageContext, perFile = SITEMAP_MAX_URLS): Promise<Representation> {
  const list = sitemapList(ctx);
  if (list.length <= perFile) return urlset(ctx, await urlsBetween(ctx, list, 0, list.length));
  const lastmod = lastModified(ctx);
  const parts = Math.ceil(list.length / perFile);
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    Array.from(
      { length: parts },
      (_, i) =>
        `  <sitemap><loc>${escapeXml(sitemapPartIri(ctx.baseIri, i + 1))}</loc><lastmod>${lastmod}</lastmod></sitemap>`,
    ).join('\n') +
    '\n</sitemapindex>\n';
  return makeRepresentation(body, 'application/xml; charset=utf-8');
}

/** Part `n` of a sitemap index (`BASE/sitemap/{n}.xml`); undefined when there is no such part. */
export async function sitemapPart(
  ctx: PageContext,
  n: number,
  perFile = SITEMAP_MAX_URLS,
): Promise<Representation | undefined> {
  const list = sitemapList(ctx);
  if (list.length <= perFile || n < 1 || (n - 1) * perFile >= list.length) return undefined;
  return urlset(ctx, await urlsBetween(ctx, list, (n - 1) * perFile, n * perFile));
}

/** The date of the release that recorded the data served (releases.tsv), for every page alike. */
function lastModified(ctx: PageContext): string {
  return ctx.modified.toISOString().slice(0, 10);
}

function urlset(ctx: PageContext, urls: readonly string[]): Representation {
  const lastmod = lastModified(ctx);
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    urls.map((u) => `  <url><loc>${escapeXml(u)}</loc><lastmod>${lastmod}</lastmod></url>`).join('\n') +
    '\n</urlset>\n';
  return makeRepresentation(body, 'application/xml; charset=utf-8');
}

/** Everything may be crawled; the sitemap says where. */
export function robots(ctx: PageContext): Representation {
  return makeRepresentation(
    `User-agent: *\nAllow: /\nDisallow: /sparql?\n\nSitemap: ${ctx.baseIri}sitemap.xml\n`,
    'text/plain; charset=utf-8',
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
