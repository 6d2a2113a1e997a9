// The bench's crawls find their documents in /sitemap.xml, also when it is a sitemap index.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapDocuments } from '../../../src/bench/crawl.js';

const BASE = 'http://localhost:8080/';
const urlset = (...locs: string[]): string =>
  `<?xml version="1.0"?>\n<urlset>${locs.map((l) => `<url><loc>${l}</loc></url>`).join('\n')}</urlset>`;
const files: Record<string, string> = {
  '/sitemap.xml': `<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<sitemap><loc>${BASE}sitemap/1.xml</loc></sitemap>\n<sitemap><loc>${BASE}sitemap/2.xml</loc></sitemap>\n</sitemapindex>`,
  '/sitemap/1.xml': urlset(BASE, `${BASE}doc/process/a`, `${BASE}collection/process`, `${BASE}doc/process/b`),
  '/sitemap/2.xml': urlset(`${BASE}doc/organisation/c`, `${BASE}doc/process/a`),
};
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/xml' }).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('sitemapDocuments', () => {
  it("follows a sitemap index, asking the platform for each file listed under the data's base IRI", async () => {
    expect(await sitemapDocuments(url, BASE)).toEqual([
      `${BASE}doc/process/a`,
      `${BASE}doc/process/b`,
      `${BASE}doc/organisation/c`,
    ]);
  });

  it('reads a single urlset as before', async () => {
    files['/sitemap.xml'] = urlset(`${url}doc/process/x`, `${url}sparql`);
    expect(await sitemapDocuments(url)).toEqual([`${url}doc/process/x`]);
  });
});
