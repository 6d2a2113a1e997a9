// The deployment of docs/deployment.md on loopback: Virtuoso holding the data versions, two
// front-end processes (STORE=sparql, one of them WORKERS=2) and Varnish in front with
// docs/varnish.vcl. Each front end is a real `cli serve` child process on a free 127.0.0.1 port;
// everything started here is stopped here, by its process id.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, stopChild } from '../../src/bench/processes.js';
import { findVirtuoso, startVirtuosoServer, type VirtuosoServer } from '../../src/bench/virtuoso.js';
import { loadIntoStore, type LoadOutcome } from '../../src/store/load-store.js';
import { ROOT, TEST_BASE } from '../support/dataset.js';
import {
  findOnPath,
  requireExecutable,
  varnishAvailability,
  virtuosoAvailability,
} from '../support/system-packages.js';

const virtuoso = virtuosoAvailability();
const varnish = varnishAvailability();
const skip = virtuoso.skip || varnish.skip;
const SILENT = { info: () => undefined, warn: () => undefined };
const STARTUP_MS = 90_000;

let store: VirtuosoServer | undefined;
const children: ChildProcess[] = [];
const folders: string[] = [];

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: string[];
}

/** Starts a child and waits until its output shows `ready` (a child that ends first fails). */
async function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Started> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  await waitFor(child, output, ready);
  return { child, url: '', output };
}

function waitFor(child: ChildProcess, output: string[], ready: RegExp, from = 0): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output.join('')}`)), STARTUP_MS);
    const check = (): void => {
      if (ready.test(output.slice(from).join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it was ready:\n${output.join('')}`));
    });
    check();
  });
}

/** A front end on `port`; every front end's links go to the cache (SITE_URL), as in docs/deployment.md. */
async function frontEnd(port: number, extra: Record<string, string> = {}): Promise<Started> {
  const env = {
    ...process.env,
    STORE: 'sparql',
    STORE_QUERY_URL: store!.sparqlUrl,
    BASE_IRI: TEST_BASE,
    SITE_URL: cacheUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    CACHE_DIR: '',
    LOG_FORMAT: 'json',
    SPARQL_CONCURRENCY: '1',
    ...extra,
  };
  const started = await startChild(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve'],
    env,
    /"msg":"SPARQL engine ready"/,
  );
  return { ...started, url: `http://127.0.0.1:${port}/` };
}

function load(root: string): Promise<LoadOutcome> {
  return loadIntoStore({
    root,
    baseIri: TEST_BASE,
    queryUrl: store!.sparqlUrl,
    updateUrl: `${store!.httpUrl}sparql-auth`,
    graphStoreUrl: `${store!.httpUrl}sparql-graph-crud-auth`,
    credentials: { user: 'dba', password: 'dba' },
    keep: 2,
    log: SILENT,
  });
}

