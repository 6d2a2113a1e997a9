// The record of the data's releases (releases.tsv), and the date it gives the content served.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StartupLog } from './cache-dir.js';
import { DatasetError } from './errors.js';
import type { DatasetScan } from './open.js';

/**
 * The record of the data's releases, at the dataset's root: one line per release, oldest first,
 * `YYYY-MM-DD<TAB>content hash<TAB>what changed`, written by `npm run release` (lines starting with
 * `#` are comments). The date is that of the content with that hash, so a fresh clone, a copy or
 * a rebuild reports the same date, and it changes only when the data does and a release says so.
 */
export const RELEASES_FILE = 'releases.tsv';

/** One recorded release of the data. */
export interface Release {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** The content hash of ontology/, data/ and shapes/ (DatasetScan.contentHash). */
  readonly contentHash: string;
  readonly note: string;
}

/** The releases recorded under `root`, oldest first ([] without the file); a malformed line is a DatasetError. */
export async function readReleases(root: string): Promise<Release[]> {
  const file = path.join(root, RELEASES_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new DatasetError(`cannot read ${RELEASES_FILE}: ${error.message}`, file);
  });
  const releases: Release[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [date = '', contentHash = '', ...note] = line.split('\t');
    const day = new Date(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date)
      throw new DatasetError(`"${date}" is not a date YYYY-MM-DD`, file, index + 1, 1);
    if (!/^[0-9a-f]{32}$/.test(contentHash))
      throw new DatasetError(
        `"${contentHash}" is not a content hash (32 hexadecimal digits)`,
        file,
        index + 1,
        date.length + 2,
      );
    releases.push({ date, contentHash, note: note.join('\t').trim() });
  });
  return releases;
}

/** The latest release that recorded this content (a return to earlier content is released again). */
export function releaseOf(releases: readonly Release[], contentHash: string): Release | undefined {
  return releases.findLast((release) => release.contentHash === contentHash);
}

/** The modification date of the content: its release's, or (not released yet) its files' latest, with a warning. */
export async function releaseDate(
  root: string,
  scan: DatasetScan,
  log: StartupLog,
): Promise<{ modified: Date; release?: Release }> {
  const releases = await readReleases(root);
  const release = releaseOf(releases, scan.contentHash);
  if (release) return { modified: new Date(`${release.date}T00:00:00Z`), release };
  // Data that records no releases at all (generated data, a scratch copy) says so only in passing;
  // data that does, but not this content, has changed without a release: that is worth a warning.
  const say = releases.length === 0 ? log.info.bind(log) : log.warn.bind(log);
  say(
    { contentHash: scan.contentHash },
    `no release in ${RELEASES_FILE} records this content: dates say when its files were last modified (run "npm run release -- 'what changed'")`,
  );
  return { modified: scan.modified };
}
