// The sitemap past the protocol's bound per file: sitemap.xml becomes an index of files that each
// hold at most that many pages, and together every page of the single sitemap, once.
import { describe, expect, it } from 'vitest';
import { sitemap, sitemapPart, sitemapPartIri, sitemapParts } from '../../../src/render/pages/sitemap.js';
import { realPageContext } from '../../support/page-context.js';
import { TEST_BASE } from '../../support/dataset.js';

const { ctx } = await realPageContext();
const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
const whole = (await sitemap(ctx)).body.toString('utf8');
const all = locs(whole);

describe('a sitemap larger than one file', () => {
  it('the real data fits in one: sitemap.xml is the urlset itself, and there is no part', async () => {
    expect(whole).toContain('<urlset');
    expect(sitemapParts(ctx)).toBe(1);
    expect(await sitemapPart(ctx, 1)).toBeUndefined();
  });

  it('past the bound, sitemap.xml is an index of parts that hold every page once, none over the bound', async () => {
    const perFile = 100;
    const index = (await sitemap(ctx, perFile)).body.toString('utf8');
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const parts = Math.ceil(all.length / perFile);
    expect(sitemapParts(ctx, perFile)).toBe(parts);
    expect(locs(index)).toEqual(Array.from({ length: parts }, (_, i) => sitemapPartIri(TEST_BASE, i + 1)));
    const listed: string[] = [];
    for (let n = 1; n <= parts; n++) {
      const part = (await sitemapPart(ctx, n, perFile))!.body.toString('utf8');
      expect(part).toContain('<urlset');
      expect(locs(part).length).toBeLessThanOrEqual(perFile);
      listed.push(...locs(part));
    }
    expect(listed).toEqual(all);
    expect(await sitemapPart(ctx, parts + 1, perFile)).toBeUndefined();
    expect(await sitemapPart(ctx, 0, perFile)).toBeUndefined();
  });
});
