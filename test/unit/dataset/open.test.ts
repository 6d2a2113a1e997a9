// Opening a dataset: what is validated, loaded and cached is the data the content hash names, even
// when a file changes while the server starts.
import { readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataFactory } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheDir, type StartupLog } from '../../../src/dataset/cache-dir.js';
import { filesUnchanged, prepareDataset, scanDataset } from '../../../src/dataset/open.js';
import { hasConformingVerdict } from '../../../src/dataset/validation-cache.js';
import { ROOT, TEST_BASE, iri } from '../../support/dataset.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'open-'));
  for (const part of ['ontology', 'data', 'shapes'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('filesUnchanged', () => {
  it('is true for files as they were scanned', async () => {
    expect(await filesUnchanged(root, await scanDataset(root))).toBe(true);
  });

  it.each([
    ['a file rewritten', (r: string) => writeFile(path.join(r, 'data', 'places.ttl'), '# emptied\n')],
    ['a file added', (r: string) => writeFile(path.join(r, 'data', 'zz-new.ttl'), '# new\n')],
    ['a file removed', (r: string) => rm(path.join(r, 'data', 'places.ttl'))],
  ])('is false after %s', async (_name, change) => {
    const scan = await scanDataset(root);
    await change(root);
    expect(await filesUnchanged(root, scan)).toBe(false);
  });
});

describe('prepareDataset when a file changes during start-up', () => {
  it('starts over, serves the new content, and caches the verdict only under its hash', async () => {
    const cacheDir = path.join(root, 'cache');
    const first = await scanDataset(root);
    // A damaged verdict for the content as it is now: reading it warns, which is the moment this
    // test changes a file, after the scan and before the files are checked again.
    await mkdir(path.join(cacheDir, 'validation'), { recursive: true });
    await writeFile(path.join(cacheDir, 'validation', `${first.contentHash}.json`), 'garbage');
    const processes = path.join(root, 'data', 'processes.ttl');
    const warnings: string[] = [];
    const log: StartupLog = {
      info: () => undefined,
      warn: (_fields: object, message: string) => {
        warnings.push(message);
        if (warnings.length === 1)
          writeFileSync(
            processes,
            readFileSync(processes, 'utf8').replace('"Bali Process"@en', '"Bali Process (edited)"@en'),
          );
      },
    };
    const { prepared, validation } = await prepareDataset({ root, baseIri: TEST_BASE, cacheDir, log });
    expect(warnings).toEqual([
      expect.stringMatching(/^the cached validation verdict is not a cache entry/),
      'the data files changed while the server was starting; starting over',
    ]);
    expect(validation.conforms).toBe(true);
    expect(prepared?.store.label(DataFactory.namedNode(iri('id/process/bali-process')))).toBe('Bali Process (edited)');
    const now = await scanDataset(root);
    expect(prepared?.contentHash).toBe(now.contentHash);
    const cache = await CacheDir.open(cacheDir, log);
    expect(await hasConformingVerdict(cache, now.contentHash)).toBe(true);
    // Nothing was recorded for the content first hashed: what was validated then may have been the edit.
    expect(await hasConformingVerdict(cache, first.contentHash)).toBe(false);
  });
});
