// npm run release -- "what changed": records a release of the data, today's date (UTC) for the
// current content hash of ontology/, data/ and shapes/, as a new last line of releases.tsv. That
// date is what the platform publishes as dct:modified, schema.org dateModified and every sitemap
// lastmod. Nothing is written when the latest release already records this content.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { scanDataset } from '../src/dataset/open.js';
import { readReleases, RELEASES_FILE } from '../src/dataset/releases.js';

const root = loadConfig(process.env).root;
const note = process.argv.slice(2).join(' ').replace(/\s+/g, ' ').trim();
const releases = await readReleases(root);
const { contentHash } = await scanDataset(root);
const latest = releases.at(-1);
if (latest?.contentHash === contentHash) {
  console.log(
    `${RELEASES_FILE}: the data is unchanged since the release of ${latest.date} (${contentHash}); nothing to record.`,
  );
} else {
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(root, RELEASES_FILE);
  const text = await readFile(file, 'utf8').catch(() => '');
  const line = `${date}\t${contentHash}\t${note || 'data changed'}\n`;
  await appendFile(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}`);
  console.log(
    `${RELEASES_FILE}: recorded the release of ${date} (${contentHash}). Commit ${RELEASES_FILE} with the data.`,
  );
}
