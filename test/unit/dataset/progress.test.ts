// Progress lines: none for short work, the latest state every interval for long work, from every stage.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import { megabytes, roughCount, startProgress } from '../../../src/dataset/progress.js';
import { describeValidationProgress, validateInWorker } from '../../../src/dataset/validate-in-worker.js';
import type { ValidationProgress } from '../../../src/dataset/validation-worker.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

describe('startProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes nothing for work that ends within the interval', () => {
    const lines: string[] = [];
    const progress = startProgress((message) => lines.push(message), 5000);
    progress.update(() => ({ message: 'loading data: 1 of 2 files', fields: {} }));
    vi.advanceTimersByTime(4999);
    progress.stop();
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([]);
  });

  it('writes the latest state once per interval while the work lasts, with its figures as fields', () => {
    const lines: Array<{ message: string; fields: Record<string, unknown> }> = [];
    const progress = startProgress((message, fields) => lines.push({ message, fields }), 5000);
    let files = 0;
    progress.update(() => ({ message: `loading data: ${files} of 40 files`, fields: { files } }));
    files = 12; // the state is read when a line is due, not when it was recorded
    vi.advanceTimersByTime(5000);
    files = 30;
    vi.advanceTimersByTime(5000);
    progress.stop();
    vi.advanceTimersByTime(20_000);
    expect(lines.map((l) => l.message.replace(/ \(\d+ s\)$/, ''))).toEqual([
      'loading data: 12 of 40 files',
      'loading data: 30 of 40 files',
    ]);
    expect(lines[1]?.fields).toMatchObject({ files: 30 });
    expect(typeof lines[1]?.fields.elapsedMs).toBe('number');
  });

  it('says nothing before anything has been recorded', () => {
    const lines: string[] = [];
    const progress = startProgress((message) => lines.push(message), 1000);
    vi.advanceTimersByTime(3000);
    progress.stop();
    expect(lines).toEqual([]);
  });
});

describe('figures for people', () => {
  it.each([
    [950, '950'],
    [1234, '1.2 k'],
    [56_789, '57 k'],
    [1_234_567, '1.2 M'],
    [12_000_000, '12 M'],
  ])('%i triples read as %s', (n, text) => {
    expect(roughCount(n)).toBe(text);
  });

  it('sizes in MB', () => {
    expect(megabytes(1_250_000)).toBe('1.3 MB');
    expect(megabytes(45_956_990)).toBe('46 MB');
  });
});

describe('the stages report their progress', () => {
  it('loadDataset: after each file, how many of how many, and the triples so far', async () => {
    const seen: Array<{ files: number; totalFiles: number; triples: number }> = [];
    const loaded = await loadDataset({ root: ROOT, baseIri: TEST_BASE }, (p) => seen.push(p));
    expect(seen.length).toBe(loaded.files.length);
    expect(seen.map((p) => p.files)).toEqual(loaded.files.map((_f, i) => i + 1));
    expect(seen.every((p) => p.totalFiles === loaded.files.length)).toBe(true);
    expect(seen.at(-1)?.triples).toBe(loaded.data.length + loaded.ontology.length + loaded.shapes.length);
  });

  it('validateInWorker: reading every file for the index, then checking the batches, in that order', async () => {
    const seen: ValidationProgress[] = [];
    const outcome = await validateInWorker({ root: ROOT, baseIri: TEST_BASE }, undefined, (p) => seen.push(p));
    expect(outcome.conforms).toBe(true);
    const phases = seen.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['parse', 'check']);
    const check = seen.at(-1)!;
    expect(check.files).toBe(check.totalFiles);
    expect(describeValidationProgress(check)).toMatch(
      /^validating: checked (\d+) of \1 data files against the shapes \(\d+(\.\d)? k triples\)$/,
    );
    expect(describeValidationProgress(seen[0]!)).toMatch(/^validating: parsed 1 of \d+ files, \d+/);
  });
});
