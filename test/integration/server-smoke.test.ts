// The real server: startServer() listens on 127.0.0.1, answers over TCP, closes; and refuses invalid data.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { InvalidDataError, startServer, type RunningServer } from '../../src/server.js';
import { testConfig } from '../support/app.js';
import { ROOT, iri } from '../support/dataset.js';

const silent = pino({ level: 'silent' });

function loopbackConfig(root = ROOT): Config {
  return { ...testConfig(root), host: '127.0.0.1', port: 0 };
}

describe('startServer on 127.0.0.1, port 0', () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startServer(loopbackConfig(), silent);
  });

  afterAll(async () => {
    await running.close();
  });

  it('listens on a free loopback port and reports its URL', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(running.server.listening).toBe(true);
  });

  it.each([
    {
      rule: 'the home page is 200 HTML',
      path: '/',
      accept: 'text/html',
      status: 200,
      type: 'text/html; charset=utf-8',
      location: undefined,
    },
    {
      rule: 'a thing is 303 to its document under BASE_IRI',
      path: '/id/process/bali-process',
      accept: 'text/turtle',
      status: 303,
      type: 'text/plain; charset=utf-8',
      location: iri('doc/process/bali-process'),
    },
    {
      rule: 'the document is 200 in the negotiated format',
      path: '/doc/process/bali-process',
      accept: 'text/turtle',
      status: 200,
      type: 'text/turtle; charset=utf-8',
      location: undefined,
    },
    {
      rule: 'an unknown IRI is 404',
      path: '/id/process/no-such-thing',
      accept: 'text/plain',
      status: 404,
      type: 'text/plain; charset=utf-8',
      location: undefined,
    },
  ])('$rule', async ({ path: urlPath, accept, status, type, location }) => {
    const res = await fetch(new URL(urlPath.slice(1), running.url), { redirect: 'manual', headers: { accept } });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('location') ?? undefined).toBe(location);
    await res.arrayBuffer();
  });

  it('a second server can start beside the first (port 0 picks a free port) and both close', async () => {
    const other = await startServer(loopbackConfig(), silent);
    expect(other.url).not.toBe(running.url);
    await other.close();
    expect(other.server.listening).toBe(false);
  });
});

describe('startServer refuses invalid data', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'server-smoke-'));
    for (const part of ['ontology', 'data', 'shapes'])
      await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
    // A process with neither label nor source: the shapes reject it.
    await writeFile(
      path.join(root, 'data', 'zz-broken.ttl'),
      '@prefix mig: <ontology#> .\n@prefix process: <id/process/> .\n\nprocess:broken-process a mig:InterStateConsultationMechanism .\n',
    );
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('throws InvalidDataError whose report names the focus node', async () => {
    const error: unknown = await startServer(loopbackConfig(root), silent).then(
      (server) => server.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidDataError);
    const report = (error as InvalidDataError).report;
    expect(report).toMatch(/focus node: process:broken-process\b/);
    expect(report).toContain('The data does not conform');
  });
});
