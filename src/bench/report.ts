// The benchmark's figures: one row per measurement, each beside its baseline, printed as one table.

export interface BenchRow {
  /** The part of the benchmark: deref, sparql, startup, isolation, scale. */
  readonly part: string;
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

/** The whole table as aligned text. */
export function formatTable(rows: readonly BenchRow[], header: string): string {
  const cells = [
    ['part', 'size', 'measure', 'ours', 'baseline', 'baseline value', 'ratio', 'target', 'holds', 'note'],
    ...rows.map((r) => [
      r.part,
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
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [header, '', line(cells[0]!), rule, ...cells.slice(1).map(line), ''].join('\n');
}

/** Median and a percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
