// The request log: one JSON line per request, in pino's format, for every kind of route.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { realAppLogging, type TestApp } from '../support/app.js';

const lines: string[] = [];
let app: TestApp['app'];

beforeAll(async () => {
  ({ app } = await realAppLogging({ write: (line: string) => lines.push(line) }));
});

describe('request log', () => {
  it.each([
    ['a document (fast path)', '/doc/process/bali-process.ttl', 200],
    ['a redirect (fast path)', '/id/process/bali-process', 303],
    ['an unknown thing (fast path, error)', '/doc/process/no-such-thing', 404],
    ['a collection (router)', '/doc/process', 200],
    ['an unknown route (router, error)', '/nowhere', 404],
  ])('writes one line for %s', async (_name, path, status) => {
    const before = lines.length;
    const res = await request(app).get(path);
    expect(res.status).toBe(status);
    await new Promise((resolve) => setImmediate(resolve)); // 'finish' fires after the response is flushed
    const written = lines.slice(before);
    expect(written).toHaveLength(1);
    const entry = JSON.parse(written[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 30,
      service: 'iom-linked-data',
      msg: 'request',
      method: 'GET',
      url: path,
      status,
    });
    expect(typeof entry.time).toBe('number');
    expect(typeof entry.ms).toBe('number');
    expect(written[0]?.endsWith('\n')).toBe(true);
  });
});
