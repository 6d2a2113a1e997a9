// The query editor's chart and graph views in a real browser (headless Chromium), at 1280 and 375 px:
// a SELECT result drawn as a bar chart or a timeline from two of its columns, a CONSTRUCT result drawn
// as a graph with its links as a list, ECharts loaded from this site only, and the page never wider
// than the screen (wide tables scroll in their own box; the run button does not cover the query).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparqlExamples, type SparqlExample } from '../../src/sparql/examples.js';
import { startBrowserRig, visit, type BrowserRig, type Visit } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

const WIDTHS = [1280, 375];

interface Drawn {
  readonly caption: string;
  readonly ariaLabel: string;
  readonly svg: boolean;
  readonly xAxisType: string;
  readonly categories: string[];
  readonly data: unknown[];
  readonly nodes: string[];
  readonly links: number;
}

/** What the visible chart or graph view drew, read from its ECharts instance (the library's own model). */
const DRAWN = `(() => {
  const box = [...document.querySelectorAll('.sparql-chart, .sparql-graph')].find((e) => e.offsetParent !== null);
  if (!box || !window.echarts) return null;
  const chart = window.echarts.getInstanceByDom(box);
  if (!chart) return null;
  const option = chart.getOption();
  const series = option.series[0] || {};
  const xAxis = (option.xAxis || [])[0] || {};
  return {
    caption: box.parentElement.querySelector('figcaption').textContent,
    ariaLabel: box.getAttribute('aria-label') || '',
    svg: !!box.querySelector('svg'),
    xAxisType: xAxis.type || '',
    categories: xAxis.data || [],
    data: series.data || [],
    nodes: series.type === 'graph' ? series.data.map((d) => d.name) : [],
    links: series.type === 'graph' ? series.links.length : 0,
  };
})()`;

/** The page scrolls sideways (the document is wider than the window). */
const SCROLLS_SIDEWAYS = 'document.documentElement.scrollWidth > document.documentElement.clientWidth';

