// Opens a dataset for serving: validated once per content (cached verdict), then held in Oxigraph.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from 'n3';
import { MemoryStore } from '../store/memory-store.js';
import { listTurtleFiles, PARTS, type Part } from './load.js';
import { readTurtleFile } from './read-turtle.js';
import { hasConformingVerdict, rememberConforming } from './validation-cache.js';
import { validateInWorker } from './validate-in-worker.js';
import type { ValidationOutcome } from './validate.js';

/** What the server publishes: the default graph in a store, and the small graphs beside it. */
export interface PublishedDataset {
  readonly baseIri: string;
  /** Data and ontology (the SPARQL default graph). */
  readonly store: MemoryStore;
  readonly ontology: Quad[];
  readonly shapes: Quad[];
  /** The Turtle files of the default graph, for the SPARQL workers to load themselves. */
  readonly defaultGraphFiles: readonly string[];
  readonly modified: Date;
  readonly contentHash: string;
  /** Changes whenever what is served does: base IRI and content. */
  readonly version: string;
}

/** The files of a dataset folder, with the hash of their names and contents. */
export async function scanDataset(
  root: string,
): Promise<{ files: Record<Part, string[]>; contentHash: string; modified: Date }> {
  const files = {} as Record<Part, string[]>;
  const content = createHash('sha256');
  let modified = 0;
  for (const part of PARTS) {
    files[part] = await listTurtleFiles(path.join(root, part));
    for (const file of files[part]) {
      const text = await readFile(file).catch(() => undefined);
      // An unreadable file is reported by the full load, with its name.
      content.update(
        `${path.relative(root, file)}\n${text ? createHash('sha256').update(text).digest('hex') : 'unreadable'}\n`,
      );
      modified = Math.max(modified, (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs);
    }
  }
  return { files, contentHash: content.digest('hex').slice(0, 32), modified: new Date(modified) };
}

export interface OpenResult {
  readonly dataset?: PublishedDataset;
  /** The validation outcome; `cached` when an earlier verdict for this content was reused. */
  readonly validation: ValidationOutcome & { cached: boolean };
}

/**
 * A validated dataset. Its default graph is loaded already when it had to be validated (this
 * thread loads it while the worker validates), and left to load when the verdict was cached.
 */
export type PreparedDataset = Omit<PublishedDataset, 'store'> & { readonly store?: MemoryStore };

/**
 * Prepares a dataset. Unless a conforming verdict for this exact content is cached, every file is
 * parsed (syntax errors name file, line and column) and SHACL-validated first; invalid data gives
 * no dataset. The small graphs (ontology, shapes) are parsed; the default graph is left to load.
 */
export async function prepareDataset(options: {
  root: string;
  baseIri: string;
  cacheDir?: string;
}): Promise<{ prepared?: PreparedDataset; validation: ValidationOutcome & { cached: boolean } }> {
  const scan = await scanDataset(options.root);
  const defaultGraphFiles = [...scan.files.ontology, ...scan.files.data];
  let validation: ValidationOutcome & { cached: boolean };
  let store: MemoryStore | undefined;
  if (await hasConformingVerdict(options.cacheDir, scan.contentHash)) {
    validation = { conforms: true, issues: [], report: [], cached: true };
  } else {
    // A worker parses (N3.js: syntax errors name file, line and column) and validates, while this
    // thread loads the store it will serve; a syntax error is reported from the worker's parse.
    const validating = validateInWorker({ root: options.root, baseIri: options.baseIri });
    validating.catch(() => undefined); // awaited below, after the load
    let loadError: Error | undefined;
    try {
      store = await MemoryStore.fromTurtleFiles(defaultGraphFiles, options.baseIri);
    } catch (error) {
      loadError = error instanceof Error ? error : new Error(String(error));
    }
    validation = { ...(await validating), cached: false };
    if (loadError) throw loadError;
    if (!validation.conforms) return { validation };
    await rememberConforming(options.cacheDir, scan.contentHash);
  }
  const small = async (part: Part): Promise<Quad[]> =>
    (await Promise.all(scan.files[part].map((file) => readTurtleFile(file, options.baseIri)))).flatMap((f) => f.quads);
  return {
    validation,
    prepared: {
      baseIri: options.baseIri,
      ontology: await small('ontology'),
      shapes: await small('shapes'),
      defaultGraphFiles,
      ...(store ? { store } : {}),
      modified: scan.modified,
      contentHash: scan.contentHash,
      version: createHash('sha256').update(`${options.baseIri}\n${scan.contentHash}`).digest('hex').slice(0, 16),
    },
  };
}

/**
 * Opens a dataset: prepares it, then loads the default graph into Oxigraph straight from the
 * Turtle files, so the data is never held as JavaScript quads while serving.
 */
export async function openDataset(options: { root: string; baseIri: string; cacheDir?: string }): Promise<OpenResult> {
  const { prepared, validation } = await prepareDataset(options);
  if (!prepared) return { validation };
  return {
    validation,
    dataset: {
      ...prepared,
      store: prepared.store ?? (await MemoryStore.fromTurtleFiles(prepared.defaultGraphFiles, prepared.baseIri)),
    },
  };
}
