// Bounded documents: a thing's document holds at most DOCUMENT_PAGE_SIZE of its statements (its own
// first, then those pointing at it); later pages are `?page=N`, linked in the data (Hydra), in the
// HTML page and in a Link header, and together they hold exactly the thing's whole description.
// Run with a small page size over the real data, so its most linked things span many pages.
import type { Express } from 'express';
import { Parser, type Quad } from 'n3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { realApp, realAppWith } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

const SIZE = 10;
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const IOM = `${TEST_BASE}id/organisation/iom`;
const DOC = `${TEST_BASE}doc/organisation/iom`;
const path = (url: string): string => url.slice(TEST_BASE.length - 1);

const { app }: { app: Express } = await realAppWith({ DOCUMENT_PAGE_SIZE: String(SIZE) });

async function turtle(url: string): Promise<{ quads: Quad[]; link: string | undefined; status: number }> {
  const res = await request(app).get(path(url)).set('Accept', 'text/turtle');
  const quads = res.status === 200 ? new Parser({ baseIRI: url }).parse(res.text) : [];
  return { quads, link: res.headers.link, status: res.status };
}

const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

/**
 * The thing's statements on a page: its own (subject) and those pointing at it, as N-Triples-like
 * keys; not the document's metadata, nor the thing's label, which every page carries to name it.
 */
function statements(quads: readonly Quad[]): string[] {
  return quads
    .filter(
      (q) =>
        (q.subject.value === IOM || q.object.value === IOM) &&
        !q.predicate.value.startsWith('http://xmlns.com/foaf/0.1/') &&
        !(q.subject.value === IOM && q.predicate.value === LABEL),
    )
    .map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`);
}

const valueOf = (quads: readonly Quad[], subject: string, property: string): string | undefined =>
  quads.find((q) => q.subject.value === subject && q.predicate.value === `${HYDRA}${property}`)?.object.value;

describe(`a much-linked thing's document, ${SIZE} statements a page (DOCUMENT_PAGE_SIZE)`, () => {
  it('page 1 holds at most that many, says how many there are in all, and links the next and last page', async () => {
    const { quads, link, status } = await turtle(DOC);
    expect(status).toBe(200);
    expect(statements(quads).length).toBe(SIZE);
    const total = Number(valueOf(quads, DOC, 'totalItems'));
    expect(total).toBeGreaterThan(8 * SIZE);
    const pages = Math.ceil(total / SIZE);
    expect(valueOf(quads, DOC, 'next')).toBe(`${DOC}?page=2`);
    expect(valueOf(quads, DOC, 'last')).toBe(`${DOC}?page=${pages}`);
    expect(valueOf(quads, DOC, 'previous')).toBeUndefined();
    expect(valueOf(quads, DOC, 'itemsPerPage')).toBe(String(SIZE));
    expect(link).toBe(`<${DOC}>; rel="first", <${DOC}?page=2>; rel="next", <${DOC}?page=${pages}>; rel="last"`);
    // The thing's own label is on the page, so a client can name it.
    expect(quads.some((q) => q.subject.value === IOM && q.predicate.value === LABEL)).toBe(true);
  });

  it('following hydra:next from page 1 reads every statement of the description once, as DESCRIBE gives it', async () => {
    const seen: string[] = [];
    let url: string | undefined = DOC;
    let pages = 0;
    while (url) {
      const { quads, status } = await turtle(url);
      expect(status, url).toBe(200);
      const here = statements(quads);
      expect(here.length, url).toBeLessThanOrEqual(SIZE);
      expect(here.length, url).toBeGreaterThan(0);
      // Every page names the thing, and says it is part of the document from its second page on.
      expect(
        quads.some((q) => q.subject.value === IOM && q.predicate.value === LABEL),
        url,
      ).toBe(true);
      if (url !== DOC)
        expect(
          quads.some((q) => q.subject.value === url && q.object.value === DOC),
          url,
        ).toBe(true);
      seen.push(...here);
      pages += 1;
      url = valueOf(quads, url, 'next');
    }
    const described = await request(app)
      .get('/sparql')
      .query({ query: `DESCRIBE <${IOM}>` })
      .set('Accept', 'application/n-triples');
    expect(described.status).toBe(200);
    const whole = statements(new Parser({ format: 'N-Triples' }).parse(described.text));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...whole].sort());
    expect(pages).toBe(Math.ceil(whole.length / SIZE));
  });

  it('a later page links back, and past the last page is a 404 that says how many there are', async () => {
    const { quads, link } = await turtle(`${DOC}?page=2`);
    const page2 = `${DOC}?page=2`;
    expect(valueOf(quads, page2, 'previous')).toBe(DOC);
    expect(valueOf(quads, page2, 'first')).toBe(DOC);
    expect(link).toContain(`<${DOC}>; rel="prev"`);
    const pages = Number(/page=(\d+)>; rel="last"/.exec(link ?? '')?.[1]);
    const past = await request(app)
      .get(path(`${DOC}.ttl?page=${pages + 1}`))
      .set('Accept', 'text/plain');
    expect(past.status).toBe(404);
    expect(past.text).toContain(`has ${pages} pages; there is no page ${pages + 1}`);
  });

  it('a page number that is not a positive whole number is a 400; page 1 is the document itself', async () => {
    for (const bad of ['0', '-1', 'two', '1.5'])
      expect(
        (
          await request(app)
            .get(`${path(DOC)}?page=${bad}`)
            .set('Accept', 'text/turtle')
        ).status,
        bad,
      ).toBe(400);
    const [first, plain] = await Promise.all([
      request(app).get(`${path(DOC)}.ttl?page=1`),
      request(app).get(`${path(DOC)}.ttl`),
    ]);
    expect(first.status).toBe(200);
    expect(first.text).toBe(plain.text);
  });

  it('a negotiated page names its variant with the page, and each format of it holds the same statements', async () => {
    const res = await request(app)
      .get(`${path(DOC)}?page=3`)
      .set('Accept', 'application/n-triples');
    expect(res.status).toBe(200);
    expect(res.headers['content-location']).toBe(`${DOC}.nt?page=3`);
    const fromNt = statements(new Parser({ format: 'N-Triples' }).parse(res.text)).sort();
    const fromTtl = statements((await turtle(`${DOC}?page=3`)).quads).sort();
    expect(fromNt).toEqual(fromTtl);
    const jsonld = await request(app).get(`${path(DOC)}.jsonld?page=3`);
    expect(jsonld.status).toBe(200);
    expect(jsonld.text).toContain(`"hydra:next"`);
  });

  it('the HTML page says which statements it shows and links the others, with its own canonical address', async () => {
    const res = await request(app)
      .get(`${path(DOC)}?page=2`)
      .set('Accept', 'text/html');
    expect(res.status).toBe(200);
    const html = res.text.replaceAll('&#x3D;', '='); // handlebars writes = in attributes as a reference
    expect(html).toContain(`<link rel="canonical" href="${DOC}?page=2">`);
    expect(html).toMatch(/Page 2 of \d+: statements 11–20 of \d+/);
    expect(html).toContain(`<a rel="prev" href="${DOC}">Previous</a>`);
    expect(html).toContain(`<a rel="next" href="${DOC}?page=3">Next</a>`);
    expect(html).toContain(`href="${DOC}.ttl?page=2"`);
    expect(html).toMatch(/<title>[^<]*\(page 2 of \d+\)/);
  });
});

