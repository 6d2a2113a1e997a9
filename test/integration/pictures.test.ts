// The pictures of the data through the app: /pictures/{name}.svg as image/svg+xml with an ETag
// (304 on revalidation) and the strict policy, any other name a 404; the home page embeds them.
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PICTURE_NAMES } from '../../src/render/pictures/pictures.js';
import { realApp } from '../support/app.js';

describe('the pictures over HTTP', () => {
  let app: Express;

  beforeAll(async () => {
    ({ app } = await realApp());
  }, 60_000);

  it.each(PICTURE_NAMES)('/pictures/%s.svg: an SVG file with its title and description, cached by ETag', async (name) => {
    const res = await request(app).get(`/pictures/${name}.svg`).buffer(true).parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (body += c));
      r.on('end', () => done(null, body));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-security-policy']).toBeDefined();
    const body = res.body as string;
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(body).toContain(`<title id="${name}-title">`);
    expect(body).toContain(`<desc id="${name}-desc">`);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"/);
    const again = await request(app).get(`/pictures/${name}.svg`).set('If-None-Match', etag);
    expect(again.status).toBe(304);
  });

  it.each(['/pictures/nope.svg', '/pictures/network.png', '/pictures/network', '/pictures/..%2Fontology.svg'])(
    '%s is a 404 that names the pictures there are',
    async (path) => {
      const res = await request(app).get(path).set('Accept', 'text/plain');
      expect(res.status).toBe(404);
    },
  );

  it('the home page embeds the four pictures and links to their files', async () => {
    const res = await request(app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    for (const name of PICTURE_NAMES) {
      expect(res.text).toMatch(new RegExp(`<svg [^>]*class="picture picture-${name}`));
      expect(res.text).toContain(`pictures/${name}.svg"`);
    }
  });
});
