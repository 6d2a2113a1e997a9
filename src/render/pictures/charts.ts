// The charts of the home page, drawn on the server by Vega (vega-lite specifications compiled to
// Vega, rendered with `View.toSVG()`: no canvas, no browser, nothing fetched). Vega's SVG carries
// presentation attributes only, so it can be embedded under the strict Content-Security-Policy.
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AfricaShares, IdmYear, WmrEdition } from './picture-data.js';
import { wrap } from './svg.js';

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
const INK = '#1d2433';
const MUTED = '#5b6577';
const ACCENT = '#0b5cad';
const LIGHT = '#a9c4e4';

const CONFIG = {
  font: FONT,
  background: 'transparent',
  view: { stroke: null },
  axis: { labelColor: INK, titleColor: MUTED, labelFontSize: 12, titleFontSize: 12, domainColor: '#888', gridColor: '#e6e9ef' },
  legend: { labelColor: INK, labelFontSize: 12, titleColor: MUTED },
  title: { color: INK, subtitleColor: MUTED, fontSize: 15, subtitleFontSize: 12, anchor: 'start' as const, offset: 10 },
};

/** A vega-lite specification as SVG. */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vega = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } }).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The IDM's years: sessions per year as bars, coloured by whether the page prints a theme. */
export function idmTimelineSpec(years: readonly IdmYear[]): TopLevelSpec {
  const THEMED = 'theme printed';
  const UNTHEMED = 'no theme printed';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 640,
    height: 180,
    data: {
      values: years.map((y) => ({ year: String(y.year), sessions: y.sessions, theme: y.theme ? THEMED : UNTHEMED })),
    },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: -45, labelPadding: 4 } },
      y: { field: 'sessions', type: 'quantitative', title: 'sessions', axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          color: {
            field: 'theme',
            type: 'nominal',
            title: null,
            scale: { domain: [THEMED, UNTHEMED], range: [ACCENT, LIGHT] },
            legend: { orient: 'top', direction: 'horizontal' },
          },
        },
      },
      {
        mark: { type: 'text', dy: -7, fontSize: 11, color: INK },
        encoding: { text: { field: 'sessions', type: 'quantitative' } },
      },
    ],
  };
}

const ordinalWord = (n: number): string => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};

/** The WMR editions on a time axis, each with its year, title and place in the series where printed. */
export function wmrEditionsSpec(editions: readonly WmrEdition[]): TopLevelSpec {
  const years = editions.map((e) => e.year);
  const from = Math.min(...years);
  const to = Math.max(...years);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 20,
    height: Math.max(120, (to - from) * 18),
    data: {
      values: editions.map((e) => ({
        year: e.year,
        label: `${e.year}${e.ordinal === undefined ? '' : ` (${ordinalWord(e.ordinal)} edition)`}: ${e.title}`,
      })),
    },
    encoding: {
      y: {
        field: 'year',
        type: 'quantitative',
        title: null,
        scale: { domain: [from, to], reverse: true, nice: false, zero: false },
        axis: null,
      },
      x: { datum: 0, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
    },
    layer: [
      {
        mark: { type: 'rule', color: '#c4ccd8', strokeWidth: 2 },
        data: { values: [{ a: from, b: to }] },
        encoding: { y: { field: 'a', type: 'quantitative' }, y2: { field: 'b' } },
      },
      {
        mark: { type: 'point', filled: true, size: 80, color: ACCENT, opacity: 1 },
      },
      {
        mark: { type: 'text', align: 'left', dx: 10, fontSize: 13, color: INK },
        encoding: { text: { field: 'label' } },
      },
    ],
  };
}

/** The Africa 2000 shares as bars on a 0-100 % scale, with their sum as printed and the caveats. */
const AXIS_TITLE = 'percent of Africa\u2019s migrants';

export function africaSharesSpec(data: AfricaShares, caveats: readonly string[]): TopLevelSpec {
  const SUM = 'All of them, as printed';
  const values = [
    ...data.shares.map((s) => ({ name: s.subregion.label, pct: s.percentage, kind: 'share' })),
    { name: SUM, pct: data.sum, kind: 'sum' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: values.length * 30,
    title: {
      text: `Africa's migrants by subregion${data.year === undefined ? '' : `, ${data.year}`}`,
      subtitle: caveats.flatMap((c) => wrap(c, 80)),
    },
    data: { values },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280, labelFontSize: 12 } },
      x: {
        field: 'pct',
        type: 'quantitative',
        title: AXIS_TITLE,
        scale: { domain: [0, 100] },
        axis: { values: [0, 25, 50, 75, 100] },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: 20 },
        encoding: {
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['share', 'sum'], range: [ACCENT, MUTED] } },
        },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: INK },
        encoding: { x: { datum: 100, type: 'quantitative', title: AXIS_TITLE }, y: { value: 0 }, y2: { value: values.length * 30 } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 12, color: INK },
        transform: [{ calculate: "datum.pct + ' %'", as: 'pctText' }],
        encoding: { text: { field: 'pctText', type: 'nominal' } },
      },
    ],
  };
}

export { ordinalWord };
