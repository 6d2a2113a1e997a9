// Search through the app, in-process: /search?q= negotiated as HTML or JSON with its 400s and 406,
// /opensearch.xml, the box and the OpenSearch link on every page kind, and close matches on the
// 404 page (HTML only, 404 only).
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

let app: Express;
beforeAll(async () => {
  ({ app } = await realApp());
});

interface Answer {
  query: string;
  total: number;
  results: Array<{ iri: string; url: string; label: string; kind: string; matched?: string }>;
}

describe('GET /search', () => {
  it('answers JSON when asked, varying by Accept, with an ETag that answers 304', async () => {
    const res = await request(app).get('/search?q=UNHCR').set('Accept', 'application/json').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toContain('Accept');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.body as Answer;
    expect(body.query).toBe('UNHCR');
    expect(body.results[0]).toMatchObject({
      iri: `${TEST_BASE}id/organisation/unhcr`,
      url: `${TEST_BASE}doc/organisation/unhcr`,
      matched: 'UNHCR',
    });
    await request(app)
      .get('/search?q=UNHCR')
      .set('Accept', 'application/json')
      .set('If-None-Match', res.headers.etag as string)
      .expect(304);
  });

  it('answers HTML to a browser, with links that lead to the things', async () => {
    const res = await request(app)
      .get('/search?q=bali%20process')
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<a href="${TEST_BASE}doc/process/bali-process">Bali Process</a>`);
    await request(app).get('/doc/process/bali-process').set('Accept', 'text/html').expect(200);
  });

  it('limit bounds the JSON (the suggestions ask for 8)', async () => {
    const res = await request(app).get('/search?q=migration&limit=8').set('Accept', 'application/json').expect(200);
    const body = res.body as Answer;
    expect(body.results).toHaveLength(8);
    expect(body.total).toBeGreaterThan(8);
  });

  it('words nothing is named: 200 with no results', async () => {
    const res = await request(app).get('/search?q=qqxzzv').set('Accept', 'application/json').expect(200);
    expect(res.body).toEqual({ query: 'qqxzzv', total: 0, results: [] });
  });

  it.each([
    ['/search', 'Say what to search for'],
    ['/search?q=', 'empty'],
    ['/search?q=%20%20', 'empty'],
    [`/search?q=${'a'.repeat(201)}`, 'too long'],
    ['/search?q=a&q=b', 'once'],
    ['/search?q=iom&limit=0', 'limit'],
    ['/search?q=iom&limit=51', 'limit'],
    ['/search?q=iom&limit=x', 'limit'],
  ])('%s is a 400 that says why', async (url, why) => {
    const res = await request(app).get(url).set('Accept', 'application/json').expect(400);
    expect((res.body as { message: string }).message).toContain(why);
  });

  it('nine words with a typo are fine: the UN High Level Dialogue is found', async () => {
    const q = 'UN High Level Dialogue on International Migration and Developmnt';
    const res = await request(app)
      .get(`/search?q=${encodeURIComponent(q)}`)
      .set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect((res.body as { results: { label: string }[] }).results[0]?.label).toBe(
      'UN High Level Dialogue on International Migration and Development',
    );
  });

  it('a pasted title of 17 words finds its publication first (the search looks at the first 12 words)', async () => {
    const title =
      'Regional Inter-State Consultation Mechanisms on Migration Approaches, Recent Activities and Implications for Global Governance of Migration';
    const res = await request(app)
      .get(`/search?q=${encodeURIComponent(title)}`)
      .set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect((res.body as { results: { label: string }[] }).results[0]?.label).toBe(title);
  });

  it('one letter is a word, not a prefix: "a" does not list every thing with a word in a', async () => {
    const res = await request(app).get('/search?q=a').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    const prefixed = await request(app).get('/search?q=ba').set('Accept', 'application/json');
    expect((prefixed.body as { results: { label: string }[] }).results.map((r) => r.label)).toContain('Bali Process');
    expect((res.body as { total: number }).total).toBeLessThan(50);
  });

  it('a 404 on a path of hundreds of words still answers with close matches from its last words', async () => {
    const path = `/doc/${'zz/'.repeat(300)}bali-proces`;
    const res = await request(app).get(path).set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Bali Process');
  });

  it('200 characters are fine; a type it has not is a 406', async () => {
    await request(app)
      .get(`/search?q=${'a'.repeat(200)}`)
      .set('Accept', 'application/json')
      .expect(200);
    await request(app).get('/search?q=iom').set('Accept', 'text/turtle').expect(406);
  });
});

describe('OpenSearch', () => {
  it('/opensearch.xml describes the search', async () => {
    const res = await request(app)
      .get('/opensearch.xml')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/opensearchdescription+xml; charset=utf-8');
    expect(res.body as string).toContain(`template="${TEST_BASE}search?q={searchTerms}"`);
  });

  it.each(['/', '/doc/process', '/doc/process/bali-process', '/ontology', '/dataset', '/sparql', '/sparql/examples'])(
    '%s has the search box and the OpenSearch link',
    async (url) => {
      const res = await request(app).get(url).set('Accept', 'text/html').expect(200);
      expect(res.text).toContain(`<form class="site-search" role="search"`);
      expect(res.text).toContain(`href="${TEST_BASE}opensearch.xml"`);
    },
  );
});

describe('close matches on the 404 page', () => {
  it('a mistyped document suggests the thing meant', async () => {
    const res = await request(app).get('/doc/process/bali-proces').set('Accept', 'text/html').expect(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Did you mean');
    expect(res.text).toContain(`<a href="${TEST_BASE}doc/process/bali-process">Bali Process</a>`);
  });

  it('any path no route answers, too; and a browser without Accept gets them', async () => {
    const res = await request(app).get('/unhcrr').expect(404);
    expect(res.text).toContain('United Nations High Commissioner for Refugees');
  });

  it('JSON and plain-text 404s are unchanged; a 406 shows none', async () => {
    const json = await request(app).get('/doc/process/bali-proces').set('Accept', 'application/json').expect(404);
    expect(json.body).toEqual({ status: 404, error: 'Not Found', message: 'Nothing is published at this address.' });
    const text = await request(app).get('/doc/process/bali-proces').set('Accept', 'text/plain').expect(404);
    expect(text.text).not.toContain('Did you mean');
    const notAcceptable = await request(app).get('/').set('Accept', 'text/turtle, text/html;q=0').expect(406);
    expect(notAcceptable.text).not.toContain('Did you mean');
  });

  it('a path with nothing like a name: the 404 page without suggestions', async () => {
    const res = await request(app).get('/qqxzzv').set('Accept', 'text/html').expect(404);
    expect(res.text).not.toContain('Did you mean');
    expect(res.text).toContain('Go to the home page');
  });
});
