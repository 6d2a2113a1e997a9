// Shared test helpers: the express app built on the real (or a modified) dataset, in-process.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { loadDataset } from '../../src/dataset/load.js';
import type { Site } from '../../src/render/site.js';
import { ROOT, TEST_BASE } from './dataset.js';

/** A configuration for tests: the test base IRI, silent logs, the given data root. */
export function testConfig(root = ROOT, baseIri = TEST_BASE): Config {
  return loadConfig({ BASE_IRI: baseIri, DATA_ROOT: root, LOG_LEVEL: 'silent', PORT: '0' });
}

const apps = new Map<string, Promise<{ app: Express; site: Site }>>();

/** The app over the real data under TEST_BASE (built once per test file). */
export function realApp(baseIri = TEST_BASE): Promise<{ app: Express; site: Site }> {
  let entry = apps.get(baseIri);
  if (!entry) {
    const config = testConfig(ROOT, baseIri);
    entry = loadDataset({ root: config.root, baseIri }).then((dataset) =>
      createApp(config, { dataset, logger: pino({ level: 'silent' }), viewsDir: path.join(ROOT, 'views') }),
    );
    apps.set(baseIri, entry);
  }
  return entry;
}

/**
 * The app over a copy of the real data plus extra Turtle files (name -> content), for
 * cases the real data does not have (a replaced or withdrawn thing, hostile literals).
 */
export async function appWithExtraData(files: Record<string, string>, baseIri = TEST_BASE): Promise<{ app: Express; site: Site; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lod-app-'));
  for (const part of ['ontology', 'data', 'shapes']) await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(root, 'data', name), content);
  const config = testConfig(root, baseIri);
  const dataset = await loadDataset({ root, baseIri });
  return { ...createApp(config, { dataset, logger: pino({ level: 'silent' }), viewsDir: path.join(ROOT, 'views') }), root };
}
