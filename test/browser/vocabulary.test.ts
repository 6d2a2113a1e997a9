// The vocabulary in a real browser (headless Chromium): the editor completes our classes and
// properties from the page (typing `mig:Eng` offers mig:Engagement) with no request to any other
// host, and the ontology page with its diagram loads under the Content-Security-Policy without a
// console error, a horizontal scroll bar or JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

const VISIBLE_EDITOR = "[...document.querySelectorAll('.CodeMirror')].find((e) => e.offsetParent !== null).CodeMirror";
const HINTS = "[...document.querySelectorAll('.CodeMirror-hints li')].map((e) => e.textContent)";

describe.skipIf(chromiumAvailability().skip)('the vocabulary in a browser', { timeout: 90_000 }, () => {
  let rig: BrowserRig | undefined;
  let base = '';

  beforeAll(async () => {
    rig = await startBrowserRig();
    base = rig.base;
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  }, 90_000);

  it('completes mig:Eng to mig:Engagement and mig:hasSec to mig:hasSecretariat, from the page alone', async () => {
    const { page, problems, outside, settled, close } = await visit(rig!, '/sparql', { width: 1280 });
    try {
      await page.locator('.yasqe .CodeMirror').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.evaluate(
        `(() => { const cm = ${VISIBLE_EDITOR}; cm.setValue('PREFIX mig: <${base}ontology#>\\n'); cm.focus(); cm.setCursor(cm.lineCount(), 0); })()`,
      );
      await page.keyboard.type('SELECT * WHERE { ?s a mig:Eng', { delay: 30 });
      await page.keyboard.press('Control+Space');
      await expect.poll(() => page.evaluate<string[]>(HINTS), { timeout: 30_000 }).toContain('mig:Engagement');
      await page.keyboard.press('Enter');
      await page.keyboard.type(' ; mig:hasSec', { delay: 30 });
      await page.keyboard.press('Control+Space');
      await expect.poll(() => page.evaluate<string[]>(HINTS), { timeout: 30_000 }).toContain('mig:hasSecretariat');
      expect(await page.evaluate<string>(`(${VISIBLE_EDITOR}).getValue()`)).toContain('?s a mig:Engagement ;');
      await settled();
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each([1280, 375])(
    'shows the ontology page and its diagram at %i px without JavaScript, scroll or errors',
    async (width) => {
      const { page, problems, outside, settled, close } = await visit(rig!, '/ontology', {
        width,
        javaScriptEnabled: false,
      });
      try {
        const diagram = page.locator('figure.diagram svg');
        await diagram.waitFor({ state: 'visible' });
        expect(await diagram.locator('title').first().textContent()).toMatch(/^Diagram of /);
        expect(await page.locator('article.term').count()).toBeGreaterThan(40);
        expect(
          await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        ).toBe(0);
        await settled();
        expect(problems).toEqual([]);
        expect(outside).toEqual([]);
      } finally {
        await close();
      }
    },
  );
});
