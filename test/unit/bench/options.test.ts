// The bench's `--store` option and the table that sets both stores side by side (no timings here).
import { describe, expect, it } from 'vitest';
import { parseStores } from '../../../src/bench/parts.js';
import { formatSideBySide, formatTable, type BenchRow } from '../../../src/bench/report.js';

describe('parseStores (--store)', () => {
  it('takes embedded, sparql or both, embedded first whatever the order', () => {
    expect(parseStores('embedded')).toEqual(['embedded']);
    expect(parseStores('sparql')).toEqual(['sparql']);
    expect(parseStores('embedded,sparql')).toEqual(['embedded', 'sparql']);
    expect(parseStores('sparql, embedded')).toEqual(['embedded', 'sparql']);
  });

  it('refuses other names, an empty value and a store named twice', () => {
    expect(() => parseStores('virtuoso')).toThrow(/unknown --store "virtuoso"/);
    expect(() => parseStores('')).toThrow(/unknown --store/);
    expect(() => parseStores('embedded,')).toThrow(/unknown --store/);
    expect(() => parseStores('sparql,sparql')).toThrow(/twice/);
  });
});

describe('the table with both stores', () => {
  const row = (store: string | undefined, name: string, value?: number, extra: Partial<BenchRow> = {}): BenchRow => ({
    part: 'deref',
    ...(store !== undefined ? { store } : {}),
    name,
    size: 1000,
    ...(value !== undefined ? { value } : {}),
    unit: 'doc/s',
    ...extra,
  });

  it('has a store column only when a row names its store', () => {
    expect(formatTable([row(undefined, 'HTML req/s', 10)], 'h').split('\n')[2]).not.toMatch(/store/);
    expect(formatTable([row('sparql', 'HTML req/s', 10)], 'h').split('\n')[2]).toMatch(/^part +\| store +\| size/);
  });

  it('sets each measure of both stores on one line with the ratio sparql / embedded', () => {
    const text = formatSideBySide([
      row('embedded', 'crawl', 40, { baselineName: 'a' }),
      row('embedded', 'crawl', 40, { baselineName: 'b' }),
      row('embedded', 'only embedded', 1),
      row('sparql', 'crawl', 10),
      row('sparql', 'crawl', 10, { baselineName: 'another' }),
      row('sparql', 'missing', undefined),
      row('embedded', 'missing', 3),
      { ...row('sparql', 'crawl', 99), size: 2000 },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^size +\| part +\| measure +\| embedded +\| sparql +\| sparql \/ embedded$/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^1,000 \| deref \| crawl +\| 40\.0 doc\/s \| 10\.0 doc\/s +\| 0\.25x$/),
      expect.stringMatching(/^1,000 \| deref \| missing +\| 3\.00 doc\/s \| not measured \|$/),
    ]);
  });

  it('is empty when no measure has both stores', () => {
    expect(formatSideBySide([row('embedded', 'x', 1), row('sparql', 'y', 1)])).toBe('');
  });
});
