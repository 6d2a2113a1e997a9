// npm run screenshots: starts the platform from a fresh start (no cache: the data is validated and
// loaded as on a first deployment) on a free port of 127.0.0.1, opens every page kind in Debian's
// Chromium (playwright-core) at 1280 and 375 px, writes docs/screenshots/{page}-{width}.png and
// docs/screenshots/README.md (the index), and stops the server by its pid. CHROMIUM names
// another browser binary; SCREENSHOT_MAX_HEIGHT (default 4000) bounds each picture's height.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from '../src/bench/processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const HOST = '127.0.0.1';
const WIDTHS = [1280, 375] as const;
const MAX_HEIGHT = Number(process.env.SCREENSHOT_MAX_HEIGHT ?? 4000);
const STARTUP_MS = 300_000;

/** One page of each kind, by file name, path and what it shows. */
const PAGES: readonly { name: string; path: string; what: string; status?: number }[] = [
  { name: 'home', path: '/', what: 'the home page' },
  { name: 'process', path: '/doc/process/bali-process', what: 'a process (the Bali Process)' },
  { name: 'organisation', path: '/doc/organisation/iom', what: 'an organisation (IOM)' },
  { name: 'person', path: '/doc/person/maurizio-busatti', what: 'a person' },
  {
    name: 'engagement',
    path: '/doc/engagement/iom-lead-international-dialogue-on-migration',
    what: "one of IOM's roles",
  },
  { name: 'event', path: '/doc/event/idm-2019', what: 'an event (the IDM 2019)' },
  { name: 'publication', path: '/doc/publication/world-migration-report-2018', what: 'a publication (a WMR edition)' },
  { name: 'statistic', path: '/doc/statistic/africa-migrants-by-subregion-2000', what: 'a statistics data set' },
  { name: 'collection', path: '/doc/process', what: 'a collection (the processes)' },
  { name: 'search', path: '/search?q=bali', what: 'search results' },
  { name: 'dataset', path: '/dataset', what: 'the dataset description (VoID/DCAT)' },
  { name: 'ontology', path: '/ontology', what: 'the ontology' },
  { name: 'shapes', path: '/shapes', what: 'the shapes' },
  { name: 'sparql-editor', path: '/sparql', what: 'the SPARQL editor' },
  { name: 'sparql-examples', path: '/sparql/examples', what: 'the worked SPARQL examples' },
  { name: 'not-found', path: '/doc/process/bali-proces', what: 'the 404 page (with close matches)', status: 404 },
];

/** Starts `npm run dev`'s server without watching: `tsx src/cli.ts serve`, no cache, its logs to ours. */
function withoutBase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { BASE_IRI: _ignored, ...rest } = env;
  return rest;
}

function startServer(port: number, base: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'serve'], {
    cwd: ROOT,
    // Identifiers under the default base (so the pictures do not change with the port), links under
    // the address the browser uses (SITE_URL).
    env: { ...withoutBase(process.env), PORT: String(port), HOST, SITE_URL: base, CACHE_DIR: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitUntilServing(base: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the server stopped before it served a page (see its log above)');
    const ok = await fetch(base, { headers: { accept: 'text/html' } }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${base} within ${STARTUP_MS / 1000} s`);
}

const port = await freePort();
const base = `http://${HOST}:${port}/`;
const server = startServer(port, base);
let exited = false;
const exit = new Promise<void>((resolve) =>
  server.on('exit', () => {
    exited = true;
    resolve();
  }),
);
const problems: string[] = [];
try {
  await waitUntilServing(base, () => exited);
  await mkdir(OUT, { recursive: true });
  for (const file of await readdir(OUT)) if (file.endsWith('.png')) await rm(path.join(OUT, file));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      for (const page of PAGES) {
        const tab = await context.newPage();
        tab.on('console', (message) => {
          // Chromium reports the document's own status as a console error: expected on the 404 page.
          const ownStatus = page.status !== undefined && message.text().includes(`status of ${page.status}`);
          if (message.type() === 'error' && !ownStatus)
            problems.push(`${page.path} at ${width} px: console error: ${message.text()}`);
        });
        tab.on('request', (request) => {
          if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
            problems.push(`${page.path} at ${width} px: request to another host: ${request.url()}`);
        });
        const response = await tab.goto(new URL(page.path, base).href, { waitUntil: 'networkidle' });
        if (response?.status() !== (page.status ?? 200))
          problems.push(`${page.path} at ${width} px: status ${response?.status()}, not ${page.status ?? 200}`);
        const [scrollWidth, scrollHeight] = await tab.evaluate<[number, number]>(
          '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
        );
        if (scrollWidth > width)
          problems.push(`${page.path} at ${width} px: scrolls sideways (${scrollWidth} px wide)`);
        const file = path.join(OUT, `${page.name}-${width}.png`);
        await tab.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width, height: Math.min(scrollHeight, MAX_HEIGHT) },
        });
        console.log(`${path.relative(ROOT, file)}  ${page.path}`);
        await tab.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const index = [
    '# Screenshots',
    '',
    `Made by \`npm run screenshots\` (scripts/screenshots.ts) from a fresh start, in Chromium at ${WIDTHS.join(' and ')} px`,
    `(each at most ${MAX_HEIGHT} px high).`,
    '',
    '| page | path | 1280 px | 375 px |',
    '|---|---|---|---|',
    ...PAGES.map(
      (p) =>
        `| ${p.what} | \`${p.path}\` | [${p.name}-1280.png](${p.name}-1280.png) | [${p.name}-375.png](${p.name}-375.png) |`,
    ),
    '',
  ].join('\n');
  await writeFile(path.join(OUT, 'README.md'), index);
} finally {
  // Stopped by its pid, and waited for.
  if (!exited && server.pid !== undefined) process.kill(server.pid, 'SIGTERM');
  await exit;
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
