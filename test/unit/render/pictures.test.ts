// The pictures of the data over the real data, without workers: what each one reads through the
// store, its SVG (title, description, no style attributes, no outside references) and its words.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageContext } from '../../../src/render/pages/page-context.js';
import { MAX_PICTURE_ITEMS, homeCounts } from '../../../src/render/pictures/picture-data.js';
import { homePage } from '../../../src/render/pages/home.js';
import { allPictures, type Picture, type Pictures } from '../../../src/render/pictures/pictures.js';
import { TEST_BASE, iri } from '../../support/dataset.js';
import { realPageContext, publishedOf } from '../../support/page-context.js';

let ctx: PageContext;
let pictures: Pictures;

beforeAll(async () => {
  ({ ctx } = await realPageContext());
  pictures = await allPictures(ctx);
}, 60_000);

const svgs = (): Picture[] => [pictures.network, pictures.idm, pictures.wmr, pictures.africa];

describe('the pictures of the data', () => {
  it('the network: one row per engagement of IOM, coloured by role, with partners and bodies consulted', async () => {
    const { rows, legend } = pictures.network;
    const [count] = await ctx.store.select(
      'SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e <http://www.w3.org/ns/org#member> ?m ; <http://www.w3.org/ns/org#role> ?r }',
    );
    expect(rows).toHaveLength(Number(count!.n!.value));
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.member.label))).toEqual(new Set(['International Organization for Migration']));
    // Bali Process: IOM as technical secretariat together with UNHCR (mig:togetherWith).
    const bali = rows.find(
      (r) => r.body.iri.endsWith('/process/bali-process') && r.role.label === 'technical secretariat',
    );
    expect(bali?.together.map((p) => p.label)).toContain('United Nations High Commissioner for Refugees');
    // The Bali Process Steering group is a body of the Bali Process (mig:forProcess).
    const steering = rows.find((r) => r.body.iri.endsWith('/process/bali-process-steering-group'));
    expect(steering?.process.iri).toBe(iri('id/process/bali-process'));
    expect(rows.some((r) => r.consulted.length > 0)).toBe(true);
    // Every role has its own colour; the legend counts add up to the rows.
    expect(new Set(legend.map((l) => l.colour)).size).toBe(legend.length);
    expect(legend.reduce((n, l) => n + l.count, 0)).toBe(rows.length);
    expect(legend.map((l) => l.role.label)).toContain('observer');
    // Every node is in the SVG, with a link to its page.
    const svg = pictures.network.svg;
    for (const r of rows) expect(svg).toContain(`href="${r.body.href}"`);
  });

  it('the IDM timeline: 19 years, 2001 to 2019, themes where printed and session counts', async () => {
    const { years, svg } = pictures.idm;
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 19 }, (_, i) => 2001 + i));
    const [sessions] = await ctx.store.select(
      `SELECT (COUNT(?s) AS ?n) WHERE { ?s <${TEST_BASE}ontology#sessionOf> ?e }`,
    );
    expect(years.reduce((n, y) => n + y.sessions, 0)).toBe(Number(sessions!.n!.value));
    expect(years.find((y) => y.year === 2017)?.theme).toMatch(/^Strengthening international cooperation/);
    expect(years.find((y) => y.year === 2019)?.theme).toBeUndefined(); // the page prints none
    expect(years.every((y) => y.sessions >= 1)).toBe(true);
    for (const y of years) expect(svg).toContain(`>${y.year}</text>`);
    expect(pictures.idm.description).toMatch(/^19 years of the International Dialogue on Migration/);
  });

  it('the WMR editions: nine, in year order, with titles and the ordinals the page states', () => {
    const { editions, svg } = pictures.wmr;
    expect(editions.map((e) => e.year)).toEqual([2000, 2003, 2005, 2008, 2010, 2011, 2013, 2015, 2018]);
    expect(editions.find((e) => e.year === 2018)?.ordinal).toBe(9);
    expect(editions.find((e) => e.year === 2003)?.ordinal).toBe(2);
    expect(editions.filter((e) => e.ordinal !== undefined)).toHaveLength(2);
    expect(editions.find((e) => e.year === 2015)?.title).toBe(
      'Migrants and Cities: New Partnership to Manage Mobility',
    );
    expect(svg).toContain('2018 (9th edition): World Migration Report 2018');
    expect(svg).toContain('2003 (2nd edition)');
  });

  it('the Africa 2000 shares: four bars, their sum of 91 % and the caveats, in the chart and in words', () => {
    const { data, caveats, svg, description } = pictures.africa;
    expect(data.shares.map((s) => [s.subregion.label, s.percentage])).toEqual([
      ['West Africa', 42],
      ['Eastern Africa', 28],
      ['Northern Africa', 12],
      ['Middle and Southern Africa', 9],
    ]);
    expect(data.sum).toBe(91);
    expect(data.year).toBe(2000);
    expect(caveats[0]).toBe('As printed, the 4 shares sum to 91 %, not 100 %.');
    expect(caveats[1]).toMatch(/"9 percent in Middle and Southern Africa"/);
    expect(svg).toContain('sum to 91 %, not 100 %');
    expect(svg).toContain('>91 %</text>');
    expect(description).toContain('West Africa: 42 %');
    expect(data.notes.some((n) => n.startsWith('The four shares as printed sum to 91 percent'))).toBe(true);
    expect(data.notes.some((n) => /9 percent is for Middle and Southern Africa together or for each/.test(n))).toBe(
      true,
    );
  });

  it('every SVG: a title and description first, labelled by them, no style, scripts or outside references', () => {
    for (const p of svgs()) {
      for (const svg of [p.svg, p.file]) {
        expect(svg).toMatch(
          new RegExp(`^(<\\?xml[^>]*>\\n)?<svg [^>]*role="img" aria-labelledby="${p.name}-title ${p.name}-desc"`),
        );
        expect(svg).toContain(`<title id="${p.name}-title">`);
        expect(svg).toContain(`<desc id="${p.name}-desc">`);
        expect(svg).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=|<!--|<!DOCTYPE/i);
        // Links only to our own pages; ids prefixed with the picture's name.
        for (const [, href] of svg.matchAll(/href="([^"]+)"/g)) expect(href!.startsWith(TEST_BASE)).toBe(true);
        for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) expect(id!.startsWith(`${p.name}-`)).toBe(true);
        expect(svg).toMatch(/viewBox="/);
      }
      expect(p.file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      expect(p.svg.startsWith('<svg')).toBe(true);
      expect(p.description.length).toBeGreaterThan(40);
    }
  });
});

