// Test runner configuration: tests live in test/, mirror src/, and run in Node.
import os from 'node:os';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, longest first (measured on two cores, issue 10). Started first, the
 * fuzz run and the worker-pool and child-process files overlap the many short files instead of
 * finishing alone at the end. Only used while vitest has no timings of its own (a fresh clone, CI);
 * once it has, its cache orders the files: failed first, then by the last run's durations.
 */
const SLOWEST_FIRST = [
  'test/integration/fuzz.test.ts',
  'test/unit/sparql/worker-pool.test.ts',
  'test/integration/cli-validate.test.ts',
  'test/integration/startup.test.ts',
  'test/browser/sparql-editor.test.ts',
  'test/integration/formats-roundtrip.test.ts',
  'test/integration/sparql-reads.test.ts',
];

/**
 * Files whose assertions are about time (a page answers within 250 ms while a hostile query runs;
 * both workers are busy before the time limit): they run last, one at a time, with no other test
 * file beside them, as every file ran before (vitest ran one file at a time on two cores).
 */
const ALONE = ['test/integration/isolation.test.ts', 'test/integration/sparql-limits.test.ts'];

/** Vitest's order (groups, failed first, longest or largest first), with SLOWEST_FIRST ahead in each group. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (file: TestSpecification): string => path.relative(this.ctx.config.root, file.moduleId);
    if (sorted.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${key(file)}`))) return sorted;
    const rank = (file: TestSpecification): number => {
      const at = SLOWEST_FIRST.indexOf(key(file).split(path.sep).join('/'));
      return at === -1 ? SLOWEST_FIRST.length : at;
    };
    const group = (file: TestSpecification): number => file.project.config.sequence.groupOrder;
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default on two cores is one file at a time (CPUs - 1). Most files spend much of their
    // time waiting (on SPARQL worker threads, child processes, a browser, timeouts), so two files at a
    // time keep both cores busy; on more cores, vitest's own default.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
    // One line per missing system package (Chromium, Python's rdflib and SPARQLWrapper) for the whole run.
    // With TEST_STORE=sparql (npm run test:remote), one Virtuoso for the run that every test app reads from.
    globalSetup: ['test/support/system-packages-summary.ts', 'test/support/remote-store-setup.ts'],
    // Two groups, one after the other: every other file, side by side; then the timing files, alone.
    // The first group does not isolate its files: each vitest worker imports the modules once (about
    // 1.4 s per file otherwise, a third of the run's CPU time) and builds realApp() once per base IRI
    // instead of once per file. Nothing in them changes shared state: the shared app is read-only
    // (sparql-protocol checks that every update form changes nothing), the other apps are each file's
    // own, fake timers are put back after each test and spies watch each test's own objects. A file
    // run on its own still gets a fresh process, so one that only passed after another fails there.
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
