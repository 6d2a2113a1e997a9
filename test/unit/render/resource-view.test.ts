// The resource page over the real data (a PageContext over Oxigraph reads in this thread, no
// workers): engagements inline, inverse wording, plain values, one title, notes apart, data order,
// previous/next along series.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatById } from '../../../src/rdf/formats.js';
import { type PageContext } from '../../../src/render/pages/page-context.js';
import { resourceDocument } from '../../../src/render/pages/resource.js';
import { readableName } from '../../../src/render/resource/value-view.js';
import { TEST_BASE, iri } from '../../support/dataset.js';
import { realPageContext, indexOf } from '../../support/page-context.js';

let ctx: PageContext;

beforeAll(async () => {
  ({ ctx } = await realPageContext());
});

const thing = (relative: string) => {
  const found = indexOf(ctx).things.get(iri(relative));
  if (!found) throw new Error(`no thing ${relative} in the real data`);
  return found;
};

const page = async (relative: string): Promise<string> =>
  (await resourceDocument(ctx, thing(relative), formatById('html'))).body.toString('utf8');
/** The visible text of a page's article, tags stripped and spaces collapsed. */
const text = (html: string): string =>
  (/<article[\s\S]*<\/article>/.exec(html)?.[0] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([:,.)])/g, '$1');

describe('the resource page explains the thing', () => {
  it('shows the process engagements inline: "IOM: technical secretariat, together with UNHCR"', async () => {
    const t = text(await page('id/process/bali-process'));
    expect(t).toContain('International Organization for Migration: technical secretariat, together with');
    expect(t).toMatch(
      /together with (Office of the )?United Nations High Commissioner for Refugees|together with UNHCR/,
    );
    // the inverse of "part of" on the whole
    expect(t).toContain('has part');
  });

  it("shows IOM's engagements as one table of process x role", async () => {
    const html = await page('id/organisation/iom');
    const table = /<table class="roles">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const rows = table.match(/<tr>/g)?.length ?? 0;
    expect(rows - 1).toBeGreaterThanOrEqual(35);
    expect(text(table)).toContain('Bali Process');
    expect(text(table)).toContain('technical secretariat');
    expect(html.match(/<table class="roles">/g)).toHaveLength(1);
  });

  it('shows a person with their post and unit', async () => {
    const html = await page('id/person/maurizio-busatti');
    const post = /<p class="post">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(text(`<article>${post}</article>`)).toMatch(
      /Head.*Multilateral Processes Division.*, in .*Multilateral Processes Division/,
    );
  });

  it('prints plain values: years, percentages with %, no language tags or datatypes', async () => {
    const share = text(await page('id/statistic/africa-migrants-2000-west-africa'));
    expect(share).toContain('42%');
    expect(share).toContain('2000');
    for (const relative of [
      'id/statistic/africa-migrants-2000-west-africa',
      'id/publication/world-migration-report-2018',
      'id/organisation/iom',
    ]) {
      const html = await page(relative);
      expect(text(html), relative).not.toMatch(/xsd:|@en\b/);
    }
  });

  it('shows the title once, the description once, and notes and sources under "About the source"', async () => {
    const html = await page('id/role/iom-roles-in-processes');
    const t = text(html);
    const title = "IOM's roles in inter-state consultation mechanisms on migration";
    expect(t.split(title).length - 1).toBe(1);
    const description = 'IOM can participate in Inter-State Consultation Mechanisms';
    expect(t.split(description).length - 1).toBe(1);
    const about = /<section aria-labelledby="about-heading"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(about).toContain('About the source');
    expect(text(about)).toContain('The page names no ISCM');
    const facts = /<section aria-labelledby="properties-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(facts).not.toContain('The page names no ISCM');
  });

  it('lists WMR editions in year order and links previous and next along series', async () => {
    const series = await page('id/publication/world-migration-report');
    const editions = /editions in this series[\s\S]*?<\/dd>/.exec(series)?.[0] ?? '';
    const listed = [...editions.matchAll(/<a href="([^"]+)">/g)].map((m) =>
      m[1]!.replace(`${TEST_BASE}doc/`, `${TEST_BASE}id/`),
    );
    const rows = await ctx.store.select(
      `SELECT ?s ?year WHERE { VALUES ?s { ${listed.map((t) => `<${t}>`).join(' ')} } ?s <${TEST_BASE}ontology#year> ?year }`,
    );
    const byThing = new Map(rows.map((r) => [r.s!.value, Number(r.year!.value)]));
    const years = listed.map((t) => byThing.get(t) ?? Number.NaN);
    expect(years.length).toBeGreaterThan(3);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const wmr2015 = await page('id/publication/world-migration-report-2015');
    expect(wmr2015).toMatch(/rel="prev"[^>]*>|href="[^"]+" rel="prev"/);
    const idm = await page('id/event/idm-2010');
    expect(idm).toContain(`href="${TEST_BASE}doc/event/idm-2009" rel="prev"`);
    expect(idm).toContain(`href="${TEST_BASE}doc/event/idm-2011" rel="next"`);
    const first = await page('id/event/idm-2001');
    expect(first).not.toContain('rel="prev"');
  });

  it('shows no heading over an empty section, and an unlabelled type in words ("data set", not "DataSet")', async () => {
    const html = await page('id/statistic/africa-migrants-by-subregion-2000');
    const article = /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? '';
    for (const section of article.match(/<section[\s\S]*?<\/section>/g) ?? []) {
      const rest = text(section.replace(/<h2[\s\S]*?<\/h2>/, '')).trim();
      expect(rest, section.slice(0, 120)).not.toBe('');
    }
    expect(article).not.toContain('properties-heading');
    const types = /<p class="types">([\s\S]*?)<\/p>/.exec(article)?.[1] ?? '';
    expect(text(types)).toContain('data set');
    expect(text(types)).not.toContain('DataSet');
    expect(readableName('DataSet')).toBe('data set');
    expect(readableName('FormalOrganization')).toBe('formal organization');
    expect(readableName('IRIList')).toBe('IRI list');
  });

  it('shows the identifier as wrapping text, not a one-line input that cuts it off', async () => {
    const html = await page('id/statistic/africa-migrants-by-subregion-2000');
    expect(html).toContain(`<code class="iri">${iri('id/statistic/africa-migrants-by-subregion-2000')}</code>`);
    expect(html).not.toMatch(/<input[^>]*id="iri"/);
  });
});
