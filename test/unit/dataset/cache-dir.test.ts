// CACHE_DIR entries: read back only when intact; a bad folder or entry is a warning, never a crash.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheDir, type StartupLog } from '../../../src/dataset/cache-dir.js';
import { hasConformingVerdict, rememberConforming } from '../../../src/dataset/validation-cache.js';

/** A logger that keeps its warnings. */
function recorder(): StartupLog & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (_fields: object, message: string) => warnings.push(message),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cache-dir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KEY = { kind: 'things', format: 'f1', contentHash: 'c1' };

describe('CacheDir.open', () => {
  it('creates a missing folder', async () => {
    const log = recorder();
    const cache = await CacheDir.open(path.join(dir, 'a', 'b'), log);
    expect(cache).toBeInstanceOf(CacheDir);
    expect(log.warnings).toEqual([]);
  });

  it('warns and gives no cache when CACHE_DIR is a regular file', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const log = recorder();
    expect(await CacheDir.open(file, log)).toBeUndefined();
    expect(log.warnings).toEqual([`CACHE_DIR ${file} is not a folder; starting without the cache`]);
    expect(await readFile(file, 'utf8')).toBe('not a folder');
  });

  it('warns and gives no cache when the folder cannot be created (a file is in the way)', async () => {
    await writeFile(path.join(dir, 'a-file'), '');
    const log = recorder();
    expect(await CacheDir.open(path.join(dir, 'a-file', 'cache'), log)).toBeUndefined();
    expect(log.warnings).toEqual([expect.stringMatching(/cannot be used \(ENOTDIR\); starting without the cache$/)]);
  });

  it('is no cache at all without a folder, silently', async () => {
    const log = recorder();
    expect(await CacheDir.open(undefined, log)).toBeUndefined();
    expect(log.warnings).toEqual([]);
  });
});

describe('CacheDir entries', () => {
  it('reads back what it wrote, and a missing entry is no warning', async () => {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    expect(await cache.read(KEY, 'index')).toBeUndefined();
    await cache.write(KEY, { things: [1, 2, 3] }, 'index');
    expect(await cache.read(KEY, 'index')).toEqual({ things: [1, 2, 3] });
    expect(log.warnings).toEqual([]);
  });

  /** Writes an entry, damages its file with `damage`, reads it again: undefined, one warning. */
  async function readDamaged(damage: (text: string) => string | Buffer, key = KEY): Promise<string[]> {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    await cache.write(KEY, { things: ['a', 'b', 'c'] }, 'index');
    const file = cache.file(KEY.kind, KEY.contentHash);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    expect(await cache.read(key, 'index')).toBeUndefined();
    expect(log.warnings).toHaveLength(1);
    return log.warnings;
  }

  it.each([
    ['garbage', () => Buffer.from([0, 1, 2, 255, 10, 9])],
    ['empty', () => ''],
    ['truncated', (text: string) => text.slice(0, text.length - 5)],
    ['truncated inside the header', (text: string) => text.slice(0, 20)],
    ['an older entry (one JSON object, no header)', () => '{"conforms":true,"validator":"x","contentHash":"c1"}'],
  ])('ignores an entry that is %s', async (_name, damage) => {
    const [warning] = await readDamaged(damage);
    expect(warning).toMatch(/^the cached index (is not a cache entry|does not match its checksum)/);
  });

  it.each([
    ['one thing fewer', (text: string) => text.replace(',"c"', '')],
    ['a value changed, the length kept', (text: string) => text.replace('"c"', '"a"')],
  ])('ignores an entry edited by hand (%s), by its checksum', async (_name, edit) => {
    const [warning] = await readDamaged(edit);
    expect(warning).toBe('the cached index does not match its checksum (truncated, damaged or edited); redoing it');
  });

  it('ignores an entry of another format version', async () => {
    const [warning] = await readDamaged((text) => text, { ...KEY, format: 'f2' });
    expect(warning).toBe('the cached index has format "f1", not "f2"; redoing it');
  });

  it('ignores an entry made from other data (renamed or copied into place)', async () => {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    await cache.write(KEY, { things: [] }, 'index');
    await mkdir(path.dirname(cache.file('things', 'c2')), { recursive: true });
    await writeFile(cache.file('things', 'c2'), await readFile(cache.file('things', 'c1')));
    expect(await cache.read({ ...KEY, contentHash: 'c2' }, 'index')).toBeUndefined();
    expect(log.warnings).toEqual(['the cached index was made from other data (its content hash differs); redoing it']);
  });

  it('warns on an entry that cannot be read (a folder in its place)', async () => {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    await mkdir(cache.file(KEY.kind, KEY.contentHash), { recursive: true });
    expect(await cache.read(KEY, 'index')).toBeUndefined();
    expect(log.warnings).toEqual(['cannot read the cached index (EISDIR); redoing it']);
  });

  it('with `only`, keeps the newest entry of its kind and no temporary files', async () => {
    const cache = (await CacheDir.open(dir, recorder()))!;
    await cache.write(KEY, {}, 'index', { only: true });
    await cache.write({ ...KEY, contentHash: 'c2' }, {}, 'index', { only: true });
    expect(await readdir(path.join(dir, 'things'))).toEqual(['c2.json']);
  });

  it('warns once and stops writing when the folder cannot be written', async () => {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    // A regular file where the kind's folder goes: mkdir fails as on a read-only or full disk.
    await writeFile(path.join(dir, 'things'), '');
    await cache.write(KEY, {}, 'index');
    await cache.write({ ...KEY, contentHash: 'c2' }, {}, 'index');
    expect(log.warnings).toEqual([
      expect.stringMatching(/^cannot write the index to CACHE_DIR .* \((EEXIST|ENOTDIR)\); serving without caching$/),
    ]);
  });
});

describe('validation verdicts', () => {
  it('are remembered per content hash', async () => {
    const cache = await CacheDir.open(dir, recorder());
    expect(await hasConformingVerdict(cache, 'c1')).toBe(false);
    await rememberConforming(cache, 'c1');
    expect(await hasConformingVerdict(cache, 'c1')).toBe(true);
    expect(await hasConformingVerdict(cache, 'c2')).toBe(false);
  });

  it('edited to say something else are not believed', async () => {
    const log = recorder();
    const cache = (await CacheDir.open(dir, log))!;
    await rememberConforming(cache, 'c1');
    const file = cache.file('validation', 'c1');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"at":"', '"at":"1'));
    expect(await hasConformingVerdict(cache, 'c1')).toBe(false);
    expect(log.warnings).toEqual([expect.stringMatching(/^the cached validation verdict does not match its checksum/)]);
  });
});
