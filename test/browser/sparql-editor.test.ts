// The query editor in a real browser (headless Chromium): a shareable link BASE/sparql#query=... opens
// that query in YASGUI and runs it, the examples list opens a worked example, and nothing is fetched
// from any host but ours (YASGUI's LOV and prefix.cc autocompleters are off).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparqlExamples, type SparqlExample } from '../../src/sparql/examples.js';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

// Browser-side expressions (the test's TypeScript has no DOM types, so they are sent as strings).
/** The visible YASQE editor's CodeMirror 5 instance (CodeMirror keeps it on its element). */
const VISIBLE_EDITOR = "[...document.querySelectorAll('.CodeMirror')].find((e) => e.offsetParent !== null).CodeMirror";

/** The text of the open completion list (CodeMirror's show-hint), '' while there is none. */
const HINTS = "[...document.querySelectorAll('.CodeMirror-hints')].map((e) => e.textContent).join('\\n')";

/** The text in the visible YASQE editor. */
function editorText(page: Page): Promise<string> {
  return page.evaluate<string>(`(${VISIBLE_EDITOR}).getValue()`);
}

/** Rows of the visible YASR results table (-1 while there is none). */
function resultRows(page: Page): Promise<number> {
  return page.evaluate<number>(
    "(() => { const t = [...document.querySelectorAll('.yasr table')].find((e) => e.offsetParent !== null); return t ? t.querySelectorAll('tbody tr').length : -1; })()",
  );
}

// Skipped without Chromium outside CI; under CI=true startBrowserRig fails with the install hint.
describe.skipIf(chromiumAvailability().skip)('the query editor in a browser', { timeout: 90_000 }, () => {
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

  /** A page at 1280 px in a fresh context (see visit()). */
  const open = (path: string) => visit(rig!, path, { width: 1280 });

  it('opens a shared link BASE/sparql#query=... on that query, runs it and shows its rows', async () => {
    const example = examples.find((e) => e.id === 'technical-secretariat') as SparqlExample;
    const { page, problems, outside, settled, close } = await open(
      `/sparql#query=${encodeURIComponent(example.query)}`,
    );
    try {
      await page.locator('.yasqe .CodeMirror').first().waitFor({ state: 'visible', timeout: 30_000 });
      await expect.poll(() => editorText(page), { timeout: 30_000 }).toBe(example.query);
      // The ten processes of "IOM serves as technical secretariat for the following ISCMs".
      await expect.poll(() => resultRows(page), { timeout: 30_000 }).toBe(10);
      const table = (await page.locator('.yasr table').first().textContent()) ?? '';
      expect(table).toContain('Almaty Process');
      expect(table).toContain('Southern African Migration Programme');
      // The tab carries the example's title.
      expect(await page.locator('.tabsList').textContent()).toContain(example.title);
      await settled();
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens on this endpoint and the platform prefixes, with every example in a list that opens and runs it', async () => {
    const { page, problems, outside, settled, close } = await open('/sparql');
    try {
      await page.locator('.yasqe .CodeMirror').first().waitFor({ state: 'visible', timeout: 30_000 });
      const text = await editorText(page);
      expect(text).toContain(`PREFIX mig: <${base}ontology#>`);
      expect(text).toContain(`PREFIX process: <${base}id/process/>`);
      expect(await page.locator('.yasgui input.autocomplete').first().inputValue()).toBe(`${base}sparql`);
      const options = await page.evaluate<string[]>(
        "[...document.querySelectorAll('#sparql-example option')].map((o) => o.value).filter(Boolean)",
      );
      expect(options).toEqual(examples.map((e) => e.id));

      const example = examples.find((e) => e.id === 'world-migration-report-editions') as SparqlExample;
      await page.selectOption('#sparql-example', example.id);
      await expect.poll(() => editorText(page), { timeout: 30_000 }).toBe(example.query);
      await expect.poll(() => resultRows(page), { timeout: 30_000 }).toBe(9);

      // Typing a property or a class and asking for completions: YASGUI's default configuration asks Linked
      // Open Vocabularies (lov.linkeddata.es) here; ours completes from the page only.
      await page.evaluate(
        `(() => { const cm = ${VISIBLE_EDITOR}; cm.setValue('PREFIX foaf: <http://xmlns.com/foaf/0.1/>\\n'); cm.focus(); cm.setCursor(cm.lineCount(), 0); })()`,
      );
      await page.keyboard.type('SELECT * WHERE { ?s foaf:na', { delay: 30 });
      await page.keyboard.press('Control+Space');
      await page.keyboard.type(' ?o . ?s a foaf:Pe', { delay: 30 });
      await page.keyboard.press('Control+Space');
      // A prefix is completed where a declaration may stand (the top; inside WHERE nothing is offered).
      await page.evaluate(
        `(() => { const cm = ${VISIBLE_EDITOR}; cm.replaceRange('\\n', { line: 0, ch: 0 }); cm.setCursor(0, 0); cm.focus(); })()`,
      );
      await page.keyboard.type('PREFIX pr', { delay: 30 });
      await page.keyboard.press('Control+Space');
      // The last completion has been shown (so the earlier ones have run too): the platform's prefixes,
      // from the page. Then any request a completer started has ended; none may have left for another host.
      await expect
        .poll(() => page.evaluate<string>(HINTS), { timeout: 30_000 })
        .toContain(`process: <${base}id/process/>`);
      await settled();
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });

  it("marks an invalid query and explains it in a tooltip, within the editor's policy", async () => {
    const { page, problems, outside, close } = await open('/sparql');
    try {
      await page.locator('.yasqe .CodeMirror').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.evaluate(`(${VISIBLE_EDITOR}).setValue('SELECT * WHERE { ?s ?p }')`);
      const marker = page.locator('.parseErrorIcon').first();
      await marker.waitFor({ state: 'visible', timeout: 30_000 });
      await marker.hover();
      // The tooltip's markup carries style attributes: the reason the editor's policy allows inline styles.
      const tooltip = page.locator('.yasqe_tooltip').first();
      await expect.poll(() => tooltip.textContent(), { timeout: 30_000 }).toContain('This line is invalid');
      expect(await tooltip.innerHTML()).toContain('style=');
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the examples page links open each example in the editor', async () => {
    const { page, problems, outside, settled, close } = await open('/sparql/examples');
    try {
      const links = await page.evaluate<string[]>(
        "[...document.querySelectorAll('a.open-in-editor')].map((a) => a.href)",
      );
      expect(links).toHaveLength(examples.length);
      const example = examples.find((e) => e.id === 'africa-migrants-by-subregion-2000') as SparqlExample;
      await page.locator(`#${example.id} a.open-in-editor`).click();
      await page.waitForURL((url) => url.pathname === '/sparql');
      await expect.poll(() => editorText(page), { timeout: 30_000 }).toBe(example.query);
      await expect.poll(() => resultRows(page), { timeout: 30_000 }).toBe(4);
      await settled();
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });
});
