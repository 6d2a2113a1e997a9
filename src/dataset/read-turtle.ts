// Reads the Turtle files: parsed into quads (N3.js) or loaded into Oxigraph, errors with file, line, column.
import { readFile } from 'node:fs/promises';
import { Parser, type Quad } from 'n3';
import { DatasetError } from './errors.js';
import { MemoryStore } from '../oxigraph/memory-store.js';
import { assertUtf8 } from './utf8.js';

/** The parsed content of one file, with the prefixes it declares. */
export interface ParsedFile {
  readonly file: string;
  readonly quads: Quad[];
  readonly prefixes: Record<string, string>;
}

interface N3Token {
  line?: number;
  start?: number;
  end?: number;
}
interface N3ErrorContext {
  line?: number;
  token?: N3Token;
  previousToken?: N3Token;
}

/** Parses Turtle text; a syntax error becomes a DatasetError with file, line and column. */
export function parseTurtle(text: string, file: string, baseIri: string): ParsedFile {
  const prefixes: Record<string, string> = {};
  try {
    const quads = new Parser({ baseIRI: baseIri, format: 'text/turtle' }).parse(text, null, (prefix, iri) => {
      prefixes[prefix] = iri.value;
    });
    return { file, quads, prefixes };
  } catch (error) {
    throw toDatasetError(error, text, file);
  }
}

/**
 * The bytes of one dataset file, checked to be UTF-8. Every reader of ontology/, data/ and shapes/
 * (N3.js here, Oxigraph in the store) goes through it, so a bad file is reported the same way,
 * `file:line:column: message`, whichever reads it first.
 */
export async function readDatasetFile(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DatasetError(`cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
  assertUtf8(bytes, file);
  return bytes;
}

/** Reads and parses one Turtle file. */
export async function readTurtleFile(file: string, baseIri: string): Promise<ParsedFile> {
  return parseTurtle((await readDatasetFile(file)).toString('utf8'), file, baseIri);
}

/**
 * Oxigraph's error for a file it cannot load ("Parser error at line 3 column 7: ...", thrown from
 * WebAssembly) as a DatasetError with file, line and column. N3.js has parsed the file first when
 * it was validated, but Oxigraph is stricter in places (IRIs, for one).
 */
export function oxigraphLoadError(error: unknown, file: string): DatasetError {
  const message = error instanceof Error ? error.message : String(error);
  const where = /^Parser error (?:at|between) line (\d+)(?: between)? columns? (\d+)[^:]*: /.exec(message);
  if (!where) return new DatasetError(message.replace(/^Parser error: /, ''), file);
  return new DatasetError(message.slice(where[0].length), file, Number(where[1]), Number(where[2]));
}

// N3.js reports the line and the offending token; its `start` is the token's offset in
// its line. For lexer errors there is no token, so the column is found after the previous one.
function toDatasetError(error: unknown, text: string, file: string): DatasetError {
  if (!(error instanceof Error)) return new DatasetError(String(error), file);
  const context = (error as Error & { context?: N3ErrorContext }).context;
  const line = context?.token?.line ?? context?.line;
  const message = error.message.replace(/ on line \d+\.?$/, '').replace(/\.$/, '');
  let column: number | undefined;
  if (context?.token?.start !== undefined) column = context.token.start + 1;
  else if (line !== undefined) column = locateIssue(error.message, text, line, context?.previousToken);
  return new DatasetError(message, file, line, column);
}

function locateIssue(message: string, text: string, line: number, previous?: N3Token): number | undefined {
  const lineText = text.split(/\r?\n/)[line - 1];
  if (lineText === undefined) return undefined;
  const from = previous?.line === line ? (previous.end ?? 0) : 0;
  const issue = /^Unexpected "(.{1,20})/.exec(message)?.[1];
  const at = issue === undefined ? -1 : lineText.indexOf(issue, from);
  if (at >= 0) return at + 1;
  const firstNonBlank = lineText.slice(from).search(/\S/);
  return firstNonBlank >= 0 ? from + firstNonBlank + 1 : undefined;
}

/**
 * Loads Turtle files into a new Oxigraph store, without JavaScript quads. A file that is not UTF-8
 * or does not parse is a DatasetError with file, line and column; `loaded` is told of each file
 * once it is in (progress).
 */
export async function loadTurtleFiles(
  files: readonly string[],
  baseIri: string,
  loaded?: (file: string, bytes: number) => void,
): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const file of files) {
    const bytes = await readDatasetFile(file);
    try {
      store.loadTurtle(bytes, baseIri);
    } catch (error) {
      throw oxigraphLoadError(error, file);
    }
    loaded?.(file, bytes.length);
  }
  return store;
}
