// A worker thread that parses and validates a dataset, so that its large, short-lived heap (N3.js
// quads and store, shacl-engine's state) has its own limit and is freed when it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { Writer } from 'n3';
import { loadTurtleFiles } from './read-turtle.js';
import { DatasetError } from './errors.js';
import { loadDataset, type LoadProgress } from './load.js';
import { validateDataset, type ValidationIssue } from './validate.js';

export interface ValidationJob {
  readonly root: string;
  readonly baseIri: string;
}

/** How far validation has got: parsing the files, loading them for SHACL-SPARQL, checking the shapes. */
export interface ValidationProgress extends LoadProgress {
  readonly phase: 'parse' | 'load' | 'check';
}

export type ValidationReply =
  | { readonly kind: 'progress'; readonly progress: ValidationProgress }
  | {
      readonly kind: 'outcome';
      readonly conforms: boolean;
      readonly issues: ValidationIssue[];
      readonly report: string;
    }
  | {
      readonly kind: 'dataset-error';
      readonly message: string;
      readonly file?: string;
      readonly line?: number;
      readonly column?: number;
    };

async function run(job: ValidationJob): Promise<ValidationReply> {
  try {
    const tell = (progress: ValidationProgress): void =>
      parentPort?.postMessage({ kind: 'progress', progress } satisfies ValidationReply);
    const loaded = await loadDataset(job, (p) => tell({ phase: 'parse', ...p }));
    const files = loaded.files.filter((f) => f.part !== 'shapes').map((f) => f.file);
    const triples = loaded.data.length + loaded.ontology.length;
    let done = 0;
    const store = await loadTurtleFiles(files, job.baseIri, () =>
      tell({ phase: 'load', files: ++done, totalFiles: files.length, triples }),
    );
    tell({ phase: 'check', files: files.length, totalFiles: files.length, triples });
    const outcome = await validateDataset(loaded, store);
    // The report travels as N-Quads text: quads do not survive structured cloning as N3 terms.
    return {
      kind: 'outcome',
      conforms: outcome.conforms,
      issues: outcome.issues,
      report: new Writer({ format: 'N-Quads' }).quadsToString(outcome.report),
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return {
      kind: 'dataset-error',
      message: error.message,
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.column !== undefined ? { column: error.column } : {}),
    };
  }
}

parentPort?.postMessage(await run(workerData as ValidationJob));
