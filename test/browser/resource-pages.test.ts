// Resource pages in a real browser (headless Chromium) at 1280 and 375 px: no console errors, no
// requests to other hosts, no horizontal scroll; the engagements, posts, series navigation and
// "About the source" visible. Screenshots go to /tmp/ui2-shots for a person to look at.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserRig, visit, type BrowserRig } from '../support/browser.js';
import { chromiumAvailability } from '../support/system-packages.js';

const PAGES = [
  '/doc/process/bali-process',
  '/doc/organisation/iom',
  '/doc/person/maurizio-busatti',
  '/doc/event/idm-2010',
  '/doc/publication/world-migration-report-2015',
  '/doc/statistic/africa-migrants-2000-west-africa',
];
const SHOTS = '/tmp/ui2-shots';

// Skipped without Chromium outside CI; under CI=true startBrowserRig fails with the install hint.
describe.skipIf(chromiumAvailability().skip)('resource pages in a browser', { timeout: 60_000 }, () => {
  let rig: BrowserRig | undefined;

  beforeAll(async () => {
    rig = await startBrowserRig();
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  /** A page in a fresh context 800 px high (see visit()). */
  const open = (path: string, width: number) => visit(rig!, path, { width, height: 800 });

  for (const width of [1280, 375]) {
    it.each(PAGES)(`%s at ${width}px: clean, no sideways scroll, explains the thing`, async (path) => {
      const { page, problems, settled, close } = await open(path, width);
      try {
        await expect.poll(() => page.locator('h1').isVisible()).toBe(true);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        const text = (await page.locator('article').textContent()) ?? '';
        expect(text).not.toMatch(/xsd:|@en\b/);
        if (path === '/doc/process/bali-process') expect(text).toMatch(/technical secretariat,\s*together with/);
        if (path === '/doc/organisation/iom')
          expect(await page.locator('table.roles tbody tr').count()).toBeGreaterThan(30);
        if (path === '/doc/person/maurizio-busatti') expect(await page.locator('p.post').count()).toBeGreaterThan(0);
        if (path === '/doc/event/idm-2010') {
          expect(await page.locator('a[rel="prev"]').getAttribute('href')).toMatch(/idm-2009$/);
          expect(await page.locator('a[rel="next"]').getAttribute('href')).toMatch(/idm-2011$/);
        }
        if (path.includes('statistic')) expect(text).toContain('42%');
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/${path.split('/').pop()}-${width}.png`, fullPage: true });
        await settled();
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  /**
   * In the browser: the cells of the roles table's Role column whose lines break inside a word
   * (two letters on different lines with no space between them), read from each character's rect.
   */
  const MID_WORD_BREAKS = `(() => {
    const broken = [];
    for (const cell of document.querySelectorAll('table.roles tbody td:nth-child(3)')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let previousTop = null;
      let spaceSince = true;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const chars = node.textContent;
        for (let i = 0; i < chars.length; i++) {
          if (/\\s/.test(chars[i])) { spaceSince = true; continue; }
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (previousTop !== null && !spaceSince && rect.top > previousTop + 2) broken.push(cell.textContent.trim());
          previousTop = rect.top;
          spaceSince = false;
        }
      }
    }
    return broken;
  })()`;

  for (const width of [1280, 375]) {
    it(`IOM's roles table at ${width}px: the Role column wraps between words only, and scrolls in its own box`, async () => {
      const { page, close } = await open('/doc/organisation/iom', width);
      try {
        expect(await page.locator('table.roles tbody tr').count()).toBeGreaterThan(30);
        expect(await page.evaluate<string[]>(MID_WORD_BREAKS)).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        const box = await page.locator('.table-scroll').boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
      } finally {
        await close();
      }
    });

    it(`the identifier at ${width}px shows the whole IRI inside its box`, async () => {
      const path = '/doc/statistic/africa-migrants-by-subregion-2000';
      const { page, close } = await open(path, width);
      try {
        const iri = page.locator('.identifier .iri');
        expect(await iri.textContent()).toMatch(/\/id\/statistic\/africa-migrants-by-subregion-2000$/);
        const fits = await page.evaluate<boolean>(
          "(() => { const e = document.querySelector('.identifier .iri'); return e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight; })()",
        );
        expect(fits).toBe(true);
        const box = await iri.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
      } finally {
        await close();
      }
    });

    it.each([...PAGES, '/doc/statistic/africa-migrants-by-subregion-2000'])(
      `%s at ${width}px: no section heading over an empty section`,
      async (path) => {
        const { page, close } = await open(path, width);
        try {
          const empty = await page.evaluate<string[]>(
            "[...document.querySelectorAll('article section')].filter((s) => { const h = s.querySelector('h2'); return h && s.innerText.trim() === h.innerText.trim(); }).map((s) => s.querySelector('h2').innerText)",
          );
          expect(empty).toEqual([]);
          if (path.endsWith('by-subregion-2000')) {
            const types = (await page.locator('p.types').innerText()).trim();
            expect(types).toBe('Data set');
          }
        } finally {
          await close();
        }
      },
    );
  }
});
