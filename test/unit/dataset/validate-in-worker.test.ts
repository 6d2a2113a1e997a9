// Validation in a worker thread: the same outcome as in-process, syntax errors with their place,
// and running out of memory reported as a readable error, not a crash.
import { mkdtemp, mkdir, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src/dataset/errors.js';
import { validateInWorker, validationHeapLimitMb } from '../../../src/dataset/validate-in-worker.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

let broken: string;
beforeAll(async () => {
  broken = await mkdtemp(path.join(os.tmpdir(), 'broken-'));
  for (const part of ['ontology', 'shapes'])
    await cp(path.join(ROOT, part), path.join(broken, part), { recursive: true });
  await mkdir(path.join(broken, 'data'));
  await writeFile(
    path.join(broken, 'data', 'bad.ttl'),
    '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n  ex:d .\n',
  );
});
afterAll(async () => {
  await rm(broken, { recursive: true, force: true });
});

describe('validateInWorker', () => {
  it('validates the real data: it conforms, with a report', async () => {
    const outcome = await validateInWorker({ root: ROOT, baseIri: TEST_BASE });
    expect(outcome.issues).toEqual([]);
    expect(outcome.conforms).toBe(true);
    expect(outcome.report.some((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')).toBe(true);
  });

  it('rejects a syntax error as a DatasetError with file, line and column', async () => {
    const error = await validateInWorker({ root: broken, baseIri: TEST_BASE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const dataset = error as DatasetError;
    expect(dataset.file).toBe(path.join(broken, 'data', 'bad.ttl'));
    expect(dataset.line).toBe(3);
    expect(dataset.column).toBeGreaterThan(0);
  });

  it('reports a dataset too large for the memory it may use, instead of crashing', async () => {
    const error = await validateInWorker({ root: ROOT, baseIri: TEST_BASE }, 8).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(
      /too large to validate on this machine: .*ran out of memory \(8 MiB/,
    );
  });

  it('sizes the heap to three quarters of the machine, never below 512 MiB', () => {
    expect(validationHeapLimitMb(24 * 2 ** 30)).toBe(18432);
    expect(validationHeapLimitMb(256 * 2 ** 20)).toBe(512);
  });
});
