// Cool IRIs don't change: every published IRI keeps resolving, and every current thing is in the register.
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/render/site.js';
import { PUBLISHED_IRIS_FILE, readPublishedIris } from '../../src/resolve/published-iris.js';
import { realApp } from '../support/app.js';
import { ROOT, TEST_BASE } from '../support/dataset.js';
import { allThings } from '../support/things.js';

// Loaded at collection time, so that every IRI is a row of its own.
const { app, site }: { app: Express; site: Site } = await realApp();
const PUBLISHED = await readPublishedIris(ROOT);
const LISTED = new Set(PUBLISHED);
const CURRENT = (await allThings(site.things)).map((thing) => thing.iri.slice(TEST_BASE.length)).sort();

describe(`the register ${PUBLISHED_IRIS_FILE}`, () => {
  it('lists IRIs, each once, relative to BASE', () => {
    expect(PUBLISHED.length).toBeGreaterThan(100);
    expect(LISTED.size).toBe(PUBLISHED.length);
    for (const relative of PUBLISHED) expect(relative, relative).toMatch(/^[a-z][a-z0-9/_.#-]*$/);
  });
});

describe('every published IRI still resolves (303, 301 or 410): a rename that drops an IRI fails here', () => {
  it.each(PUBLISHED.map((relative) => ({ rule: `${relative} answers 303, 301 or 410`, relative })))(
    '$rule',
    async ({ relative }) => {
      const res = await request(app).get(`/${relative}`).set('Accept', 'text/html').redirects(0);
      expect([301, 303, 410], `GET ${TEST_BASE}${relative} answered ${res.status}`).toContain(res.status);
      if (res.status !== 410)
        expect(String(res.headers.location).startsWith(TEST_BASE), String(res.headers.location)).toBe(true);
    },
  );
});

describe('every current thing is recorded: a new thing needs `npm run iris:record`', () => {
  it.each(CURRENT.map((relative) => ({ rule: `${relative} is listed`, relative })))('$rule', ({ relative }) => {
    expect(LISTED.has(relative), `${relative} is missing from ${PUBLISHED_IRIS_FILE}: run npm run iris:record`).toBe(
      true,
    );
  });
});
