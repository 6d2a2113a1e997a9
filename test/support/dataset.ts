// Shared test helpers: the real dataset loaded once under a test base IRI, and SPARQL over it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryEngine } from '@comunica/query-sparql';
import { Store } from 'n3';
import { loadDataset, type LoadedDataset } from '../../src/dataset/load.js';
import { WELL_KNOWN_PREFIXES, ownPrefixes } from '../../src/rdf/vocab.js';

/** The repository root (holds ontology/, data/, shapes/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A base IRI unlike the default, so a host hard-coded anywhere shows up as a failure. */
export const TEST_BASE = 'https://data.test.example/';

/** An IRI of ours under the test base: `iri('id/process/bali-process')`. */
export function iri(relative: string): string {
  return TEST_BASE + relative;
}

/** PREFIX declarations for every well-known and own prefix (mig:, process:, organisation:, ...). */
export const PREFIXES = Object.entries({ ...WELL_KNOWN_PREFIXES, ...ownPrefixes(TEST_BASE) })
  .map(([prefix, ns]) => `PREFIX ${prefix}: <${ns}>`)
  .join('\n');

let loaded: Promise<LoadedDataset> | undefined;
let store: Promise<Store> | undefined;

/** The real ontology, data and shapes, loaded once per test file. */
export function loadRealDataset(): Promise<LoadedDataset> {
  loaded ??= loadDataset({ root: ROOT, baseIri: TEST_BASE });
  return loaded;
}

/** A store holding the data and the ontology (the SPARQL default graph). */
export function realStore(): Promise<Store> {
  store ??= loadRealDataset().then((d) => new Store([...d.data, ...d.ontology]));
  return store;
}

const engine = new QueryEngine();

/**
 * Runs a SELECT (PREFIXES are prepended) over the real data with Comunica and returns
 * one object per row: variable name -> the term's value (IRI string or literal lexical form).
 */
export async function select(query: string): Promise<Array<Record<string, string>>> {
  const source = await realStore();
  const stream = await engine.queryBindings(`${PREFIXES}\n${query}`, { sources: [source] });
  const rows = await stream.toArray();
  return rows.map((bindings) => {
    const row: Record<string, string> = {};
    for (const [variable, term] of bindings) row[variable.value] = term.value;
    return row;
  });
}

/** Runs an ASK over the real data. */
export async function ask(query: string): Promise<boolean> {
  const source = await realStore();
  return engine.queryBoolean(`${PREFIXES}\n${query}`, { sources: [source] });
}