describe('with the default page size every document of the real data is one page', () => {
  it('IOM, the most linked organisation, has no paging statements and no Link header', async () => {
    const { app: plain } = await realApp();
    const res = await request(plain).get(`${path(DOC)}.ttl`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('hydra:');
    expect(res.headers.link).toBeUndefined();
    expect((await request(plain).get(`${path(DOC)}.ttl?page=2`)).status).toBe(404);
  });
});

describe('a collection listing of several pages says the same in Hydra terms and in a Link header', () => {
  it('page 2 of the events links the first, previous and last page', async () => {
    const { app: plain } = await realApp();
    const stem = `${TEST_BASE}doc/event`;
    const res = await request(plain).get('/doc/event.ttl?page=2');
    expect(res.status).toBe(200);
    const quads = new Parser({ baseIRI: stem }).parse(res.text);
    const page2 = `${stem}?page=2`;
    expect(valueOf(quads, page2, 'first')).toBe(stem);
    expect(valueOf(quads, page2, 'previous')).toBe(stem);
    const last = valueOf(quads, page2, 'last');
    expect(last).toMatch(/\?page=\d+$/);
    expect(Number(valueOf(quads, page2, 'totalItems'))).toBeGreaterThan(50);
    expect(valueOf(quads, page2, 'itemsPerPage')).toBe('50');
    expect(res.headers.link).toContain(`<${stem}>; rel="prev"`);
    expect(res.headers.link).toContain(`<${last}>; rel="last"`);
  });
});
