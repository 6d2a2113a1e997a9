// Start-up as it fails in the field: a file that is not UTF-8, a port already taken, a CACHE_DIR
// that is a file or holds damaged or hand-edited entries. Each is one readable line and exit code
// 2, or a warning and a server that answers as if there were no cache.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { testConfig } from '../support/app.js';
import { ROOT } from '../support/dataset.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs node (under tsx) in a child process and waits for it to end by itself; a child still
 * running after `limitMs` is killed and reported with its signal, so a hang fails the test.
 */
function runNode(args: string[], env: Record<string, string>, limitMs = 20_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: limitMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
        resolve({ code: e ? (e.code ?? null) : 0, signal: e?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** Long enough for a child that runs out runNode's limit to be reported as such. */
const CHILD_TEST_MS = 40_000;

/** A plain TCP server on 127.0.0.1, holding a port the platform is then told to use. */
async function occupyPort(): Promise<net.Server> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A port that was free a moment ago (for a child that must take it itself). */
async function freePort(): Promise<number> {
  const server = await occupyPort();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'startup-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('serve refuses a data file that is not UTF-8', () => {
  it(
    'exits 2 with one line naming the file, line and column of the first invalid byte',
    async () => {
      const root = path.join(scratch, 'latin1');
      for (const part of ['ontology', 'data', 'shapes'])
        await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
      const file = path.join(root, 'data', 'zz-latin1.ttl');
      await writeFile(
        file,
        Buffer.from('@prefix process: <id/process/> .\n\nprocess:x <ontology#note> "Bogotá" .\n', 'latin1'),
      );
      const result = await runNode(['src/cli.ts', 'serve'], {
        DATA_ROOT: root,
        CACHE_DIR: path.join(scratch, 'latin1-cache'),
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_FORMAT: 'json',
      });
      expect(result.signal).toBeNull();
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `error: ${file}:3:33: invalid UTF-8 (byte 0xE1); Turtle files must be saved as UTF-8\n`,
      );
    },
    CHILD_TEST_MS,
  );
});

describe('serve on a port already in use', () => {
  it(
    'exits 2 at once with one line saying which port, before loading the data',
    async () => {
      const holder = await occupyPort();
      try {
        const { port } = holder.address() as AddressInfo;
        const result = await runNode(['src/cli.ts', 'serve'], {
          HOST: '127.0.0.1',
          PORT: String(port),
          CACHE_DIR: path.join(scratch, 'port-cache'),
          LOG_FORMAT: 'json',
        });
        expect(result.signal).toBeNull();
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`error: port ${port} is already in use on 127.0.0.1; set PORT to another port\n`);
        // Nothing was loaded: no log line at all.
        expect(result.stdout).toBe('');
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    },
    CHILD_TEST_MS,
  );

  it(
    'taken while the data loads: rejects with the same line, and the process ends by itself (SPARQL workers stopped)',
    async () => {
      // The port is free when the server checks it, and taken (by this child's own plain TCP server)
      // when the data has been validated, before the server listens. The child must then end on its
      // own: a worker left running would keep it alive until runNode kills it.
      const port = await freePort();
      const script = `
      import net from 'node:net';
      import { pino } from 'pino';
      import { loadConfig } from './src/config.ts';
      import { startServer } from './src/server.ts';
      const holder = net.createServer();
      const logger = pino({ level: 'info' }, { write(line) {
        if (/"msg":"data (validated|unchanged)/.test(line)) holder.listen(${port}, '127.0.0.1');
      } });
      try {
        const running = await startServer(loadConfig(), logger);
        console.log('listening, unexpectedly');
        await running.close();
      } catch (error) {
        console.log(error.name + ': ' + error.message);
      }
      holder.close();
    `;
      const result = await runNode(['--input-type=module', '-e', script], {
        HOST: '127.0.0.1',
        PORT: String(port),
        CACHE_DIR: path.join(scratch, 'late-port-cache'),
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(
        `ListenError: port ${port} is already in use on 127.0.0.1; set PORT to another port\n`,
      );
      expect(result.signal).toBeNull();
      expect(result.code).toBe(0);
    },
    CHILD_TEST_MS,
  );
});

describe('CACHE_DIR that cannot be believed', () => {
  /** Starts the server on the real data with this CACHE_DIR; returns what it logged and answers. */
  async function startAndAsk(cacheDir: string, paths: string[]): Promise<{ lines: string[]; statuses: number[] }> {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const config: Config = { ...testConfig(ROOT, undefined, { CACHE_DIR: cacheDir }), host: '127.0.0.1', port: 0 };
    const running = await startServer(config, logger);
    try {
      const statuses: number[] = [];
      for (const p of paths) {
        const res = await fetch(new URL(p.slice(1), running.url), { redirect: 'manual' });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return { lines, statuses };
    } finally {
      await running.close();
    }
  }

  const messages = (lines: string[], level?: number): string[] =>
    lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => level === undefined || entry.level === level)
      .map((entry) => entry.msg);

  const BALI = '/id/process/bali-process';
  const IOM = '/id/organisation/iom';

  it('a regular file: warns, serves without a cache, leaves the file alone', async () => {
    const file = path.join(scratch, 'cache-is-a-file');
    await writeFile(file, 'mine');
    const { lines, statuses } = await startAndAsk(file, [BALI]);
    expect(messages(lines, 40)).toEqual([`CACHE_DIR ${file} is not a folder; starting without the cache`]);
    expect(messages(lines)).toContain('data validated');
    expect(statuses).toEqual([303]);
    expect(await readFile(file, 'utf8')).toBe('mine');
  });

  it('an index edited by hand (a thing removed, another marked withdrawn): warns, rebuilds, both answer 303', async () => {
    const cacheDir = path.join(scratch, 'edited-index');
    const first = await startAndAsk(cacheDir, [BALI, IOM]);
    expect(first.statuses).toEqual([303, 303]);
    expect(messages(first.lines, 40)).toEqual([]);
    const [name] = await readdir(path.join(cacheDir, 'things'));
    const file = path.join(cacheDir, 'things', name!);
    const text = await readFile(file, 'utf8');
    const edited = text
      .replace(/\{"iri":"id\/process\/bali-process"[^}]*\},?/, '')
      .replace(/("iri":"id\/organisation\/iom"[^}]*"withdrawn":)false/, '$1true');
    expect(edited.length).toBeLessThan(text.length);
    expect(edited).toMatch(/"iri":"id\/organisation\/iom"[^}]*"withdrawn":true/);
    await writeFile(file, edited);

    const second = await startAndAsk(cacheDir, [BALI, IOM]);
    expect(messages(second.lines)).toContain('data unchanged since its last validation');
    expect(messages(second.lines, 40)).toEqual([
      'the cached thing index does not match its checksum (truncated, damaged or edited); redoing it',
    ]);
    expect(second.statuses).toEqual([303, 303]);
    // Rebuilt and saved again: the third start reads it without a warning.
    const third = await startAndAsk(cacheDir, [BALI]);
    expect(messages(third.lines, 40)).toEqual([]);
    expect(messages(third.lines)).toContainEqual(expect.stringMatching(/^thing index read from CACHE_DIR/));
  });

  it('garbage in the verdict and the index: warns about each, validates again, serves', async () => {
    const cacheDir = path.join(scratch, 'garbage');
    await startAndAsk(cacheDir, []);
    for (const kind of ['validation', 'things']) {
      const [name] = await readdir(path.join(cacheDir, kind));
      await writeFile(path.join(cacheDir, kind, name!), Buffer.from([0xff, 0x00, 0x7b, 0x0a, 0x22]));
    }
    const { lines, statuses } = await startAndAsk(cacheDir, [BALI]);
    expect(messages(lines, 40)).toEqual([
      expect.stringMatching(/^the cached validation verdict is not a cache entry/),
      expect.stringMatching(/^the cached thing index is not a cache entry/),
    ]);
    expect(messages(lines)).toContain('data validated');
    expect(statuses).toEqual([303]);
  });
});