/** A copy of the data whose Bali Process has this description: a new data version to load. */
async function dataVersion(description: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lod-version-'));
  folders.push(root);
  for (const part of ['ontology', 'data', 'shapes'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  await writeFile(
    path.join(root, 'data', 'zz-replicas-test.ttl'),
    `@prefix dct: <http://purl.org/dc/terms/> .\n<${TEST_BASE}id/process/bali-process> dct:description "${description}"@en .\n`,
  );
  return root;
}

let front1: Started;
let front2: Started;
let cacheUrl = '';
let varnishDir = '';
let ports: number[] = [];

beforeAll(async () => {
  if (skip) return;
  requireExecutable(virtuoso);
  requireExecutable(varnish);
  const binaries = await findVirtuoso();
  if (!binaries) throw new Error(virtuoso.hint);
  store = await startVirtuosoServer(binaries);
  const loaded = await load(ROOT);
  expect(loaded.outcome).toBe('loaded');
  const [p1, p2, pc] = [await freePort(), await freePort(), await freePort()];
  cacheUrl = `http://127.0.0.1:${pc}/`;
  ports = [p1, p2];
  // One front end is WORKERS=2: two replicas on one port, restarted one by one on SIGHUP.
  [front1, front2] = await Promise.all([frontEnd(p1, { WORKERS: '2' }), frontEnd(p2)]);
  // docs/varnish.vcl as documented, with the two front ends' ports.
  varnishDir = await mkdtemp(path.join(os.tmpdir(), 'varnish-'));
  folders.push(varnishDir);
  const vcl = (await readFile(path.join(ROOT, 'docs/varnish.vcl'), 'utf8'))
    .replace('.port = "8081"', `.port = "${p1}"`)
    .replace('.port = "8082"', `.port = "${p2}"`);
  await writeFile(path.join(varnishDir, 'test.vcl'), vcl);
  const varnishd = requireExecutable(varnish);
  await startChild(
    varnishd,
    [
      '-F',
      '-j',
      'none',
      '-n',
      varnishDir,
      '-a',
      `127.0.0.1:${pc}`,
      '-f',
      path.join(varnishDir, 'test.vcl'),
      '-s',
      'malloc,64m',
    ],
    process.env,
    /Child launched OK/,
  );
  // Varnish sends traffic once its probes find the front ends healthy.
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${cacheUrl}robots.txt`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}, 300_000);

afterAll(async () => {
  for (const child of children.reverse()) await stopChild(child);
  await store?.stop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
}, 60_000);

const html = { accept: 'text/html' };

describe.skipIf(skip)('two front ends on one store, behind Varnish', () => {
  it('both front ends answer every document alike: status, ETag, bytes', async () => {
    for (const doc of ['doc/process/bali-process', 'doc/organisation/iom', 'id/process/', '']) {
      const [a, b] = await Promise.all([
        fetch(front1.url + doc, { headers: html }),
        fetch(front2.url + doc, { headers: html }),
      ]);
      expect(b.status, doc).toBe(a.status);
      expect(b.headers.get('etag'), doc).toBe(a.headers.get('etag'));
      expect(await b.text(), doc).toBe(await a.text());
    }
  });

  it('Varnish spreads distinct documents over both front ends and answers a repeated one itself', async () => {
    const seen = new Set<string>();
    for (const doc of [
      'doc/process/bali-process',
      'doc/process/colombo-process',
      'doc/process/rabat-process',
      'doc/organisation/iom',
    ]) {
      const res = await fetch(cacheUrl + doc, { headers: html });
      expect(res.status, doc).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      expect(res.headers.get('etag')).toBeTruthy();
      seen.add(res.headers.get('x-front-end') ?? '');
      await res.arrayBuffer();
    }
    expect([...seen].sort()).toEqual(['front1', 'front2']);
    const again = await fetch(`${cacheUrl}doc/process/bali-process`, { headers: html });
    await again.arrayBuffer();
    // A hit: X-Varnish names this request and the one the object was fetched by.
    expect(again.headers.get('x-varnish')).toMatch(/^\d+ \d+$/);
  });

  it('a new data version: SIGHUP restarts the WORKERS=2 replicas onto it, and a ban makes Varnish ask again', async () => {
    const root = await dataVersion('Data version two.');
    const before = await fetch(`${front1.url}doc/process/bali-process`, { headers: html });
    await before.arrayBuffer();
    expect((await load(root)).outcome).toBe('loaded');
    // The WORKERS=2 front end: SIGHUP to its supervisor, which replaces its replicas one by one.
    const from = front1.output.length;
    front1.child.kill('SIGHUP');
    await waitFor(front1.child, front1.output, /"msg":"rolling restart done"/, from);
    expect(
      front1.output
        .slice(from)
        .join('')
        .match(/"msg":"replica listening"/g),
    ).toHaveLength(2);
    const after = await fetch(`${front1.url}doc/process/bali-process`, { headers: html });
    expect(await after.text()).toContain('Data version two.');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    // The single-process front end: restarted (stopped, started again on its port).
    await stopChild(front2.child);
    front2 = await frontEnd(ports[1]!);
    // Varnish still holds the old document until told: a ban, then it fetches the new one.
    const varnishadm = findOnPath('varnishadm')[0] ?? '/usr/bin/varnishadm';
    await new Promise<void>((resolve, reject) => {
      const ban = spawn(varnishadm, ['-n', varnishDir, 'ban', 'req.url', '~', '.'], { stdio: 'ignore' });
      ban.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`varnishadm ban exited ${code}`))));
    });
    // Varnish's probes see the restarted front end healthy again within a few of their turns.
    let fresh = await fetch(`${cacheUrl}doc/process/bali-process`, { headers: html });
    for (let i = 0; i < 40 && fresh.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      fresh = await fetch(`${cacheUrl}doc/process/bali-process`, { headers: html });
    }
    expect(await fresh.text()).toContain('Data version two.');
    expect(fresh.headers.get('etag')).toBe(after.headers.get('etag'));
  }, 180_000);

  it('a front end follows the store: after a load it serves the new version without a restart, and SIGHUP asks at once', async () => {
    // One asks every 200 ms; the other only once a day, and is sent SIGHUP.
    const [follower, asked] = await Promise.all([
      frontEnd(await freePort(), { STORE_FOLLOW_MS: '200' }),
      frontEnd(await freePort(), { STORE_FOLLOW_MS: '86400000' }),
    ]);
    const doc = `${follower.url}doc/process/bali-process`;
    const before = await fetch(doc, { headers: html });
    expect(await before.text()).not.toContain('Data version three.');
    const root = await dataVersion('Data version three.');
    const from = follower.output.length;
    const askedFrom = asked.output.length;
    expect((await load(root)).outcome).toBe('loaded');
    await waitFor(follower.child, follower.output, /"msg":"serving the new data version"/, from);
    asked.child.kill('SIGHUP');
    await waitFor(asked.child, asked.output, /"msg":"serving the new data version"/, askedFrom);
    expect(await (await fetch(`${asked.url}doc/process/bali-process`, { headers: html })).text()).toContain(
      'Data version three.',
    );
    const after = await fetch(doc, { headers: html });
    const text = await after.text();
    expect(text).toContain('Data version three.');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    // SPARQL reads the new version too.
    const ask = await fetch(`${follower.url}sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: `ASK { <${TEST_BASE}id/process/bali-process> <http://purl.org/dc/terms/description> "Data version three."@en }`,
    });
    expect(await ask.json()).toEqual({ head: {}, boolean: true });
    await Promise.all([stopChild(follower.child), stopChild(asked.child)]);
  }, 180_000);
});
