// The layers of src/ (docs/architecture.md): every relative import points down, never up, and only
// src/http/ imports express. Known exceptions are listed below, each with why it is there.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Each layer imports only the layers below it (and itself); the order is total, so nothing is sideways. */
const RANK: Readonly<Record<string, number>> = {
  top: 9,
  http: 8,
  render: 7,
  resolve: 6,
  store: 5,
  sparql: 4,
  dataset: 3,
  oxigraph: 2,
  bottom: 0,
};
/** Tools that run the platform from outside: they may import anything. */
const ANYTHING = new Set(['bench', 'generate']);
const TOP_FILES = new Set([
  'app.ts',
  'cli.ts',
  'server.ts',
  'platform.ts',
  'pretty-log.ts',
  'replicas.ts',
  'follow-version.ts',
]);
const BOTTOM_FILES = new Set(['config.ts', 'errors.ts', 'worker-script.ts']);
const BOTTOM_FOLDERS = new Set(['rdf', 'types']);

/**
 * Imports that break the order: none today. Should one ever be needed, it is listed here as
 * `from -> to` (paths under src/) with its reason; an entry no longer needed fails the test.
 */
const ALLOWED: Readonly<Record<string, string>> = {};
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

  it('imports point down: top > http > render > resolve > store > sparql > dataset > oxigraph > bottom', () => {
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
