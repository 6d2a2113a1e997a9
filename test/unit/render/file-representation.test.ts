// File-backed representations (the dumps): written once to an unlinked file, streamed any number of
// times at once, gzip copy made once on disk.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileRepresentation } from '../../../src/render/file-representation.js';
import { etagOf } from '../../../src/render/representation.js';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('writeFileRepresentation', () => {
  const made: string[] = [];
  async function folder(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'file-rep-'));
    made.push(dir);
    return dir;
  }
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  it('keeps the body on disk under no name, and streams it back whole, many times at once', async () => {
    const dir = await folder();
    // Larger than a stream's 64 KiB chunk, so concurrent streams interleave their reads.
    const body = randomBytes(300_000);
    const rep = await writeFileRepresentation(dir, body, 'application/n-triples');
    expect(await readdir(dir)).toEqual([]); // unlinked: nothing left behind, even after a crash
    expect(rep.size).toBe(body.length);
    expect(rep.etag).toBe(etagOf(body));
    expect(rep.contentType).toBe('application/n-triples');
    const copies = await Promise.all(Array.from({ length: 5 }, () => read(rep.stream())));
    for (const copy of copies) expect(copy.equals(body)).toBe(true);
  });

  it('makes the gzip copy once, for concurrent callers too, and it decompresses to the body', async () => {
    const dir = await folder();
    const body = '<http://example.org/s> <http://example.org/p> "o" .\n'.repeat(5000);
    const rep = await writeFileRepresentation(dir, body, 'application/n-triples');
    const [a, b] = await Promise.all([rep.gzipped(), rep.gzipped()]);
    expect(a).toBe(b);
    expect(await rep.gzipped()).toBe(a);
    const gz = await read(a.stream());
    expect(gz.length).toBe(a.size);
    expect(a.size).toBeLessThan(Buffer.byteLength(body) / 10);
    expect(gunzipSync(gz).toString()).toBe(body);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an empty body streams as nothing', async () => {
    const dir = await folder();
    const rep = await writeFileRepresentation(dir, '', 'text/plain');
    expect(rep.size).toBe(0);
    expect((await read(rep.stream())).length).toBe(0);
  });

  it('fails (and keeps nothing) when the folder cannot be made', async () => {
    const dir = await folder();
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(writeFileRepresentation(path.join(file, 'below'), 'body', 'text/plain')).rejects.toThrow();
  });
});
