// The real app listening on 127.0.0.1 under its own base IRI, and Debian's Chromium driven by playwright-core;
// visit() opens one of its pages in a fresh context and records what goes wrong there.
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
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

/**
 * Run in every page before its own scripts: each Content-Security-Policy violation becomes a console
 * error, which a visit records as a problem (Chromium logs most of them too; this catches all).
 */
const REPORT_CSP_VIOLATIONS =
  "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

/** How long no request may be in flight before the page counts as settled (Playwright's "networkidle"). */
const QUIET_MS = 500;

export interface VisitOptions {
  readonly width: number;
  /** The viewport's height; 900 unless given. */
  readonly height?: number;
  readonly javaScriptEnabled?: boolean;
  /** The status the page must answer; 200 unless given. A 4xx or 5xx named here is not a problem. */
  readonly status?: number;
  /**
   * Requests the page itself cancels (net::ERR_ABORTED: a fetch it aborts, or one cut off when it
   * navigates away) are not problems. Off unless given: then every failed request is one.
   */
  readonly abortsAllowed?: boolean;
}

/** One page opened in a fresh browser context, with what went wrong on it recorded as it happens. */
export interface Visit {
  readonly page: Page;
  readonly context: BrowserContext;
  /**
   * Console errors and warnings (with every CSP violation), page errors, failed requests, responses of
   * 400 or more and requests to other hosts, one line each.
   */
  readonly problems: string[];
  /** Every request to a host other than ours (aborted; data: and blob: URLs are not other hosts). */
  readonly outside: string[];
  /** Every request the page made, in order. */
  readonly requests: readonly Request[];
  /**
   * Resolves once no request has been in flight for 500 ms (what "networkidle" means); on timeout
   * fails naming each request still open, with its method, URL and how long it has been open.
   */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A URL for a message: the path alone on our own host, at most 140 characters. */
function shortUrl(rig: BrowserRig, url: string): string {
  const short = url.startsWith(rig.base) ? `/${url.slice(rig.base.length)}` : url;
  return short.length > 140 ? `${short.slice(0, 139)}…` : short;
}

/**
 * Opens `path` (from the site's root: '/', '/sparql#query=…') in a new context with the given viewport,
 * waits for its load event and checks its status. Every request to another host is aborted.
 */
export async function visit(rig: BrowserRig, path: string, options: VisitOptions): Promise<Visit> {
  const { width, height = 900, javaScriptEnabled = true, status = 200, abortsAllowed = false } = options;
  const context = await rig.browser.newContext({ viewport: { width, height }, javaScriptEnabled });
  await context.addInitScript(REPORT_CSP_VIOLATIONS);
  const page = await context.newPage();
  const url = rig.base + path.slice(1);
  /** The page's own address as its response names it (without the fragment). */
  const address = url.replace(/#.*/, '');
  const problems: string[] = [];
  const outside: string[] = [];
  const requests: Request[] = [];
  /** The requests in flight, with when each began. */
  const open = new Map<Request, number>();
  /** When the last request in flight ended (or the visit began). */
  let quietSince = Date.now();
  /** The last requests that ended, for a timeout that finds none open (requests kept coming). */
  const ended: string[] = [];
  const elsewhere = (href: string): boolean => {
    const { protocol, hostname } = new URL(href);
    return protocol !== 'data:' && protocol !== 'blob:' && hostname !== HOST;
  };
  /** A request for a message: method, URL, kind and how long it has been (or was) open. */
  const told = (request: Request, since: number): string =>
    `${request.method()} ${shortUrl(rig, request.url())} (${request.resourceType()}, ${((Date.now() - since) / 1000).toFixed(1)} s)`;
  const end = (request: Request): void => {
    const since = open.get(request);
    if (since === undefined) return;
    open.delete(request);
    ended.push(told(request, since));
    if (ended.length > 5) ended.shift();
    if (open.size === 0) quietSince = Date.now();
  };
  await page.route('**/*', (route) => (elsewhere(route.request().url()) ? route.abort() : route.continue()));
  page.on('request', (request) => {
    requests.push(request);
    // Like "networkidle", an EventSource's request (open for as long as the page) does not count.
    if (request.resourceType() !== 'eventsource') open.set(request, Date.now());
    if (elsewhere(request.url())) {
      outside.push(request.url());
      problems.push(`request to another host: ${request.url()}`);
    }
  });
  page.on('requestfinished', end);
  page.on('requestfailed', (request) => {
    end(request);
    const error = request.failure()?.errorText ?? '';
    if (!(abortsAllowed && error.includes('ERR_ABORTED'))) problems.push(`failed: ${request.url()} ${error}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    // The page's own error status is what the test asks for, not a problem; nor is Chromium's line about it.
    if (status >= 400 && message.location().url === address && message.text().includes(`status of ${status}`)) return;
    problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !(response.status() === status && response.url() === address))
      problems.push(`${response.status()}: ${response.url()}`);
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status(), url).toBe(status);
  } catch (error) {
    await context.close(); // a visit that fails to open leaves no context behind
    throw error;
  }

  async function settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = Date.now();
      if (open.size === 0 && now - quietSince >= QUIET_MS) return;
      if (now >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, deadline - now)));
    }
    const lines =
      open.size > 0
        ? [`${open.size} request(s) still open:`, ...[...open].map(([request, since]) => told(request, since))]
        : [`none open now, but a new one began within every ${QUIET_MS} ms; the last to end:`, ...ended];
    throw new Error(
      `${shortUrl(rig, page.url())} did not settle (${QUIET_MS} ms with no request in flight) within ${timeoutMs} ms; ${lines.join('\n  ')}`,
    );
  }

  return { page, context, problems, outside, requests, settled, close: () => context.close() };
}
