// The home page in Chromium at 1280 and 375 px: the counts and the four pictures of the data are
// there with their words and tables, served as SVG files too, with no console errors, no request to
// another host, no horizontal scroll and no serious accessibility violation (axe-core); with JavaScript off the pictures and tables are all there.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.js';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

/** Where the screenshots go (SCREENSHOTS_DIR, else a folder under the system's temporary directory). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? path.join('/tmp', 'home-screenshots');

const PICTURES = ['network', 'idm-timeline', 'wmr-editions', 'africa-2000'];


describe.skipIf(chromiumAvailability().skip)('the home page in a browser', { timeout: 90_000 }, () => {
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

  /** The home page in a fresh context (see visit()). */
  const home = (width: number, javaScriptEnabled = true) => visit(rig!, '/', { width, javaScriptEnabled });

  it.each([1280, 375])('at %i px: counts, four pictures with words and tables, no errors, no sideways scroll', async (width) => {
    const { page, problems, settled, close } = await home(width);
    try {
      // The counts come first, right under the heading and the lead.
      const counts = page.locator('ul.home-counts li');
      expect(await counts.count()).toBe(7);
      expect(await counts.first().boundingBox().then((b) => b?.y ?? 9999)).toBeLessThan(width < 500 ? 700 : 400);
      const text = (await page.locator('ul.home-counts').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('19 IDM years');
      expect(text).toContain('9 WMR editions');
      for (const name of PICTURES) {
        const svg = page.locator(`svg.picture-${name}`);
        await expect.poll(() => svg.isVisible()).toBe(true);
        const box = await svg.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(200);
        expect(box && box.x + box.width).toBeLessThanOrEqual(width);
        expect(await svg.getAttribute('aria-labelledby')).toBe(`${name}-title ${name}-desc`);
        expect(await page.locator(`figure.picture-${name} figcaption`).innerText()).not.toBe('');
        await page.locator(`figure.picture-${name}`).screenshot({ path: path.join(SHOTS, `home-${width}-${name}.png`) });
      }
      expect(await page.locator('#network-heading ~ details table tbody tr').count()).toBeGreaterThanOrEqual(40);
      expect(await page.locator('#idm-heading ~ details table tbody tr').count()).toBe(19);
      expect(await page.locator('table.africa-shares tfoot').innerText()).toMatch(/91 %/);
      // No empty groups of processes.
      expect(await page.locator('details.kind summary').allInnerTexts()).not.toContainEqual(expect.stringMatching(/\(0\)/));
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await settled();
      await page.screenshot({ path: path.join(SHOTS, `home-${width}.png`), fullPage: true });
      await page.screenshot({ path: path.join(SHOTS, `home-${width}-top.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('without JavaScript: the same pictures and tables (nothing drawn in the browser)', async () => {
    const { page, problems, close } = await home(1280, false);
    try {
      for (const name of PICTURES) expect(await page.locator(`svg.picture-${name}`).count()).toBe(1);
      await page.locator('#idm-heading ~ details summary').click();
      expect(await page.locator('#idm-heading ~ details table').isVisible()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it.each(PICTURES)('/pictures/%s.svg opens on its own as an image', async (name) => {
    const { page, problems, settled, close } = await home(1280);
    try {
      const response = await page.goto(`${base}pictures/${name}.svg`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(await page.locator('svg title').first().textContent()).not.toBe('');
      const box = await page.locator('svg').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      if (name === 'network') await page.screenshot({ path: path.join(SHOTS, 'picture-network.png') });
      await settled();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
