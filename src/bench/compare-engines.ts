// The engine comparison behind docs/sparql.md: the SPARQL mix in-process on Oxigraph and on Comunica
// over an N3.Store, same data, warm. Run with `npm run bench -- --parts engines`.
import { readFileSync } from 'node:fs';
import { QueryEngine } from '@comunica/query-sparql';
import { Store } from 'n3';
import oxigraph from 'oxigraph';
import { loadDataset } from '../dataset/load.js';
import { percentile, type BenchRow } from './report.js';
import { sparqlMix } from './sparql-bench.js';

const BASE = 'http://127.0.0.1:8080/';

/** Median time of each mix query on both engines; Comunica is the baseline. */
export async function compareEngines(size: number, dataRoot: string, runs: number): Promise<BenchRow[]> {
  const dataset = await loadDataset({ root: dataRoot, baseIri: BASE });
  const quads = [...dataset.data, ...dataset.ontology];
  const n3 = new Store(quads);
  const ox = new oxigraph.Store();
  for (const file of dataset.files.filter((f) => f.part !== 'shapes')) {
    ox.load(readFileSync(file.file, 'utf8'), { format: 'text/turtle', base_iri: BASE });
  }
  const comunica = new QueryEngine();
  const rows: BenchRow[] = [];
  for (const { name, query } of sparqlMix(BASE).filter((q) => q.mix)) {
    const oxTimes: number[] = [];
    const coTimes: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      ox.query(query, { results_format: 'application/sparql-results+json' });
      if (i > 0) oxTimes.push(performance.now() - started);
    }
    // Comunica is slow on some queries: fewer runs keep the part within minutes.
    for (let i = 0; i < Math.min(runs, 3) + 1; i++) {
      const started = performance.now();
      await (await comunica.queryBindings(query, { sources: [n3] })).toArray();
      if (i > 0) coTimes.push(performance.now() - started);
    }
    rows.push({
      part: 'engines',
      name: `${name} median`,
      size,
      value: percentile(oxTimes, 50),
      unit: 'ms',
      baselineName: 'Comunica over N3.Store',
      baseline: percentile(coTimes, 50),
      note: `in-process, warm; Oxigraph ${oxTimes.length} runs, Comunica ${coTimes.length}`,
    });
  }
  return rows;
}
