// What grows with the data is built at start-up, not by a request: openPlatform builds the pictures
// with the home page's figures, the vocabulary's usage and the search index (Site.prepare), so the
// site-wide pages (home, ontology, dataset, search, pictures, a 404's close matches) send the store
// no query when they are first asked for.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { openPlatform, type Platform } from '../../src/platform.js';
import { ROOT } from '../support/dataset.js';
import { testConfig } from '../support/app.js';

describe('site-wide summaries are built before the platform serves', () => {
  const lines: string[] = [];
  const reads: string[] = [];
  let platform: Platform | undefined;
  let app: Express;

  beforeAll(async () => {
    const config = testConfig(ROOT, undefined, { CACHE_DIR: '' }); // no cache: every part is built
    const log = { info: (_f: object, message: string) => lines.push(message), warn: () => undefined };
    ({ platform } = await openPlatform(config, path.join(ROOT, 'views'), log));
    if (!platform) throw new Error('the real data does not conform');
    await platform.engine.ready;
    // From here on, every read the pages send the store is recorded, whatever the method.
    const store = platform.store as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['select', 'describe', 'labels', 'pairs', 'tripleCount', 'nTriples']) {
      const read = (store[method] as (...args: unknown[]) => unknown).bind(store);
      store[method] = (...args: unknown[]) => {
        reads.push(`${method} ${JSON.stringify(args[0] ?? null).slice(0, 80)}`);
        return read(...args);
      };
    }
    app = createApp(config, { ...platform, logger: pino({ level: 'silent' }) });
  }, 90_000);

  afterAll(async () => {
    await platform?.engine.close();
  });

  it('logs each part as built, with its time, before openPlatform resolves', () => {
    for (const part of ['pictures and home figures built', 'vocabulary usage built', 'search index built'])
      expect(lines).toContain(part);
  });

  it.each([
    ['/', 'text/html'],
    ['/ontology', 'text/html'],
    ['/dataset', 'text/html'],
    ['/dataset', 'text/turtle'],
    ['/search?q=bali', 'application/json'],
    ['/search?q=bali', 'text/html'],
    ['/pictures/network.svg', '*/*'],
    ['/doc/process/bali-proces', 'text/html'],
  ])('the first %s (%s) sends the store no query', async (url, accept) => {
    const before = reads.length;
    const res = await request(app).get(url).set('Accept', accept);
    expect(res.status).toBeLessThan(500);
    expect(reads.slice(before)).toEqual([]);
  });
});

describe('the recording itself', () => {
  it('sees the reads of a page that does read: a document is described on its first request', async () => {
    const config = testConfig();
    const { platform } = await openPlatform(config, path.join(ROOT, 'views'));
    if (!platform) throw new Error('the real data does not conform');
    try {
      const reads: string[] = [];
      const store = platform.store;
      const describe = store.describe.bind(store);
      store.describe = (iri: string) => {
        reads.push(iri);
        return describe(iri);
      };
      const app = createApp(config, { ...platform, logger: pino({ level: 'silent' }) });
      await request(app).get('/doc/person/maurizio-busatti').set('Accept', 'text/turtle').expect(200);
      expect(reads).toContain(`${config.baseIri}id/person/maurizio-busatti`);
    } finally {
      await platform.engine.close();
    }
  }, 90_000);
});

describe('the summaries are kept in CACHE_DIR per data version', () => {
  it('a second start reads them instead of building them, and serves the same bytes', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'summaries-'));
    const starts: { lines: string[]; pages: string[] }[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const lines: string[] = [];
        const config = testConfig(ROOT, undefined, { CACHE_DIR: cacheDir });
        const log = {
          info: (_f: object, message: string) => lines.push(message),
          warn: (_f: object, m: string) => lines.push(`warn ${m}`),
        };
        const { platform } = await openPlatform(config, path.join(ROOT, 'views'), log);
        if (!platform) throw new Error('the real data does not conform');
        try {
          const app = createApp(config, { ...platform, logger: pino({ level: 'silent' }) });
          const pages: string[] = [];
          for (const [url, accept] of [
            ['/', 'text/html'],
            ['/ontology', 'text/html'],
            ['/dataset', 'text/turtle'],
            ['/search?q=iom', 'application/json'],
            ['/pictures/network.svg', '*/*'],
          ] as const)
            pages.push((await request(app).get(url).set('Accept', accept).buffer(true)).text);
          starts.push({ lines, pages });
        } finally {
          await platform.engine.close();
        }
      }
      const [first, second] = starts as [(typeof starts)[0], (typeof starts)[0]];
      for (const part of ['pictures and home figures', 'vocabulary usage', 'search index']) {
        expect(first.lines).toContain(`${part} built`);
        expect(second.lines).toContain(`${part} read from CACHE_DIR`);
      }
      expect(second.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
      expect(second.pages).toEqual(first.pages);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});