describe('the home counts', () => {
  it('processes, organisations, engagements, roles, IDM years, WMR editions and triples, from the data', async () => {
    const counts = await homeCounts(ctx);
    expect(counts.idmYears).toBe(19);
    expect(counts.wmrEditions).toBe(9);
    expect(counts.engagements).toBe(pictures.network.rows.length);
    expect(counts.roles).toBe(pictures.network.legend.length);
    expect(counts.processes).toBe(publishedOf(ctx, 'process').length);
    expect(counts.organisations).toBe(publishedOf(ctx, 'organisation').length);
    expect(counts.triples).toBe(await ctx.store.tripleCount());
  });
});

describe('a picture is bounded whatever the data', () => {
  it(`draws and lists at most ${MAX_PICTURE_ITEMS} engagements, and says how many there are`, async () => {
    const { ctx: grown, store } = await realPageContext();
    const extra = MAX_PICTURE_ITEMS + 5;
    const turtle = Array.from(
      { length: extra },
      (_, i) =>
        `<id/engagement/extra-${i}> <http://www.w3.org/ns/org#member> <id/organisation/iom> ; ` +
        `<http://www.w3.org/ns/org#role> <id/role/observer> ; <http://www.w3.org/ns/org#organization> <id/process/extra-${i}> .`,
    ).join('\n');
    store.loadTurtle(new TextEncoder().encode(turtle), TEST_BASE);
    const { network } = await allPictures(grown);
    const all = pictures.network.rows.length + extra;
    expect(network.rows).toHaveLength(MAX_PICTURE_ITEMS);
    expect(network.total).toBe(all);
    expect(network.description).toContain(`It draws the first ${MAX_PICTURE_ITEMS} of ${all} engagements`);
    // The drawing holds only the rows drawn: every engagement is at least one edge (role to body),
    // so drawing them all would take at least as many edges as there are engagements.
    expect((network.svg.match(/class="edge"/g) ?? []).length).toBeLessThan(all);
    const html = (await homePage(grown)).body.toString('utf8');
    expect(html).toContain(`The first ${MAX_PICTURE_ITEMS} of ${all} engagements as a table`);
    expect((html.match(/<tr>/g) ?? []).length).toBeLessThan(MAX_PICTURE_ITEMS + 40);
  });
});

describe('a picture is the same bytes however often the process has drawn', () => {
  it('drawn again for another site in the same process, every SVG is byte for byte the same', async () => {
    const { ctx: again } = await realPageContext();
    const redrawn = await allPictures(again);
    for (const name of ['network', 'idm', 'wmr', 'africa'] as const) {
      expect(redrawn[name].svg, name).toBe(pictures[name].svg);
      expect(redrawn[name].file, name).toBe(pictures[name].file);
    }
  });
});
