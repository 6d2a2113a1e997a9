// The embedded store's reads go to the reads worker (the main thread holds no copy of the data): a
// worker that dies in the middle of a document's read, or takes longer than its bound, makes that
// request a 503 with Retry-After; the next is answered by a fresh worker, with the same bytes.
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { realApp, realAppWithReadsWorker } from '../support/app.js';
import { iri } from '../support/dataset.js';

const THING = iri('id/process/bali-process');
const PATH = '/id/process/bali-process';

async function document(app: Express, accept: string): Promise<request.Response> {
  const first = await request(app).get(PATH).set('Accept', accept);
  if (first.status !== 303) return first;
  const to = new URL(first.headers.location as string);
  return request(app).get(`${to.pathname}${to.search}`).set('Accept', accept);
}

describe('the reads worker behind the pages', () => {
  it('a worker that dies mid-read: 503 with Retry-After, then the same bytes from a fresh worker', async () => {
    const { app: healthy } = await realApp();
    const { app } = await realAppWithReadsWorker({
      readsWorker: { fault: { op: 'describe', mentions: THING, action: 'exit' } },
    });
    const failed = await document(app, 'text/turtle');
    expect(failed.status, failed.text).toBe(503);
    expect(failed.headers['retry-after']).toMatch(/^\d+$/);
    const again = await document(app, 'text/turtle');
    expect(again.status).toBe(200);
    expect(again.text).toBe((await document(healthy, 'text/turtle')).text);
    const html = await document(app, 'text/html');
    expect(html.status).toBe(200);
  });

  it('a read past its time bound: 503, then a fresh worker answers', async () => {
    const { app } = await realAppWithReadsWorker({
      readsWorker: { readTimeoutMs: 2_000, fault: { op: 'describe', mentions: THING, action: 'hang' } },
    });
    const started = performance.now();
    const failed = await document(app, 'text/html');
    expect(failed.status, failed.text).toBe(503);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect((await document(app, 'text/html')).status).toBe(200);
  });
});
