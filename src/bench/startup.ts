// The start-up part: a cold start (empty CACHE_DIR) and starts with the data unchanged (the same
// CACHE_DIR), to the first page and to SPARQL answering, with the peak of memory.
import { rm } from 'node:fs/promises';
import { percentile, type BenchRow } from './report.js';
import { SPARQL_PROBE, peakRss, readyAt, startPlatform } from './processes.js';

/** The site address of every start of this part (the platform's default BASE_IRI). */
export const STARTUP_SITE = 'http://localhost:8080/';

export interface StartupTargets {
  /** Whether the targets apply at this size. */
  readonly applies: boolean;
  readonly coldMs?: number;
  readonly unchangedMs: number;
  readonly peakMiB: number;
}

/** The embedded store's targets (issue 5): at 1 M, a cold start ≤ 20 s, an unchanged one ≤ 5 s, ≤ 1 GB. */
export function embeddedStartupTargets(size: number): StartupTargets {
  return { applies: size >= 1_000_000, coldMs: 20_000, unchangedMs: 5_000, peakMiB: 1000 };
}

/** A front end on the sparql store (issue 13): starts in ≤ 5 s, cold or not, in ≤ 300 MB, at every size. */
export const REMOTE_STARTUP_TARGETS: StartupTargets = {
  applies: true,
  coldMs: 5_000,
  unchangedMs: 5_000,
  peakMiB: 300,
};

export async function benchStartup(
  size: number,
  setup: {
    readonly dataRoot: string;
    readonly cacheDir: string;
    /**
     * The CACHE_DIR of the starts with the data unchanged (cacheDir, as the cold start left it,
     * without one): the sparql store's are the loader's, as docs/deployment.md has front ends.
     */
    readonly unchangedCacheDir?: string;
    /** What a start with the data unchanged reads, for its note. */
    readonly unchangedNote?: string;
    /** The platform's environment beyond DATA_ROOT and CACHE_DIR (the sparql store's settings). */
    readonly env?: Record<string, string>;
    readonly runs: number;
    readonly targets: StartupTargets;
    /** What a cold start includes, for its note. */
    readonly coldNote: string;
  },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { cacheDir, targets } = setup;
  // Documents are served before the SPARQL workers have loaded the data: both moments are timed,
  // and the peak memory is read once SPARQL answers too (every copy of the data loaded).
  const measure = async (cold: boolean): Promise<{ ms: number; pageMs: number; rss?: number }> => {
    if (cold) await rm(cacheDir, { recursive: true, force: true });
    const dir = cold ? cacheDir : (setup.unchangedCacheDir ?? cacheDir);
    // One BASE_IRI and SITE_URL for every start, whatever the port: what is saved in CACHE_DIR (the
    // site summaries) holds for one site address, so a new address each start would rebuild it.
    const platform = await startPlatform(
      setup.dataRoot,
      { BASE_IRI: STARTUP_SITE, SITE_URL: STARTUP_SITE, ...setup.env, CACHE_DIR: dir, LOG_LEVEL: 'warn' },
      { pagesOnly: true },
    );
    try {
      const ms = await readyAt(platform, SPARQL_PROBE);
      const rss = await peakRss(platform.child.pid);
      return { ms, pageMs: platform.readyMs, ...(rss !== undefined ? { rss } : {}) };
    } finally {
      await platform.stop();
    }
  };
  log(`start-up at ${size}: cold`);
  // A cold start that fails (past the start-up bound) is a row that says why; with a cache of
  // their own the starts with the data unchanged are measured all the same.
  let cold: { ms: number; pageMs: number; rss?: number } | undefined;
  let coldFailure = '';
  try {
    cold = await measure(true);
  } catch (error) {
    if (!setup.unchangedCacheDir) throw error;
    coldFailure = (error as Error).message.slice(0, 300);
  }
  log(`start-up at ${size}: unchanged data`);
  const warm: Array<{ ms: number; pageMs: number; rss?: number }> = [];
  for (let i = 0; i < Math.max(1, Math.min(setup.runs, 3)); i++) warm.push(await measure(false));
  const warmMs = warm.map((w) => w.ms).sort((a, b) => a - b);
  const medianWarm = percentile(warmMs, 50) ?? 0;
  const warmPeak = Math.max(...warm.map((w) => w.rss ?? 0));
  const warmPageMs = warm.map((w) => w.pageMs).sort((a, b) => a - b);
  const medianWarmPage = percentile(warmPageMs, 50) ?? 0;
  const at = targets.applies;
  const suffix = size >= 1_000_000 ? ' at 1 M' : '';
  const underTarget = (unit: 's' | 'MiB', limit: number | undefined, value: number): Partial<BenchRow> =>
    at && limit !== undefined
      ? {
          target:
            unit === 's'
              ? `<= ${limit / 1000} s${suffix}`
              : `<= ${limit >= 1000 ? `${limit / 1000} GB` : `${limit} MB`}${suffix}`,
          holds: value <= limit,
        }
      : {};
  const coldRows: BenchRow[] = cold
    ? [
        {
          part: 'startup',
          name: 'cold start to SPARQL answering',
          size,
          value: cold.ms / 1000,
          unit: 's',
          ...underTarget('s', targets.coldMs, cold.ms),
          note: `${setup.coldNote}; 1 run; every route answering`,
        },
        {
          part: 'startup',
          name: 'cold start to first page',
          size,
          value: cold.pageMs / 1000,
          unit: 's',
          note: 'the home page answers 200 (SPARQL may still be loading)',
        },
        {
          part: 'startup',
          name: 'peak RSS, cold start',
          size,
          ...(cold.rss !== undefined ? { value: cold.rss } : {}),
          unit: 'MiB',
          ...underTarget('MiB', targets.peakMiB, cold.rss ?? Infinity),
          note: `VmHWM once SPARQL answers (worker threads included); ${setup.coldNote}`,
        },
      ]
    : [
        {
          part: 'startup',
          name: 'cold start to SPARQL answering',
          size,
          unit: 's',
          ...underTarget('s', targets.coldMs, Infinity),
          note: `not measured: ${coldFailure}; ${setup.coldNote}`,
        },
      ];
  return [
    ...coldRows,
    {
      part: 'startup',
      name: 'start, data unchanged, to SPARQL answering',
      size,
      value: medianWarm / 1000,
      unit: 's',
      ...underTarget('s', targets.unchangedMs, medianWarm),
      note: `median of ${warm.length}; range ${(warmMs[0]! / 1000).toFixed(1)}-${(warmMs[warmMs.length - 1]! / 1000).toFixed(1)} s; every route answering${setup.unchangedNote ? `; ${setup.unchangedNote}` : ''}`,
    },
    {
      part: 'startup',
      name: 'start, data unchanged, to first page',
      size,
      value: medianWarmPage / 1000,
      unit: 's',
      note: `median of ${warm.length}; range ${(warmPageMs[0]! / 1000).toFixed(1)}-${(warmPageMs[warmPageMs.length - 1]! / 1000).toFixed(1)} s`,
    },
    {
      part: 'startup',
      name: 'peak RSS, data unchanged',
      size,
      value: warmPeak,
      unit: 'MiB',
      ...underTarget('MiB', targets.peakMiB, warmPeak),
      note: 'VmHWM once SPARQL answers (worker threads included)',
    },
  ];
}
