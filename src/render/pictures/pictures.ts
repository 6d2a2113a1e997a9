// The pictures of the data: each one's data (read through the store), its SVG (standalone, served
// as /pictures/{name}.svg, or embedded in the home page) and the words that say what it shows.
import type { PageContext } from '../pages/page-context.js';
import { africaSharesSpec, idmTimelineSpec, ordinalWord, vegaLiteSvg, wmrEditionsSpec } from './charts.js';
import { networkSvg, roleLegend } from './network.js';
import {
  africaShares,
  homeCounts,
  idmYears,
  networkRows,
  wmrEditions,
  type AfricaShares,
  type Bounded,
  type HomeCounts,
  type IdmYear,
  type NetworkRow,
  type WmrEdition,
} from './picture-data.js';
import { accessibleSvg } from './svg.js';

export const PICTURE_NAMES = ['network', 'idm-timeline', 'wmr-editions', 'africa-2000'] as const;
export type PictureName = (typeof PICTURE_NAMES)[number];

export const isPictureName = (name: string): name is PictureName => (PICTURE_NAMES as readonly string[]).includes(name);

/** What every picture has: its drawing and the words for it. */
export interface Picture {
  readonly name: PictureName;
  readonly title: string;
  /** What the drawing shows, in words: its <desc>, and the caption beside it. */
  readonly description: string;
  /** The SVG element to embed in HTML (no XML declaration). */
  readonly svg: string;
  /** The SVG document served as image/svg+xml. */
  readonly file: string;
}

export interface Pictures {
  readonly network: Picture & {
    readonly rows: readonly NetworkRow[];
    /** How many engagements there are (rows holds at most MAX_PICTURE_ITEMS). */
    readonly total: number;
    readonly legend: ReturnType<typeof roleLegend>;
  };
  readonly idm: Picture & { readonly years: readonly IdmYear[]; readonly total: number };
  readonly wmr: Picture & { readonly editions: readonly WmrEdition[]; readonly total: number };
  readonly africa: Picture & { readonly data: AfricaShares; readonly caveats: readonly string[] };
  /** The home page's figures (what the dataset holds, in numbers): read with the pictures, kept with them. */
  readonly counts: HomeCounts;
}

const both = (svg: string, name: PictureName, title: string, description: string): Picture => ({
  name,
  title,
  description,
  svg: accessibleSvg(svg, { id: name, title, description, standalone: false }),
  file: accessibleSvg(svg, { id: name, title, description, standalone: true }),
});

