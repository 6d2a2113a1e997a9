// For search engines: sitemap.xml (every HTML page with its last modification) and robots.txt.
import { COLLECTIONS } from '../../rdf/vocab.js';
import { collectionIri, documentIri } from '../../rdf/layout.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { pageCount } from './collection.js';
import type { PageContext } from './page-context.js';

export function sitemap(ctx: PageContext): Representation {
  // The date of the release that recorded the data served (releases.tsv), for every page alike.
  const lastmod = ctx.modified.toISOString().slice(0, 10);
  const urls = [
    ctx.baseIri,
    ctx.datasetIri,
    `${ctx.baseIri}ontology`,
    `${ctx.baseIri}shapes`,
    `${ctx.baseIri}sparql`,
    `${ctx.baseIri}sparql/examples`,
    ...COLLECTIONS.flatMap((c) =>
      Array.from({ length: pageCount(ctx, c) }, (_, i) => collectionIri(ctx.baseIri, c, i + 1)),
    ),
    ...[...ctx.index.things.values()]
      .filter((t) => !t.withdrawn && !t.replacedBy)
      .map((t) => documentIri(t, ctx.baseIri)),
  ];
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