describe.skipIf(chromiumAvailability().skip)("the editor's chart and graph views", { timeout: 120_000 }, () => {
  let rig: BrowserRig | undefined;
  let base = '';
  let examples: SparqlExample[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig();
    base = rig.base;
    examples = sparqlExamples(base);
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  }, 90_000);

  /** The editor opened on `query` (see visit()), once it has run it and shows the results. */
  async function open(query: string, width: number): Promise<Visit> {
    const opened = await visit(rig!, `/sparql#query=${encodeURIComponent(query)}`, { width });
    const results = opened.page.locator('.yasr_response_chip').first();
    await opened.page.locator('.yasr .yasr_btn.select_table').first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => results.textContent(), { timeout: 30_000 }).toMatch(/result/);
    return opened;
  }

  async function drawn(page: Page, view: 'chart' | 'graph'): Promise<Drawn> {
    await page.locator(`.yasr .yasr_btn.select_${view}`).first().click();
    await expect.poll(() => page.evaluate<Drawn | null>(DRAWN), { timeout: 30_000 }).not.toBeNull();
    return (await page.evaluate<Drawn | null>(DRAWN)) as Drawn;
  }

  async function clean(v: Visit): Promise<void> {
    await v.settled();
    expect(await v.page.evaluate<boolean>(SCROLLS_SIDEWAYS)).toBe(false);
    expect(v.problems).toEqual([]);
    expect(v.outside).toEqual([]);
  }

  it.each(WIDTHS)("draws Africa's four subregion shares as a bar chart by label at %i px", async (width) => {
    const example = examples.find((e) => e.id === 'africa-migrants-by-subregion-2000') as SparqlExample;
    const v = await open(example.query, width);
    try {
      const chart = await drawn(v.page, 'chart');
      expect(chart.svg).toBe(true);
      expect(chart.xAxisType).toBe('category');
      // The label column is the subregion's label (a column of names before one of IRIs), the number column the percentage.
      expect(await v.page.locator('select[data-chart="x"]').inputValue()).toBe('subregionLabel');
      expect(await v.page.locator('select[data-chart="y"]').inputValue()).toBe('percentage');
      expect(chart.categories).toContain('Eastern Africa');
      const byLabel = (await v.page.evaluate<Drawn | null>(DRAWN)) as Drawn;
      expect(byLabel.categories).toHaveLength(4);
      expect(byLabel.data).toHaveLength(4);
      expect((byLabel.data as number[]).every((n) => typeof n === 'number' && n > 0)).toBe(true);
      expect(byLabel.caption).toContain('Bar chart of ?percentage by ?subregionLabel, 4 rows');
      // ECharts' own description for screen readers.
      expect(byLabel.ariaLabel).not.toBe('');
      // The library came from this site.
      expect(v.requests.map((r) => new URL(r.url()).pathname)).toContain('/assets/echarts/echarts.min.js');
      // Another label column: the subregions' IRIs, as prefixed names.
      await v.page.selectOption('select[data-chart="x"]', 'subregion');
      await expect
        .poll(async () => ((await v.page.evaluate<Drawn | null>(DRAWN)) as Drawn).categories.join(' '), { timeout: 30_000 })
        .toMatch(/^\w+:\S+ \w+:\S+ \w+:\S+ \w+:\S+$/);
      await clean(v);
    } finally {
      await v.close();
    }
  });

  it.each(WIDTHS)("draws the IDM's sessions per year as a timeline at %i px", async (width) => {
    const query = `PREFIX mig: <${base}ontology#>\nPREFIX process: <${base}id/process/>\n\nSELECT ?year (COUNT(?session) AS ?sessions) WHERE {\n  ?edition mig:editionOf process:international-dialogue-on-migration ; mig:year ?year .\n  ?session mig:sessionOf ?edition .\n}\nGROUP BY ?year\nORDER BY ?year\n`;
    const v = await open(query, width);
    try {
      const chart = await drawn(v.page, 'chart');
      expect(await v.page.locator('select[data-chart="kind"]').inputValue()).toBe('timeline');
      expect(chart.xAxisType).toBe('time');
      const points = chart.data as [number, number, string][];
      expect(points.length).toBeGreaterThanOrEqual(10);
      const years = points.map((p) => new Date(p[0]).getUTCFullYear());
      expect(years[0]).toBe(2001);
      expect([...years].sort((a, b) => a - b)).toEqual(years);
      expect(points.every((p) => p[1] >= 1)).toBe(true);
      // The same columns as a line chart.
      await v.page.selectOption('select[data-chart="kind"]', 'line');
      await expect
        .poll(async () => ((await v.page.evaluate<Drawn | null>(DRAWN)) as Drawn).xAxisType, { timeout: 30_000 })
        .toBe('category');
      await clean(v);
    } finally {
      await v.close();
    }
  });

  it.each(WIDTHS)('draws a CONSTRUCT result as a graph with its links as a list at %i px', async (width) => {
    const query = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX org: <http://www.w3.org/ns/org#>\nPREFIX mig: <${base}ontology#>\nPREFIX organisation: <${base}id/organisation/>\nPREFIX role: <${base}id/role/>\n\nCONSTRUCT {\n  ?engagement org:member organisation:iom ; org:organization ?process ; mig:togetherWith ?partner .\n  ?process rdfs:label ?processLabel .\n  ?partner rdfs:label ?partnerLabel .\n} WHERE {\n  ?engagement org:member organisation:iom ; org:role role:technical-secretariat ; org:organization ?process .\n  ?process rdfs:label ?processLabel .\n  OPTIONAL { ?engagement mig:togetherWith ?partner . ?partner rdfs:label ?partnerLabel }\n}\n`;
    const v = await open(query, width);
    try {
      const graph = await drawn(v.page, 'graph');
      expect(graph.svg).toBe(true);
      // Things are named by their labels; the ten processes where IOM is technical secretariat are there.
      expect(graph.nodes).toContain('Bali Process');
      expect(graph.nodes).toContain('Almaty Process');
      expect(graph.links).toBeGreaterThanOrEqual(20);
      expect(graph.caption).toMatch(/^Graph of \d+ things and \d+ links/);
      const list = v.page.locator('.sparql-graph-links');
      await list.locator('summary').click();
      expect(await list.locator('li').count()).toBe(graph.links);
      expect(await list.textContent()).toContain('org:organization → Bali Process');
      await clean(v);
    } finally {
      await v.close();
    }
  });

  it('keeps a wide table in its own scrolling box and the run button off the query at 375 px', async () => {
    const query = `SELECT * WHERE { ?s ?p ?o } LIMIT 20`;
    const v = await open(query, 375);
    try {
      await v.page.locator('.yasr table').first().waitFor({ state: 'visible', timeout: 30_000 });
      const box = await v.page.evaluate<{ table: number; results: number }>(
        "(() => { const t = document.querySelector('.yasr table'); const r = document.querySelector('.yasr .yasr_results'); return { table: t.scrollWidth, results: r.clientWidth }; })()",
      );
      // The table is wider than the screen and scrolls inside the results box; the page does not.
      expect(box.table).toBeGreaterThan(box.results);
      // The run button sits above the first line of the query, not on it.
      const button = await v.page.locator('.yasqe_queryButton').first().boundingBox();
      const line = await v.page.locator('.yasqe .CodeMirror-line').first().boundingBox();
      expect(button && line).toBeTruthy();
      if (button && line) expect(button.y + button.height).toBeLessThanOrEqual(line.y + 1);
      await clean(v);
    } finally {
      await v.close();
    }
  });
});
