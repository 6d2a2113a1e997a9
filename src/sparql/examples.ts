// Worked example queries: the questions a migration researcher asks of this dataset, each answered by
// one SPARQL query. They appear in the query editor and on BASE/sparql/examples, and
// test/integration/sparql-examples.test.ts asserts every answer.
//
// Each example is one file queries/NN-<id>.rq, shown in the order of NN. The file opens with a header
// of comment lines, then one blank line, then the query body ({BASE} stands for the base IRI):
//
//   # id: <id, the same as in the file name>
//   # title: <title>
//   # question: <the question, one sentence>
//   # prefixes: <the platform prefixes the query uses, in the order they are declared; may be empty>
//
// The PREFIX lines are not in the file: they are written here for the base IRI being served.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { sitePrefixes } from '../rdf/layout.js';

/** One worked example: what is asked and the query that answers it. */
export interface SparqlExample {
  /** A slug, stable: used in anchors of the examples page. */
  readonly id: string;
  readonly title: string;
  /** The question, one sentence. */
  readonly question: string;
  /** The SPARQL query, with the PREFIX lines of the platform's prefixes under the base IRI. */
  readonly query: string;
}

interface ExampleSource {
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly question: string;
  /** The prefixes the query uses, in the order they are declared. */
  readonly prefixes: readonly string[];
  readonly body: string;
}

/** The folder of the example files, at the project root (the same from src/ under tsx and from dist/src/). */
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'queries');

const FILE_NAME = /^\d{2}-([a-z0-9]+(?:-[a-z0-9]+)*)\.rq$/;
const HEADER_KEYS = ['id', 'title', 'question', 'prefixes'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/** Reads one example file; throws, naming the file, when it is not in the form described above. */
export function parseExample(file: string, text: string): ExampleSource {
  const fail = (why: string): never => {
    throw new Error(`SPARQL example ${file}: ${why}`);
  };
  const idInName = FILE_NAME.exec(path.basename(file))?.[1] ?? fail('the file name is not NN-<id>.rq');
  const blank = text.indexOf('\n\n');
  if (blank < 0) fail('no blank line between the header and the query');
  const header = new Map<HeaderKey, string>();
  for (const line of text.slice(0, blank).split('\n')) {
    const match = /^# ([a-z]+):(?: (.*))?$/.exec(line) ?? fail(`not a header line: ${JSON.stringify(line)}`);
    const key = match[1] as HeaderKey;
    if (!HEADER_KEYS.includes(key)) fail(`unknown header ${key}:`);
    if (header.has(key)) fail(`header ${key}: given twice`);
    header.set(key, (match[2] ?? '').trim());
  }
  const value = (key: HeaderKey, mayBeEmpty = false): string => {
    const found = header.get(key) ?? fail(`missing header line # ${key}:`);
    if (found === '' && !mayBeEmpty) fail(`header ${key}: is empty`);
    return found;
  };
  const id = value('id');
  if (id !== idInName) fail(`header id: ${id} is not the id in the file name (${idInName})`);
  if (!text.endsWith('\n')) fail('the file does not end with a newline');
  const body = text.slice(blank + 2, -1);
  if (body.trim() === '' || body.startsWith('\n')) fail('the query is empty or not right after one blank line');
  const prefixes = value('prefixes', true).split(/\s+/).filter(Boolean);
  return { file, id, title: value('title'), question: value('question'), prefixes, body };
}

/** Every example of a folder, in the order of the file names. */
export function readExamples(dir: string): ExampleSource[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.rq'))
    .sort();
  if (files.length === 0) throw new Error(`SPARQL examples: no .rq file in ${dir}`);
  const examples = files.map((name) => parseExample(path.join(dir, name), readFileSync(path.join(dir, name), 'utf8')));
  // The prefix names do not depend on the base IRI, so any base will do to know them.
  const known = new Set(Object.keys(sitePrefixes('http://example.org/')));
  const seen = new Set<string>();
  for (const { file, id, prefixes } of examples) {
    if (seen.has(id)) throw new Error(`SPARQL example ${file}: id ${id} is used by another example`);
    seen.add(id);
    const unknown = prefixes.find((prefix) => !known.has(prefix));
    if (unknown !== undefined) throw new Error(`SPARQL example ${file}: unknown prefix ${unknown}:`);
  }
  return examples;
}

let cached: readonly ExampleSource[] | undefined;

/** The worked examples, their queries written for the given base IRI. */
export function sparqlExamples(baseIri: string): SparqlExample[] {
  cached ??= readExamples(EXAMPLES_DIR);
  const namespaces = sitePrefixes(baseIri);
  return cached.map(({ file, id, title, question, prefixes, body }) => {
    const declarations = prefixes.map((prefix) => {
      const ns = namespaces[prefix];
      if (ns === undefined) throw new Error(`SPARQL example ${file}: unknown prefix ${prefix}:`);
      return `PREFIX ${prefix}: <${ns}>\n`;
    });
    const text = body.replaceAll('{BASE}', baseIri);
    return { id, title, question, query: `${declarations.join('')}${declarations.length ? '\n' : ''}${text}\n` };
  });
}
