// The benchmark's figures: one row per measurement, each beside its baseline, printed as one table.

export interface BenchRow {
  /** The part of the benchmark: deref, sparql, startup, isolation, scale. */
  readonly part: string;
  /** The store the platform ran on (`--store`); set only when the run measures the sparql store. */
  readonly store?: string;
  /** What was measured, e.g. "HTML req/s" or "q:lookup median". */
  readonly name: string;
  /** Dataset size in triples (generated + real). */
  readonly size: number;
  /** Our figure; undefined when it could not be measured (`note` says why). */
  readonly value?: number;
  readonly unit: string;
  readonly baselineName?: string;
  readonly baseline?: number;
  /** The target, stated as text ("ratio >= 0.8", "<= 20 s"). */
  readonly target?: string;
  /** Whether the target holds; undefined when there is no target or no figure. */
  readonly holds?: boolean;
  /** Spread, runs or why a figure is missing. */
  readonly note?: string;
}

/** value / baseline, when both exist. */
export function ratio(row: BenchRow): number | undefined {
  return row.value !== undefined && row.baseline !== undefined && row.baseline !== 0
    ? row.value / row.baseline
    : undefined;
}

function format(n: number | undefined): string {
  if (n === undefined) return 'not measured';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Columns as aligned text, a rule under the first row. */
function aligned(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)];
}

/** The whole table as aligned text; a `store` column when any row names its store. */
export function formatTable(rows: readonly BenchRow[], header: string): string {
  const withStore = rows.some((r) => r.store !== undefined);
  const cells = [
    [
      'part',
      ...(withStore ? ['store'] : []),
      'size',
      'measure',
      'ours',
      'baseline',
      'baseline value',
      'ratio',
      'target',
      'holds',
      'note',
    ],
    ...rows.map((r) => [
      r.part,
      ...(withStore ? [r.store ?? ''] : []),
      r.size.toLocaleString('en'),
      r.name,
      `${format(r.value)}${r.value !== undefined ? ` ${r.unit}` : ''}`,
      r.baselineName ?? '',
      r.baseline !== undefined ? `${format(r.baseline)} ${r.unit}` : r.baselineName ? 'not measured' : '',
      ratio(r) !== undefined ? `${format(ratio(r))}x` : '',
      r.target ?? '',
      r.holds === undefined ? '' : r.holds ? 'yes' : 'NO',
      r.note ?? '',
    ]),
  ];
  return [header, '', ...aligned(cells), ''].join('\n');
}

/**
 * The measures both stores have, one line each: size, part, measure, the embedded store's figure,
 * the sparql store's and their ratio (sparql / embedded). The first row of each store with that
 * part, size and measure is taken (a measure listed beside two baselines has one figure). Empty
 * when no measure was taken on both.
 */
export function formatSideBySide(rows: readonly BenchRow[]): string {
  const key = (r: BenchRow): string => `${r.size}\u0000${r.part}\u0000${r.name}`;
  const embedded = new Map<string, BenchRow>();
  for (const r of rows) if (r.store === 'embedded' && !embedded.has(key(r))) embedded.set(key(r), r);
  const seen = new Set<string>();
  const cells: string[][] = [['size', 'part', 'measure', 'embedded', 'sparql', 'sparql / embedded']];
  for (const r of rows) {
    if (r.store !== 'sparql' || seen.has(key(r))) continue;
    const e = embedded.get(key(r));
    if (!e) continue;
    seen.add(key(r));
    const both = e.value !== undefined && r.value !== undefined && e.value !== 0;
    cells.push([
      r.size.toLocaleString('en'),
      r.part,
      r.name,
      `${format(e.value)}${e.value !== undefined ? ` ${e.unit}` : ''}`,
      `${format(r.value)}${r.value !== undefined ? ` ${r.unit}` : ''}`,
      both ? `${format(r.value / e.value)}x` : '',
    ]);
  }
  return cells.length === 1 ? '' : [...aligned(cells), ''].join('\n');
}

/** Median and a percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
