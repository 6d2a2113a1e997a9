// Compression as a browser gets it (headless Chromium): the editor page, its 1 MB YASGUI bundle,
// the stylesheets and scripts arrive in brotli, decoded by the browser without a console error,
// so the page works as it does uncompressed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
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
    const { page, problems, requests, settled, close } = await visit(rig!, '/sparql', { width });
    await settled();
    await page.waitForSelector('.CodeMirror');

    const coding = async (suffix: string) => {
      const request = requests.find((r) => new URL(r.url()).pathname.endsWith(suffix));
      const response = await request?.response();
      expect(response, suffix).toBeTruthy();
      return (await response!.allHeaders())['content-encoding'];
    };
    expect(await coding('/sparql')).toBe('br');
    expect(await coding('/assets/yasgui/yasgui.min.js')).toBe('br');
    expect(await coding('/assets/yasgui/yasgui.min.css')).toBe('br');
    expect(await coding('/assets/style.css')).toBe('br');
    expect(await coding('/assets/sparql-editor.js')).toBe('br');
    expect(problems).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    await close();
  });
});
