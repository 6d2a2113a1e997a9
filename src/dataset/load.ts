// Reads ontology/, data/ and shapes/ into quads: all of it or, on any error, nothing.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { XSD } from '../rdf/vocab.js';
import { DatasetError } from './errors.js';
import { readTurtleFile, type ParsedFile } from './read-turtle.js';

/** The three parts of the dataset, each a folder of Turtle files. */
export const PARTS = ['ontology', 'data', 'shapes'] as const;
export type Part = (typeof PARTS)[number];

export interface LoadedDataset {
  readonly baseIri: string;
  readonly ontology: Quad[];
  readonly data: Quad[];
  readonly shapes: Quad[];
  /** Every file read, in load order, with its part. */
  readonly files: ReadonlyArray<ParsedFile & { part: Part }>;
}

export interface LoadOptions {
  /** The folder holding ontology/, data/ and shapes/. */
  readonly root: string;
  /** The base IRI relative IRIs resolve against; ends with `/`. */
  readonly baseIri: string;
}

/** How far a load has got: files parsed of the total, and the triples in them. */
export interface LoadProgress {
  readonly files: number;
  readonly totalFiles: number;
  readonly triples: number;
}

/**
 * Loads every part; throws a DatasetError naming the file at the first problem. `parsed` is told
 * after each file (progress for large datasets).
 */
export async function loadDataset(
  { root, baseIri }: LoadOptions,
  parsed?: (progress: LoadProgress) => void,
): Promise<LoadedDataset> {
  const files: Array<ParsedFile & { part: Part }> = [];
  const quads: Record<Part, Quad[]> = { ontology: [], data: [], shapes: [] };
  const listed: Array<{ part: Part; file: string }> = [];
  for (const part of PARTS)
    for (const file of await listTurtleFiles(path.join(root, part))) listed.push({ part, file });
  let triples = 0;
  for (const { part, file } of listed) {
    const read = await readPartFile(part, file, baseIri);
    const partQuads = read.quads;
    files.push({ ...read, part });
    // A loop, not push(...partQuads): spreading a million arguments overflows the stack.
    for (const quad of partQuads) quads[part].push(quad);
    triples += partQuads.length;
    parsed?.({ files: files.length, totalFiles: listed.length, triples });
  }
  return { baseIri, ...quads, files };
}

/** Reads and parses one file of a part (a shape's relative namespaces resolved against the base IRI). */
export async function readPartFile(part: Part, file: string, baseIri: string): Promise<ParsedFile> {
  const read = await readTurtleFile(file, baseIri);
  return part === 'shapes' ? { ...read, quads: read.quads.map((q) => resolveAnyUri(q, baseIri)) } : read;
}

/** The `.ttl` files under a folder, recursively, in a stable order. */
export async function listTurtleFiles(folder: string): Promise<string[]> {
  let info;
  try {
    info = await stat(folder);
  } catch {
    throw new DatasetError('folder not found', folder);
  }
  if (!info.isDirectory()) throw new DatasetError('not a folder', folder);
  let entries;
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new DatasetError(`cannot read folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`, folder);
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.ttl'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

// Shapes carry namespaces for their SPARQL constraints as xsd:anyURI literals; relative
// ones resolve against the base IRI like every IRI in our files, so shapes name no host.
function resolveAnyUri(quad: Quad, baseIri: string): Quad {
  const object = quad.object;
  if (object.termType !== 'Literal' || object.datatype.value !== `${XSD}anyURI`) return quad;
  if (/^[a-z][a-z0-9+.-]*:/i.test(object.value)) return quad;
  const resolved = DataFactory.literal(new URL(object.value, baseIri).href, object.datatype);
  return DataFactory.quad(quad.subject, quad.predicate, resolved, quad.graph);
}