const list = (words: readonly string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a bounded picture leaves out, in words ("" when it draws everything). */
const leftOut = (shown: number, total: number, what: string): string =>
  shown < total
    ? ` It draws the first ${shown} of ${total} ${what}; the rest are in the collections and the SPARQL endpoint.`
    : '';

async function network(source: Bounded<NetworkRow>): Promise<Pictures['network']> {
  const { items: rows, total } = source;
  const legend = roleLegend(rows);
  const bodies = new Set(rows.map((r) => r.body.iri)).size;
  const partners = new Set(rows.flatMap((r) => [...r.together, ...r.consulted].map((p) => p.iri))).size;
  const member = rows[0]?.member.label ?? 'IOM';
  const title = `${member}'s roles in inter-state consultation processes`;
  const description =
    `${plural(rows.length, 'engagement')} of ${member} in ${plural(bodies, 'process or body', 'processes and bodies')}, ` +
    `from ${member} through its roles to each process or body, coloured by role: ${list(legend.map((l) => `${l.role.label} (${l.count})`))}. ` +
    `On the right, ${plural(partners, 'organisation')} that hold a role together with ${member} (dashed) ` +
    `or that it consults in a role (dotted); a body that belongs to a larger process is joined to it by a grey dashed line.` +
    leftOut(rows.length, total, 'engagements');
  return { ...both(await networkSvg(rows), 'network', title, description), rows, total, legend };
}

async function idm(source: Bounded<IdmYear>): Promise<Pictures['idm']> {
  const { items: years, total } = source;
  const first = years[0]?.year;
  const last = years.at(-1)?.year;
  const themed = years.filter((y) => y.theme).length;
  const sessions = years.reduce((n, y) => n + y.sessions, 0);
  const most = [...years].sort((a, b) => b.sessions - a.sessions)[0];
  const title = `The International Dialogue on Migration, ${first ?? ''}\u2013${last ?? ''}`;
  const description =
    `${plural(years.length, 'year')} of the International Dialogue on Migration with ${plural(sessions, 'session')} in ${years.length < total ? 'those years' : 'all'}; ` +
    `the page prints a theme for ${themed} of them (dark bars). ` +
    (most ? `The most sessions in one year: ${most.sessions}, in ${most.year}.` : '') +
    leftOut(years.length, total, 'years');
  return { ...both(await vegaLiteSvg(idmTimelineSpec(years)), 'idm-timeline', title, description), years, total };
}

async function wmr(source: Bounded<WmrEdition>): Promise<Pictures['wmr']> {
  const { items: editions, total } = source;
  const stated = editions.filter((e) => e.ordinal !== undefined);
  const title = 'World Migration Report editions';
  const description =
    `${plural(editions.length, 'edition')} of the World Migration Report on a time line, ` +
    `from ${editions[0]?.year ?? ''} to ${editions.at(-1)?.year ?? ''}, each with its title` +
    (stated.length > 0
      ? `; the page states the place in the series only for ${list(stated.map((e) => `${e.year} (the ${ordinalWord(e.ordinal ?? 0)})`))}.`
      : '.') +
    leftOut(editions.length, total, 'editions');
  return {
    ...both(await vegaLiteSvg(wmrEditionsSpec(editions)), 'wmr-editions', title, description),
    editions,
    total,
  };
}

async function africa(data: AfricaShares): Promise<Pictures['africa']> {
  const partial = data.shares.find((s) => /\band\b/.test(s.subregion.label));
  const caveats = [
    `As printed, the ${plural(data.total, 'share')} sum to ${data.sum} %${data.sum === 100 ? '' : ', not 100 %'}.`,
    ...(partial
      ? [
          `"${partial.percentage} percent in ${partial.subregion.label}" may be for the two together or for each; the page does not say.`,
        ]
      : []),
  ];
  const title = `Africa's migrants by subregion${data.year === undefined ? '' : `, ${data.year}`}`;
  const description =
    `${data.shares.map((s) => `${s.subregion.label}: ${s.percentage} %`).join('; ')}. ${caveats.join(' ')}` +
    leftOut(data.shares.length, data.total, 'shares');
  return {
    ...both(await vegaLiteSvg(africaSharesSpec(data, caveats)), 'africa-2000', title, description),
    data,
    caveats,
  };
}

/** What the pictures are drawn from: read through the store (bounded), and kept in CACHE_DIR per data version. */
export interface PictureData {
  readonly network: Bounded<NetworkRow>;
  readonly idm: Bounded<IdmYear>;
  readonly wmr: Bounded<WmrEdition>;
  readonly africa: AfricaShares;
  readonly counts: HomeCounts;
}

/** Reads what the pictures and the home page's figures show (the queries' cost grows with the data). */
export async function readPictureData(ctx: PageContext): Promise<PictureData> {
  const [network, idm, wmr, africa, counts] = await Promise.all([
    networkRows(ctx),
    idmYears(ctx),
    wmrEditions(ctx),
    africaShares(ctx),
    homeCounts(ctx),
  ]);
  return { network, idm, wmr, africa, counts };
}

/**
 * Every picture, drawn once per site (the page context): the home page and the `/pictures/*.svg`
 * files share one drawing instead of each making its own. Four small SVGs, kept while the site is.
 */
const drawn = new WeakMap<PageContext, Promise<Pictures>>();

/**
 * Every picture, drawn in parallel once per site from `data` (read through the store when not
 * given); a failed drawing is tried again next time.
 */
export function allPictures(ctx: PageContext, data?: PictureData): Promise<Pictures> {
  let pictures = drawn.get(ctx);
  if (!pictures) {
    pictures = (data ? Promise.resolve(data) : readPictureData(ctx)).then(async (read) => {
      const [n, i, w, a] = await Promise.all([
        network(read.network),
        idm(read.idm),
        wmr(read.wmr),
        africa(read.africa),
      ]);
      return { network: n, idm: i, wmr: w, africa: a, counts: read.counts };
    });
    drawn.set(ctx, pictures);
    pictures.catch(() => drawn.delete(ctx));
  }
  return pictures;
}

/** One picture by name. */
export async function picture(ctx: PageContext, name: PictureName): Promise<Picture> {
  const pictures = await allPictures(ctx);
  switch (name) {
    case 'network':
      return pictures.network;
    case 'idm-timeline':
      return pictures.idm;
    case 'wmr-editions':
      return pictures.wmr;
    case 'africa-2000':
      return pictures.africa;
  }
}
