// Search in a real browser (headless Chromium) at 1280 and 375 px: suggestions appear as you type
// (an ARIA combobox with its listbox), the keys move through them and Enter leads to the thing; the
// results page and the 404 page's close matches; without JavaScript the box is a plain form. No
// console errors, no requests to other hosts, no horizontal scroll; axe-core finds nothing serious.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.js';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

const WIDTHS = [1280, 375] as const;
/** Where the screenshots go (outside the repository; the lead looks at them). */
const SHOTS = process.env.SEARCH_SCREENSHOTS ?? '/tmp/ui1/shots';

describe.skipIf(chromiumAvailability().skip)('search in a browser', { timeout: 90_000 }, () => {
  let rig: BrowserRig | undefined;
  let base = '';

  beforeAll(async () => {
    rig = await startBrowserRig();
    base = rig.base;
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  /**
   * A page in a fresh context 800 px high (see visit()). Typing aborts the suggestions' fetch still
   * under way (net::ERR_ABORTED): not a problem.
   */
  const open = (path: string, width: number, status = 200, javaScriptEnabled = true) =>
    visit(rig!, path, { width, height: 800, status, javaScriptEnabled, abortsAllowed: true });

  async function noSideScroll(page: Page, width: number): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }

  it.each(WIDTHS)(
    'at %ipx: typing an acronym suggests the thing; the keys choose it and Enter opens it',
    async (width) => {
      const { page, problems, settled, close } = await open('/', width);
      try {
        const box = page.locator('#site-search-q');
        await expect.poll(() => box.getAttribute('role')).toBe('combobox');
        expect(await box.getAttribute('aria-expanded')).toBe('false');
        await box.click();
        await box.pressSequentially('unhc', { delay: 40 });
        const options = page.locator('#site-search-list [role="option"]');
        // Keys 40 ms apart are one query after the 120 ms pause, but on a busy machine a pause
        // between keys can show the suggestions for "un" first: wait for those of "unhc".
        await expect
          .poll(async () => ((await options.count()) > 0 ? await options.first().textContent() : ''))
          .toContain('United Nations High Commissioner for Refugees');
        expect(await box.getAttribute('aria-expanded')).toBe('true');
        expect(await options.first().textContent()).toContain('UNHCR');
        await noSideScroll(page, width);
        await page.screenshot({ path: `${SHOTS}/suggestions-${width}.png` });
        await box.press('ArrowDown');
        expect(await options.first().getAttribute('aria-selected')).toBe('true');
        expect(await box.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
        expect(await seriousViolations(page)).toEqual([]);
        await Promise.all([page.waitForURL(`${base}doc/organisation/unhcr`), box.press('Enter')]);
        expect(await page.locator('h1').textContent()).toContain('United Nations High Commissioner for Refugees');
        await settled();
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    },
  );

  it('Escape closes the suggestions; a click on one opens it', async () => {
    const { page, problems, close } = await open('/doc/process', 1280);
    try {
      const box = page.locator('#site-search-q');
      await box.click();
      await box.pressSequentially('bali', { delay: 40 });
      const list = page.locator('#site-search-list');
      await expect.poll(() => list.isVisible()).toBe(true);
      await box.press('Escape');
      expect(await list.isVisible()).toBe(false);
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      await box.press('ArrowDown');
      await expect.poll(() => list.isVisible()).toBe(true);
      const first = page.locator('#site-search-list [role="option"]').first();
      expect(await first.textContent()).toContain('Bali Process');
      await Promise.all([page.waitForURL(`${base}doc/process/bali-process`), first.click()]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each(WIDTHS)('at %ipx: the results page lists the things with links', async (width) => {
    const { page, problems, close } = await open('/search?q=migration%20report', width);
    try {
      expect(await page.locator('h1').textContent()).toContain('migration report');
      expect(await page.locator('ol.search-results li').count()).toBeGreaterThan(0);
      expect(await page.locator('#site-search-q').inputValue()).toBe('migration report');
      await noSideScroll(page, width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/results-${width}.png`, fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each(WIDTHS)('at %ipx: a mistyped address offers the thing meant', async (width) => {
    const { page, problems, close } = await open('/doc/process/bali-proces', width, 404);
    try {
      const link = page.locator('.close-matches a').first();
      expect(await link.textContent()).toBe('Bali Process');
      await noSideScroll(page, width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/not-found-${width}.png`, fullPage: true });
      await Promise.all([page.waitForURL(`${base}doc/process/bali-process`), link.click()]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('without JavaScript the box is a plain form to /search', async () => {
    const { page, problems, close } = await open('/', 375, 200, false);
    try {
      const box = page.locator('#site-search-q');
      expect(await box.getAttribute('role')).toBeNull();
      await box.fill('IOM');
      await Promise.all([page.waitForURL(`${base}search?q=IOM`), box.press('Enter')]);
      expect(await page.locator('ol.search-results li a').first().textContent()).toBe(
        'International Organization for Migration',
      );
      await noSideScroll(page, 375);
      await page.screenshot({ path: `${SHOTS}/no-js-results-375.png` });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
