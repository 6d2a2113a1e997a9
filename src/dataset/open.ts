// Opens a dataset for serving: validated once per content (cached verdict), then held in Oxigraph
// (in this thread for the loader, in the reads worker for the server: see DefaultGraphLoader).
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from 'n3';
import { MemoryStore } from '../oxigraph/memory-store.js';
import { listTurtleFiles, PARTS, type Part } from './load.js';
import { loadTurtleFiles, readTurtleFile } from './read-turtle.js';
import { CacheDir, type StartupLog } from './cache-dir.js';
import { DatasetError } from './errors.js';
import { megabytes, startProgress } from './progress.js';
import { hasConformingVerdict, rememberConforming } from './validation-cache.js';
import { describeValidationProgress, validateInWorker } from './validate-in-worker.js';
import { releaseDate, type Release } from './releases.js';
import type { ValidationOutcome } from './validate.js';

/** For callers that pass no logger (tests, the bench): start-up stays quiet. */
const SILENT: StartupLog = { info: () => undefined, warn: () => undefined };

/**
 * How the default graph (data and ontology) is loaded while the data is validated: into an
 * Oxigraph store in this thread (IN_THIS_THREAD, the loader's) or wherever `load` puts it (the
 * server's reads worker, so that its main thread holds no copy).
 */
export interface DefaultGraphLoader<S> {
  /**
   * Loads the files in order; `loaded(bytes)` after each (the progress lines). `contentHash` names
   * the content being loaded (a remote store's version graph).
   */
  load(files: readonly string[], baseIri: string, loaded: (bytes: number) => void, contentHash: string): Promise<S>;
  /** Gives back a copy that will not be served (the data does not conform, or changed meanwhile). */
  discard(copy: S): Promise<void>;
}

/** The default graph in an Oxigraph store in this thread. */
export const IN_THIS_THREAD: DefaultGraphLoader<MemoryStore> = {
  load: (files, baseIri, loaded) => loadTurtleFiles(files, baseIri, (_file, bytes) => loaded(bytes)),
  discard: () => Promise.resolve(),
};

/** What the server publishes: the default graph in a store, and the small graphs beside it. */
export interface PublishedDataset<S = MemoryStore> {
  readonly baseIri: string;
  /** Data and ontology (the SPARQL default graph), as the loader loaded them. */
  readonly store: S;
  readonly ontology: Quad[];
  readonly shapes: Quad[];
  /** The Turtle files of the default graph, for the SPARQL workers to load themselves. */
  readonly defaultGraphFiles: readonly string[];
  /**
   * When this content was released: the date recorded for its content hash in RELEASES_FILE
   * (midnight UTC), or, for content no release records (work in progress), the latest
   * modification time of its files.
   */
  readonly modified: Date;
  /** The release recorded for this content, if any. */
  readonly release?: Release;
  readonly contentHash: string;
  /** Changes whenever what is served does: base IRI and content. */
  readonly version: string;
}

/** The files of a dataset folder, with the hash of their names and contents. */
export interface DatasetScan {
  readonly files: Record<Part, string[]>;
  readonly contentHash: string;
  readonly modified: Date;
  /** Every file's path, size, modification time and inode when it was hashed (see filesUnchanged). */
  readonly fingerprint: string;
  /** The bytes of the default graph's files (ontology and data), for progress lines. */
  readonly defaultGraphBytes: number;
}

