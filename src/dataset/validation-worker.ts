// A worker thread that parses and validates a dataset, so that its large, short-lived heap (N3.js
// quads and store, shacl-engine's state) has its own limit and is freed when it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { Writer } from 'n3';
import { MemoryStore } from '../store/memory-store.js';
import { DatasetError } from './errors.js';
import { loadDataset } from './load.js';
import { validateDataset, type ValidationIssue } from './validate.js';

export interface ValidationJob {
  readonly root: string;
  readonly baseIri: string;
}

export type ValidationReply =
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
    const loaded = await loadDataset(job);
    const files = loaded.files.filter((f) => f.part !== 'shapes').map((f) => f.file);
    const outcome = await validateDataset(loaded, await MemoryStore.fromTurtleFiles(files, job.baseIri));
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
