// The data's releases (releases.tsv): the date published as dct:modified, dateModified and lastmod.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset } from '../../../src/dataset/open.js';
import { readReleases, releaseOf, RELEASES_FILE } from '../../../src/dataset/releases.js';
import { realApp } from '../../support/app.js';
import { ROOT } from '../../support/dataset.js';

describe('releases.tsv', () => {
  it('records the content of ontology/, data/ and shapes/ as they are now (its last line)', async () => {
    const releases = await readReleases(ROOT);
    const { contentHash } = await scanDataset(ROOT);
    const latest = releases.at(-1);
    const message =
      `The data in ontology/, data/ or shapes/ has changed since the last release recorded in ${RELEASES_FILE} ` +
      `(${latest ? `${latest.date}, ${latest.contentHash}` : 'none'}; the content hash is now ${contentHash}). ` +
      `Run: npm run release -- "what changed", and commit ${RELEASES_FILE} with the data.`;
    expect(latest?.contentHash, message).toBe(contentHash);
  });

  it('is oldest first, one release a line, dates never going back', async () => {
    const dates = (await readReleases(ROOT)).map((r) => r.date);
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('readReleases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'releases-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = (text: string) => writeFile(path.join(dir, RELEASES_FILE), text);
  const A = 'a'.repeat(32);
  const B = 'b'.repeat(32);

  it('reads lines of date, hash and note, skipping comments and blank lines; the latest for a hash wins', async () => {
    await write(`# comment\n\n2025-01-02\t${A}\tfirst\n2025-03-04\t${B}\tsecond\twith a tab\n2025-05-06\t${A}\tback\n`);
    const releases = await readReleases(dir);
    expect(releases).toEqual([
      { date: '2025-01-02', contentHash: A, note: 'first' },
      { date: '2025-03-04', contentHash: B, note: 'second\twith a tab' },
      { date: '2025-05-06', contentHash: A, note: 'back' },
    ]);
    expect(releaseOf(releases, A)?.date).toBe('2025-05-06');
    expect(releaseOf(releases, 'c'.repeat(32))).toBeUndefined();
  });

  it('is empty without the file', async () => {
    expect(await readReleases(path.join(dir, 'nowhere'))).toEqual([]);
  });

  it.each([
    { line: `2025-02-30\t${A}\tx`, error: /2:1: "2025-02-30" is not a date/ },
    { line: `01/02/2025\t${A}\tx`, error: /2:1: "01\/02\/2025" is not a date/ },
    { line: `2025-01-02\tnot-a-hash\tx`, error: /2:12: "not-a-hash" is not a content hash/ },
    { line: `2025-01-02`, error: /2:12: "" is not a content hash/ },
  ])('refuses $line with file:line:column', async ({ line, error }) => {
    await write(`# releases\n${line}\n`);
    const failure = await readReleases(dir).catch((e: unknown) => e);
    expect(String(failure)).toMatch(error);
    expect(String(failure)).toContain(RELEASES_FILE);
  });
});

describe('the published dates', () => {
  let date: string;
  let app: Awaited<ReturnType<typeof realApp>>['app'];
  beforeAll(async () => {
    const { contentHash } = await scanDataset(ROOT);
    date = releaseOf(await readReleases(ROOT), contentHash)?.date ?? 'unreleased';
    ({ app } = await realApp());
  });

  it("are the release's: dct:modified (VoID/DCAT), dateModified and every sitemap lastmod", async () => {
    const turtle = (await request(app).get('/dataset').set('Accept', 'text/turtle')).text;
    expect(turtle).toMatch(new RegExp(`modified "${date}"\\^\\^(xsd:date|<http://www.w3.org/2001/XMLSchema#date>)`));
    const html = (await request(app).get('/dataset').set('Accept', 'text/html')).text;
    expect(html).toMatch(new RegExp(`"dateModified":\\s*"${date}"`));
    const sitemap = (await request(app).get('/sitemap.xml')).text;
    const lastmods = [...sitemap.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1]);
    expect(lastmods.length).toBeGreaterThan(10);
    expect(new Set(lastmods)).toEqual(new Set([date]));
  });
});