/** The files of a dataset folder, with the hash of their names and contents. */
export async function scanDataset(root: string): Promise<DatasetScan> {
  const files = {} as Record<Part, string[]>;
  const content = createHash('sha256');
  let modified = 0;
  let defaultGraphBytes = 0;
  const fingerprint: string[] = [];
  for (const part of PARTS) {
    files[part] = await listTurtleFiles(path.join(root, part));
    for (const file of files[part]) {
      // Taken before the file is read, so a change while it is read shows in filesUnchanged.
      const info = await stat(file).catch(() => undefined);
      fingerprint.push(statLine(file, info));
      const text = await readFile(file).catch(() => undefined);
      // An unreadable file is reported by the full load, with its name.
      content.update(
        `${path.relative(root, file)}\n${text ? createHash('sha256').update(text).digest('hex') : 'unreadable'}\n`,
      );
      modified = Math.max(modified, info?.mtimeMs ?? 0);
      if (part !== 'shapes') defaultGraphBytes += text?.length ?? 0;
    }
  }
  return {
    files,
    contentHash: content.digest('hex').slice(0, 32),
    modified: new Date(modified),
    fingerprint: fingerprint.join('\n'),
    defaultGraphBytes,
  };
}

function statLine(file: string, info: Stats | undefined): string {
  return info ? `${file} ${info.size} ${info.mtimeMs} ${info.ino}` : `${file} missing`;
}

/**
 * True when the files are as they were when scanned: the same names, sizes, modification times
 * and inodes (a stat each, no reading). The content hash keys what CACHE_DIR keeps; if a file
 * changed after it was hashed (an editor saving, a pull during start-up), what was validated and
 * loaded may not be what the hash names, and nothing may be cached under it.
 */
export async function filesUnchanged(root: string, scan: DatasetScan): Promise<boolean> {
  const lines: string[] = [];
  try {
    for (const part of PARTS)
      for (const file of await listTurtleFiles(path.join(root, part)))
        lines.push(statLine(file, await stat(file).catch(() => undefined)));
  } catch {
    return false;
  }
  return lines.join('\n') === scan.fingerprint;
}

/** A validated dataset, loaded, with the cache what is derived from it may be kept in. */
export interface PreparedDataset<S = MemoryStore> extends PublishedDataset<S> {
  /**
   * Where what is derived from this data (the thing index) may be cached; undefined without a
   * usable CACHE_DIR.
   */
  readonly cache?: CacheDir;
}

/** What changes whenever what is served does: the base IRI and the content (ETags, cache keys). */
export function datasetVersion(baseIri: string, contentHash: string): string {
  return createHash('sha256').update(`${baseIri}\n${contentHash}`).digest('hex').slice(0, 16);
}

/** How many times start-up begins again when the files change under it. */
const ATTEMPTS = 3;

/**
 * Prepares a dataset. Unless a conforming verdict for this exact content is cached, every file is
 * parsed (syntax errors name file, line and column) and SHACL-validated first; invalid data gives
 * no dataset. The default graph is loaded meanwhile by `loader` (into Oxigraph in this thread
 * unless given), and the small graphs (ontology, shapes) parsed. Long work is reported on `log`
 * every few seconds.
 *
 * The files are read three times (hashed, validated, loaded), so a file changed between two reads
 * would mean serving data that was not validated, under a hash that names other data. The files
 * are therefore checked afterwards (a stat each) and, if any changed, it all starts again.
 */
export async function prepareDataset<S = MemoryStore>(options: {
  root: string;
  baseIri: string;
  cacheDir?: string;
  log?: StartupLog;
  loader?: DefaultGraphLoader<S>;
}): Promise<{ prepared?: PreparedDataset<S>; validation: ValidationOutcome & { cached: boolean } }> {
  const log = options.log ?? SILENT;
  const loader = options.loader ?? (IN_THIS_THREAD as unknown as DefaultGraphLoader<S>);
  const cache = await CacheDir.open(options.cacheDir, log);
  for (let attempt = 1; ; attempt++) {
    const scan = await scanDataset(options.root);
    const result = await prepareScanned(options, scan, cache, loader, log).catch((error: unknown) => ({ error }));
    const unchanged = await filesUnchanged(options.root, scan);
    if ('prepared' in result && result.prepared && !unchanged) await loader.discard(result.prepared.store);
    // A syntax error in a file being written is reported only if the file stays that way.
    if ('error' in result && (unchanged || attempt === ATTEMPTS)) throw result.error;
    if ('validation' in result && unchanged) {
      if (result.prepared && !result.validation.cached) await rememberConforming(cache, scan.contentHash);
      if (result.prepared)
        log.info(
          { validated: !result.validation.cached },
          result.validation.cached ? 'data unchanged since its last validation' : 'data validated',
        );
      return result;
    }
    if (attempt === ATTEMPTS)
      throw new DatasetError(
        `the files kept changing while they were read (${ATTEMPTS} times); start again once they are written`,
        options.root,
      );
    log.warn({ root: options.root, attempt }, 'the data files changed while the server was starting; starting over');
  }
}

