// Logs: JSON lines unless stdout is a terminal (or LOG_FORMAT says), then one readable line per event.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { chooseLogFormat, prettyLines } from '../../src/pretty-log.js';
import { createLogger, startupMessage } from '../../src/server.js';

describe('chooseLogFormat', () => {
  it.each([
    ['auto', true, 'pretty'],
    ['auto', false, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('LOG_FORMAT=%s with a terminal: %s -> %s', (setting, tty, expected) => {
    expect(chooseLogFormat(setting, tty)).toBe(expected);
  });

  it('refuses an unknown LOG_FORMAT with a line naming the variable', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be one of auto, json, pretty; got "xml"');
  });
});

describe('createLogger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'logs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Logs through createLogger to a file standing in for stdout, as a terminal or not; returns what was written. */
  function logThrough(isTTY: boolean, env: Record<string, string> = {}): string {
    const file = path.join(dir, `out-${isTTY}.log`);
    const fd = openSync(file, 'w');
    try {
      const { logger, destination } = createLogger(loadConfig({ LOG_LEVEL: 'info', ...env }), { fd, isTTY });
      logger.info({ validated: true }, 'data validated');
      // The request log's fast path: pino-format lines written straight to the destination, two at once.
      destination.write(
        '{"level":30,"time":1796114915333,"service":"iom-linked-data","method":"GET","url":"/doc/process/bali-process","status":200,"ms":1.25,"bytes":5321,"msg":"request"}\n' +
          '{"level":30,"time":1796114915334,"service":"iom-linked-data","method":"HEAD","url":"/","status":304,"ms":0.5,"bytes":0,"msg":"request"}\n',
      );
      logger.error({ err: new Error('boom'), url: '/nowhere' }, 'unhandled error');
    } finally {
      closeSync(fd);
    }
    return readFileSync(file, 'utf8');
  }

  it('writes JSON lines when stdout is not a terminal', () => {
    const lines = logThrough(false).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => e.msg)).toEqual(['data validated', 'request', 'request', 'unhandled error']);
    expect(entries[0]).toMatchObject({ level: 30, service: 'iom-linked-data', validated: true });
  });

  it('writes readable, coloured lines when stdout is a terminal: no JSON, requests as method, path, status', () => {
    const text = logThrough(true);
    const plain = text.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    expect(text).toMatch(/\x1b\[/); // eslint-disable-line no-control-regex
    const lines = plain.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: data validated$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/doc\/process\/bali-process 200 1\.25 ms 5\.3 kB$/);
    expect(lines[2]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: HEAD \/ 304 0\.5 ms 0 B$/);
    expect(lines[3]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] ERROR: unhandled error \(\/nowhere\)$/);
    // An error keeps its message and stack.
    expect(plain).toContain('"message": "boom"');
    expect(plain).toMatch(/Error: boom\n\s+at /);
  });

  it('LOG_FORMAT=json keeps JSON lines on a terminal', () => {
    const first = logThrough(true, { LOG_FORMAT: 'json' }).split('\n')[0] ?? '';
    expect(JSON.parse(first)).toMatchObject({ msg: 'data validated' });
  });
});

describe('prettyLines', () => {
  it('passes a line that is not JSON through unchanged', () => {
    let written = '';
    prettyLines({ write: (s: string) => (written += s) }, false).write('not json\n');
    expect(written).toBe('not json\n');
  });
});

describe('startupMessage', () => {
  const message = (address: AddressInfo, baseIri = 'https://data.example.org/'): string =>
    startupMessage({ address, baseIri, things: 307, triples: 2170, startupMs: 1480 });

  it.each([
    [
      'every IPv4 interface',
      { address: '0.0.0.0', family: 'IPv4', port: 8080 },
      'http://localhost:8080/',
      '0.0.0.0:8080',
    ],
    ['every IPv6 interface', { address: '::', family: 'IPv6', port: 8080 }, 'http://localhost:8080/', '[::]:8080'],
    [
      'the IPv4 loopback',
      { address: '127.0.0.1', family: 'IPv4', port: 3000 },
      'http://127.0.0.1:3000/',
      '127.0.0.1:3000',
    ],
    ['the IPv6 loopback', { address: '::1', family: 'IPv6', port: 3000 }, 'http://[::1]:3000/', '[::1]:3000'],
  ])('bound to %s, gives an address to open and BASE_IRI', (_name, address, open, bound) => {
    expect(message(address)).toBe(
      `ready in 1.5 s: open ${open} (BASE_IRI https://data.example.org/; listening on ${bound}; ` +
        '307 things, 2.2 k triples; SPARQL once its workers have loaded)',
    );
  });
});
