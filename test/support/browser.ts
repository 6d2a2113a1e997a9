// The real app listening on 127.0.0.1 under its own base IRI, and Debian's Chromium driven by playwright-core.
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../src/bench/processes.js';
import { realApp } from './app.js';
import { chromiumAvailability, requireExecutable } from './system-packages.js';

export const HOST = '127.0.0.1';

export interface BrowserRig {
  /** The app's base IRI: `http://127.0.0.1:PORT/`, so its links point at itself. */
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts the app on a free port (the base IRI must name it) and launches Chromium without network extras. */
export async function startBrowserRig(): Promise<BrowserRig> {
  // Without Chromium the tests are skipped (system-packages.ts); under CI=true they get here and fail with the hint.
  const executablePath = requireExecutable(chromiumAvailability());
  const port = await freePort();
  const base = `http://${HOST}:${port}/`;
  const { app } = await realApp(base);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, HOST, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    base,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