async function prepareScanned<S>(
  options: { root: string; baseIri: string },
  scan: DatasetScan,
  cache: CacheDir | undefined,
  loader: DefaultGraphLoader<S>,
  log: StartupLog,
): Promise<{ prepared?: PreparedDataset<S>; validation: ValidationOutcome & { cached: boolean } }> {
  const defaultGraphFiles = [...scan.files.ontology, ...scan.files.data];
  let validation: ValidationOutcome & { cached: boolean };
  let store: S;
  if (await hasConformingVerdict(cache, scan.contentHash)) {
    validation = { conforms: true, issues: [], report: [], cached: true };
    store = await loadStore(loader, defaultGraphFiles, options.baseIri, scan, log);
  } else {
    // A worker parses (N3.js: syntax errors name file, line and column) and validates, while the
    // loader loads the store that will be served; a syntax error is reported from the worker's parse.
    const progress = startProgress((message, fields) => log.info(fields, message));
    const validating = validateInWorker({ root: options.root, baseIri: options.baseIri }, undefined, (p) =>
      progress.update(() => ({ message: describeValidationProgress(p), fields: { ...p } })),
    );
    validating.catch(() => undefined); // awaited below, after the load
    let loaded: S | Error;
    try {
      loaded = await loadStore(loader, defaultGraphFiles, options.baseIri, scan, log);
    } catch (error) {
      loaded = error instanceof Error ? error : new Error(String(error));
    }
    try {
      validation = { ...(await validating), cached: false };
    } catch (error) {
      if (!(loaded instanceof Error)) await loader.discard(loaded);
      throw error;
    } finally {
      progress.stop();
    }
    if (loaded instanceof Error) throw loaded;
    store = loaded;
    if (!validation.conforms) {
      await loader.discard(store);
      return { validation };
    }
  }
  const small = async (part: Part): Promise<Quad[]> =>
    (await Promise.all(scan.files[part].map((file) => readTurtleFile(file, options.baseIri)))).flatMap((f) => f.quads);
  try {
    return {
      validation,
      prepared: {
        baseIri: options.baseIri,
        store,
        ontology: await small('ontology'),
        shapes: await small('shapes'),
        defaultGraphFiles,
        ...(await releaseDate(options.root, scan, log)),
        contentHash: scan.contentHash,
        version: datasetVersion(options.baseIri, scan.contentHash),
        ...(cache ? { cache } : {}),
      },
    };
  } catch (error) {
    await loader.discard(store);
    throw error;
  }
}

/** The default graph loaded by `loader`, straight from the files, with a progress line every few seconds. */
async function loadStore<S>(
  loader: DefaultGraphLoader<S>,
  files: readonly string[],
  baseIri: string,
  scan: DatasetScan,
  log: StartupLog,
): Promise<S> {
  let done = 0;
  let bytes = 0;
  const progress = startProgress((message, fields) => log.info(fields, message));
  progress.update(() => ({
    message: `loading data: ${done} of ${files.length} files, ${megabytes(bytes)} of ${megabytes(scan.defaultGraphBytes)}`,
    fields: { files: done, totalFiles: files.length, bytes, totalBytes: scan.defaultGraphBytes },
  }));
  try {
    return await loader.load(
      files,
      baseIri,
      (size) => {
        done += 1;
        bytes += size;
      },
      scan.contentHash,
    );
  } finally {
    progress.stop();
  }
}
