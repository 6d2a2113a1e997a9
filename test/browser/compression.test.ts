// Compression as a browser gets it (headless Chromium): the editor page, its 1 MB YASGUI bundle,
// the stylesheets and scripts arrive in brotli, decoded by the browser without a console error,
// so the page works as it does uncompressed.
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

describe.skipIf(chromiumAvailability().skip)('compressed responses in a browser', { timeout: 90_000 }, () => {
  let rig: BrowserRig | undefined;

  beforeAll(async () => {
    rig = await startBrowserRig();
  }, 90_000);

  afterAll(async () => {
    await rig?.close();
  }, 90_000);

  it.each([1280, 375])('the editor and its assets arrive in brotli at %i px, and work', async (width) => {
    const context = await (rig?.browser as Browser).newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const responses: Response[] = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(`${rig!.base}sparql`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.CodeMirror');

    const coding = async (suffix: string) => {
      const response = responses.find((r) => new URL(r.url()).pathname.endsWith(suffix));
      expect(response, suffix).toBeDefined();
      return (await response!.allHeaders())['content-encoding'];
    };
    expect(await coding('/sparql')).toBe('br');
    expect(await coding('/assets/yasgui/yasgui.min.js')).toBe('br');
    expect(await coding('/assets/yasgui/yasgui.min.css')).toBe('br');
    expect(await coding('/assets/style.css')).toBe('br');
    expect(await coding('/assets/sparql-editor.js')).toBe('br');
    expect(problems).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    await context.close();
  });
});
