// sitemap.xml and robots.txt: every page a crawler should find, under the configured base.
import type { Express } from 'express';
import { parseDocument, DomUtils } from 'htmlparser2';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/rdf/vocab.js';
import type { Site } from '../../src/render/site.js';
import { realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';
import { allThings } from '../support/things.js';

interface Entry {
  readonly loc: string;
  readonly lastmod: string | undefined;
}

describe('/sitemap.xml', () => {
  let app: Express;
  let site: Site;
  let xml: string;
  let entries: Entry[];

  beforeAll(async () => {
    ({ app, site } = await realApp());
    const res = await request(app).get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/xml; charset=utf-8$/i);
    xml = res.text;
    const document = parseDocument(xml, { xmlMode: true });
    entries = DomUtils.getElementsByTagName('url', document.children).map((url) => {
      const child = (name: string): string | undefined => {
        const found = DomUtils.getElementsByTagName(name, url.children, false);
        expect(found.length, `${name} in ${DomUtils.getOuterHTML(url)}`).toBeLessThanOrEqual(1);
        return found[0] ? DomUtils.textContent(found[0]) : undefined;
      };
      return { loc: child('loc') ?? '', lastmod: child('lastmod') };
    });
  });

  it('is one file for the real data: /sitemap/1.xml, a part of an index, is a 404 that says so', async () => {
    const res = await request(app).get('/sitemap/1.xml').set('Accept', 'text/plain');
    expect(res.status).toBe(404);
    expect(res.text).toContain('The sitemap is one file: /sitemap.xml.');
  });

  it('is a well-formed urlset in the sitemap namespace', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
    // Every tag is one of the four the protocol needs, and they nest and close properly.
    const stack: string[] = [];
    for (const [, close, name, selfClose] of body.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
      expect(['urlset', 'url', 'loc', 'lastmod']).toContain(name);
      if (selfClose) continue;
      if (close) expect(stack.pop()).toBe(name);
      else stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
    expect(body).toMatch(/^<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    // No raw ampersand or angle bracket outside markup.
    expect(body.replace(/<[^>]+>/g, '')).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.length).toBeLessThanOrEqual(50_000);
  });

  it('gives every url a loc under the base and a lastmod as YYYY-MM-DD, once each', () => {
    for (const { loc, lastmod } of entries) {
      expect(loc.startsWith(TEST_BASE), loc).toBe(true);
      expect(() => new URL(loc), loc).not.toThrow();
      expect(lastmod, loc).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
      expect(new Date(`${lastmod}T00:00:00Z`).toISOString().slice(0, 10), loc).toBe(lastmod);
    }
    expect(new Set(entries.map((e) => e.loc)).size).toBe(entries.length);
  });

  it('lists the home page, the dataset, the ontology and every collection', () => {
    const locs = entries.map((e) => e.loc);
    for (const page of ['', 'dataset', 'ontology', 'shapes']) expect(locs).toContain(TEST_BASE + page);
    for (const collection of COLLECTIONS) {
      expect(locs).toContain(`${TEST_BASE}doc/${collection}`);
      for (let page = 2; page <= site.pageCount(collection); page++)
        expect(locs).toContain(`${TEST_BASE}doc/${collection}?page=${page}`);
    }
  });

  it('lists the document page of every published thing, and none of a withdrawn or replaced one', async () => {
    const locs = new Set(entries.map((e) => e.loc));
    let published = 0;
    for (const thing of await allThings(site.things)) {
      const page = `${TEST_BASE}doc/${thing.collection}/${thing.slug}`;
      if (thing.withdrawn || thing.replacedBy) {
        expect(locs.has(page), page).toBe(false);
      } else {
        published++;
        expect(locs.has(page), page).toBe(true);
      }
    }
    expect(published).toBeGreaterThan(100);
    // Things only by their document page, never the /id/ IRI (which redirects).
    expect([...locs].filter((loc) => loc.startsWith(`${TEST_BASE}id/`))).toEqual([]);
  });

  it('lists only pages that answer 200 in HTML', async () => {
    for (const { loc } of entries) {
      const res = await request(app)
        .get(loc.slice(TEST_BASE.length - 1))
        .set('Accept', 'text/html');
      expect(res.status, loc).toBe(200);
      expect(res.headers['content-type'], loc).toMatch(/^text\/html/);
    }
  }, 60_000);
});

describe('/robots.txt', () => {
  it('allows crawling and names the sitemap under the base', async () => {
    const { app } = await realApp();
    const res = await request(app).get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; charset=utf-8$/i);
    const lines = res.text.split(/\r?\n/);
    expect(lines).toContain('User-agent: *');
    const sitemaps = lines.filter((l) => /^sitemap:/i.test(l)).map((l) => l.replace(/^sitemap:\s*/i, ''));
    expect(sitemaps).toEqual([`${TEST_BASE}sitemap.xml`]);
    // The document pages themselves are not disallowed.
    for (const rule of lines.filter((l) => /^disallow:/i.test(l)).map((l) => l.replace(/^disallow:\s*/i, ''))) {
      for (const path of ['/', '/doc/process/bali-process', '/dataset', '/ontology', '/sitemap.xml']) {
        expect(rule === '' || !path.startsWith(rule), `${rule} blocks ${path}`).toBe(true);
      }
    }
  });
});
