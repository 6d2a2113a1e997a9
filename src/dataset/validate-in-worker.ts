// Runs validation in a worker thread with a heap limit sized to the machine, and turns running out
// of memory into a readable error instead of a crash.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Parser } from 'n3';
import { workerScript } from '../worker-script.js';
import { DatasetError } from './errors.js';
import type { ValidationOutcome } from './validate.js';
import { roughCount } from './progress.js';
import type { ValidationJob, ValidationProgress, ValidationReply } from './validation-worker.js';

export type { ValidationProgress } from './validation-worker.js';

const WORKER = workerScript(import.meta.url, 'validation-worker');

/**
 * The validation worker's heap limit: three quarters of the machine's memory. Node's default
 * (about 4 GiB here) is what 2 M triples need; a larger dataset would crash the process.
 */
export function validationHeapLimitMb(totalBytes = os.totalmem()): number {
  return Math.max(512, Math.floor((totalBytes / 2 ** 20) * 0.75));
}

/**
 * Parses and SHACL-validates the dataset under `root` in a worker thread. Resolves with the
 * outcome; rejects with the DatasetError of a syntax error or unreadable file (with file, line and
 * column), or with a DatasetError saying the dataset does not fit in memory. `progress` is told
 * how far it has got after each file and when the shapes are checked.
 */
export function validateInWorker(
  job: ValidationJob,
  heapLimitMb = validationHeapLimitMb(),
  progress?: (progress: ValidationProgress) => void,
): Promise<ValidationOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER.url, {
      workerData: job,
      execArgv: WORKER.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (reply: ValidationReply) => {
      if (reply.kind === 'progress') {
        progress?.(reply.progress);
        return;
      }
      settle(() => {
        if (reply.kind === 'dataset-error') {
          reject(new DatasetError(reply.message, reply.file, reply.line, reply.column));
          return;
        }
        const report = new Parser({ format: 'N-Quads' }).parse(reply.report);
        resolve({ conforms: reply.conforms, issues: reply.issues, report });
      });
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DatasetError(
                `the dataset is too large to validate on this machine: validation ran out of memory (${heapLimitMb} MiB, three quarters of the machine's memory)`,
                job.root,
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the validation worker stopped (exit code ${code}) without an answer`))),
    );
  });
}

/** One line for a person watching a long validation. */
export function describeValidationProgress(p: ValidationProgress): string {
  switch (p.phase) {
    case 'parse':
      return `validating: parsed ${p.files} of ${p.totalFiles} files, ${roughCount(p.triples)} triples`;
    case 'check':
      return `validating: checked ${p.files} of ${p.totalFiles} data files against the shapes (${roughCount(p.triples)} triples)`;
  }
}
