// A worker thread that parses and validates a dataset (in batches: validate-batches.ts), so that
// its short-lived heap (N3.js quads and stores, shacl-engine's state) has its own limit and is
// freed when it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { Writer } from 'n3';
import { DatasetError } from './errors.js';
import { validateInBatches, type BatchJob, type BatchProgress } from './validate-batches.js';
import type { ValidationIssue } from './validate.js';

export type ValidationJob = BatchJob;

/** How far validation has got: the files read for the index, then the batches checked. */
export type ValidationProgress = BatchProgress;

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
    const outcome = await validateInBatches(job, tell);
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
