// The layers of src/ (docs/architecture.md): every relative import points down, never up, and only
// src/http/ imports express. Known exceptions are listed below, each with why it is there.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Higher imports lower; equal ranks in different layers are sideways (not allowed either). */
const RANK: Readonly<Record<string, number>> = {
  top: 5,
  http: 4,
  resolve: 3,
  render: 3,
  sparql: 3,
  store: 2,
  dataset: 1,
  bottom: 0,
};
/** Tools that run the platform from outside: they may import anything. */
const ANYTHING = new Set(['bench', 'generate']);
const TOP_FILES = new Set(['app.ts', 'cli.ts', 'server.ts', 'platform.ts', 'pretty-log.ts']);
const BOTTOM_FILES = new Set(['config.ts', 'errors.ts', 'worker-script.ts']);
const BOTTOM_FOLDERS = new Set(['rdf', 'types']);

/**
 * Imports that break the order today: the debt, written down. Each entry is `from -> to` (paths
 * under src/) and a reason; an entry no longer needed fails the test, so the list only shrinks.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  // dataset -> store: opening and validating the dataset builds Oxigraph stores, so the cycle
  // store <-> dataset remains. It goes when opening the dataset moves above store (platform).
  'dataset/open.ts -> store/memory-store.ts':
    'open() loads the files into the main MemoryStore; open.ts is being reworked elsewhere, it moves up then',
  'dataset/validate.ts -> store/memory-store.ts':
    'SHACL-SPARQL runs over a MemoryStore (built from the quads when none is given)',
  'dataset/validation-worker.ts -> store/memory-store.ts':
    'the validation worker loads the files into a MemoryStore for SHACL-SPARQL',

  // Sideways to resolve/: IRIs of things and documents are parsed and built in resolve/.
  'render/resource-view.ts -> resolve/thing-index.ts': 'a view tells our things from others by their IRI',
  'render/pages/home.ts -> resolve/thing-index.ts': 'the site builds and reads the thing index (type only)',
  'render/pages/page-context.ts -> resolve/thing-index.ts': 'the site builds and reads the thing index (type only)',
  'render/pages/resource.ts -> resolve/resolve-path.ts': 'pages link a thing to its document IRI',
  'render/pages/resource.ts -> resolve/thing-index.ts': 'the site builds and reads the thing index (type only)',
  'render/pages/sitemap.ts -> resolve/resolve-path.ts': 'pages link a thing to its document IRI',
  'render/site.ts -> resolve/thing-index.ts': 'the site builds and reads the thing index',
  'sparql/describe.ts -> resolve/resolve-path.ts': 'DESCRIBE gives the same description as the document',
  'sparql/describe.ts -> resolve/thing-index.ts': 'DESCRIBE gives the same description as the document',

  // Between render/ and sparql/: DESCRIBE and CONSTRUCT answer with the documents' own code.
  'render/pages/editor.ts -> sparql/examples.ts': 'the editor and examples pages list the examples',
  'sparql/describe.ts -> render/describe.ts': 'DESCRIBE gives the same description as the document',
  'sparql/describe.ts -> render/serialise.ts': 'DESCRIBE is serialised as documents are',
  'sparql/query-worker.ts -> render/jsonld-context.ts': 'graph results in JSON-LD use the site context (type only)',
  'sparql/query-worker.ts -> render/serialise.ts': 'graph results are serialised as documents are',
};
/** Modules outside src/http/ that may import express, and why. */
const EXPRESS_ALLOWED: Readonly<Record<string, string>> = {
  'app.ts': 'createApp() builds the express app and mounts the routers of src/http/',
  'bench/constant-server.ts': 'a bench tool: a constant server to measure the HTTP stack alone',
};

function layerOf(file: string): string {
  const [first, ...rest] = file.split('/');
  if (rest.length === 0) {
    if (TOP_FILES.has(first!)) return 'top';
    if (BOTTOM_FILES.has(first!)) return 'bottom';
    throw new Error(`src/${file} has no layer: add it to TOP_FILES or BOTTOM_FILES in this test`);
  }
  if (BOTTOM_FOLDERS.has(first!)) return 'bottom';
  if (ANYTHING.has(first!) || first! in RANK) return first!;
  throw new Error(`src/${first}/ has no layer: add it to RANK in this test`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(SRC, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) found.push(match[1]!);
  return found;
}

interface Edge {
  readonly from: string;
  readonly to: string;
}

const files = sourceFiles(SRC);
const relativeEdges: Edge[] = [];
const expressImporters: string[] = [];
for (const file of files) {
  for (const spec of specifiers(readFileSync(path.join(SRC, file), 'utf8'))) {
    if (spec === 'express' || spec.startsWith('express/')) expressImporters.push(file);
    if (!spec.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
    relativeEdges.push({ from: file, to: target });
  }
}

function upward({ from, to }: Edge): boolean {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === b || a === 'top' || ANYTHING.has(a)) return false; // the entry points run the tools too
  if (ANYTHING.has(b)) return true; // nothing of the platform depends on its tools
  return RANK[b]! >= RANK[a]!;
}

describe('layers of src/', () => {
  it('finds the sources and their imports', () => {
    expect(files).toContain('app.ts');
    expect(files).toContain('sparql/protocol.ts');
    expect(relativeEdges.length).toBeGreaterThan(50);
    const missing = relativeEdges.filter((e) => !existsSync(path.join(SRC, e.to))).map((e) => `${e.from} -> ${e.to}`);
    expect(missing).toEqual([]);
  });

  it('every module has a layer', () => {
    expect(() => files.forEach(layerOf)).not.toThrow();
  });

  it('imports point down: top > http > {resolve, render, sparql} > store > dataset > bottom', () => {
    const broken = relativeEdges
      .filter(upward)
      .map((e) => `${e.from} -> ${e.to}`)
      .filter((edge) => !(edge in ALLOWED));
    expect(broken).toEqual([]);
  });

  it('every allowed exception is still needed (the list only shrinks)', () => {
    const present = new Set(relativeEdges.filter(upward).map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(ALLOWED).filter((edge) => !present.has(edge))).toEqual([]);
  });

  it('only src/http/ imports express', () => {
    const outside = [...new Set(expressImporters)].filter((f) => !f.startsWith('http/'));
    expect(outside.filter((f) => !(f in EXPRESS_ALLOWED))).toEqual([]);
    expect(Object.keys(EXPRESS_ALLOWED).filter((f) => !outside.includes(f))).toEqual([]);
  });
});
