// What the pictures of the home page show, read through the store's `select` only (aggregates and
// plain rows), so they work unchanged on a remote SPARQL store. Labels and links come from the thing
// index; anything the index does not know is shown by its label from the data or its IRI.
import { DCT, RDFS, SKOS, ontologyNamespace } from '../../rdf/vocab.js';
import { hrefFor } from '../resource/value-view.js';
import type { PageContext } from '../pages/page-context.js';
import { compareRows, type Row } from '../../store/store.js';
import type { ThingInfo } from '../../resolve/thing-index.js';

/** A thing a picture names: its label and, when it is published, where its page is. */
export interface Named {
  readonly iri: string;
  readonly label: string;
  readonly href?: string;
}

/** One engagement: IOM (org:member) in a role in a body (org:organization) of a process (mig:forProcess). */
export interface NetworkRow {
  readonly engagement: Named;
  readonly member: Named;
  readonly role: Named;
  readonly body: Named;
  readonly process: Named;
  /** mig:togetherWith: who holds the role with the member. */
  readonly together: readonly Named[];
  /** mig:inConsultationWith: who the member consults in the role. */
  readonly consulted: readonly Named[];
}

export interface IdmYear {
  readonly edition: Named;
  readonly year: number;
  /** The theme, where the page prints one. */
  readonly theme?: string;
  readonly sessions: number;
}

export interface WmrEdition {
  readonly report: Named;
  readonly year: number;
  /** The place in the series, where the page states it. */
  readonly ordinal?: number;
  readonly title: string;
}

export interface Share {
  readonly observation: Named;
  readonly subregion: Named;
  readonly percentage: number;
}

export interface AfricaShares {
  readonly dataset?: Named;
  readonly year?: number;
  /** The largest MAX_PICTURE_ITEMS shares. */
  readonly shares: readonly Share[];
  /** How many shares there are. */
  readonly total: number;
  /** The sum of all the shares as printed. */
  readonly sum: number;
  /** The curators' notes on the data set and on each share (skos:note), as recorded. */
  readonly notes: readonly string[];
}

export interface HomeCounts {
  readonly processes: number;
  readonly organisations: number;
  readonly engagements: number;
  readonly roles: number;
  readonly idmYears: number;
  readonly wmrEditions: number;
  readonly triples: number;
}

/**
 * The most items one picture draws (engagements, years, editions, shares), and its table lists: a
 * picture is a document with a bound whatever the data (the real data has 40 engagements, 19 years).
 * The rest are counted and left to the collections and the SPARQL endpoint.
 */
export const MAX_PICTURE_ITEMS = 60;

/** A picture's items: the first MAX_PICTURE_ITEMS in the data's order, and how many there are. */
export interface Bounded<T> {
  readonly items: readonly T[];
  readonly total: number;
}

function bounded<T>(all: readonly T[]): Bounded<T> {
  return { items: all.slice(0, MAX_PICTURE_ITEMS), total: all.length };
}

const ORG = 'http://www.w3.org/ns/org#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The things named in rows (every IRI value), looked up at once. */
async function thingsIn(ctx: PageContext, ...rowSets: Row[][]): Promise<Known> {
  const iris = new Set<string>();
  for (const rows of rowSets)
    for (const row of rows) for (const term of Object.values(row)) if (term?.termType === 'NamedNode') iris.add(term.value);
  return ctx.things.getMany(iris);
}

type Known = ReadonlyMap<string, ThingInfo>;

/** A thing by IRI: the index's label and page when published, else the data's label, else the IRI. */
function named(ctx: PageContext, known: Known, iri: string, fallbackLabel?: string): Named {
  const thing = known.get(iri);
  const href = thing && !thing.withdrawn && !thing.replacedBy ? hrefFor(iri, ctx.baseIri, ctx.siteUrl) : undefined;
  if (thing && href) return { iri, label: thing.label, href };
  return { iri, label: thing?.label ?? fallbackLabel ?? iri };
}

const value = (row: Record<string, { value: string } | undefined>, key: string): string | undefined => row[key]?.value;

/** The engagements, one row each, ordered by process, role and body labels (the first MAX_PICTURE_ITEMS). */
export async function networkRows(ctx: PageContext): Promise<Bounded<NetworkRow>> {
  const mig = ontologyNamespace(ctx.baseIri);
  const [rows, links] = await Promise.all([
    ctx.store.select(
      `SELECT ?e ?member ?role ?body ?process WHERE {
        ?e <${ORG}member> ?member ; <${ORG}role> ?role ; <${ORG}organization> ?body .
        OPTIONAL { ?e <${mig}forProcess> ?process }
      }`,
    ),
    ctx.store.select(
      `SELECT ?e ?kind ?who ?label WHERE {
        ?e <${ORG}role> ?role .
        { ?e <${mig}togetherWith> ?who BIND("together" AS ?kind) }
        UNION { ?e <${mig}inConsultationWith> ?who BIND("consulted" AS ?kind) }
        OPTIONAL { ?who <${RDFS}label> ?label }
      }`,
    ),
  ]);
  // In one order whatever store answered (see compareRows).
  rows.sort(compareRows);
  links.sort(compareRows);
  const known = await thingsIn(ctx, rows, links);
  const together = new Map<string, Named[]>();
  const consulted = new Map<string, Named[]>();
  for (const row of links) {
    const e = value(row, 'e');
    const who = value(row, 'who');
    if (!e || !who) continue;
    const into = value(row, 'kind') === 'together' ? together : consulted;
    const list = into.get(e) ?? [];
    if (!list.some((n) => n.iri === who)) list.push(named(ctx, known, who, value(row, 'label')));
    into.set(e, list);
  }
  const result: NetworkRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const [e, member, role, body] = [value(row, 'e'), value(row, 'member'), value(row, 'role'), value(row, 'body')];
    if (!e || !member || !role || !body || seen.has(e)) continue;
    const info = known.get(e);
    if (info && (info.withdrawn || info.replacedBy)) continue;
    seen.add(e);
    result.push({
      engagement: named(ctx, known, e),
      member: named(ctx, known, member),
      role: named(ctx, known, role),
      body: named(ctx, known, body),
      process: named(ctx, known, value(row, 'process') ?? body),
      together: together.get(e) ?? [],
      consulted: consulted.get(e) ?? [],
    });
  }
  // Ties broken by the engagement's IRI: the same order whatever order the store returned the rows in.
  const key = (r: NetworkRow): string =>
    `${r.process.label}\u0000${r.role.label}\u0000${r.body.label}\u0000${r.engagement.iri}`;
  return bounded(result.sort((a, b) => key(a).localeCompare(key(b), 'en')));
}

/** The IDM editions in year order, with their themes where printed and their session counts. */
export async function idmYears(ctx: PageContext): Promise<Bounded<IdmYear>> {
  const mig = ontologyNamespace(ctx.baseIri);
  const rows = await ctx.store.select(
    `SELECT ?e ?year (MIN(?t) AS ?theme) (COUNT(DISTINCT ?s) AS ?sessions) WHERE {
      ?e <${RDF_TYPE}> <${mig}DialogueEdition> ; <${mig}year> ?year .
      OPTIONAL { ?e <${mig}theme> ?t }
      OPTIONAL { ?s <${mig}sessionOf> ?e }
    } GROUP BY ?e ?year ORDER BY ?year ?e`,
  );
  const known = await thingsIn(ctx, rows);
  const years = rows.flatMap((row) => {
    const e = value(row, 'e');
    const year = Number.parseInt(value(row, 'year') ?? '', 10);
    if (!e || !Number.isFinite(year)) return [];
    const theme = value(row, 'theme');
    return [
      { edition: named(ctx, known, e), year, sessions: Number(value(row, 'sessions') ?? 0), ...(theme ? { theme } : {}) },
    ];
  });
  return bounded(years);
}

/** The World Migration Report editions (the series' reports) in year order. */
export async function wmrEditions(ctx: PageContext): Promise<Bounded<WmrEdition>> {
  const mig = ontologyNamespace(ctx.baseIri);
  const rows = await ctx.store.select(
    `SELECT ?r ?year (MIN(?o) AS ?ordinal) (MIN(?t) AS ?title) WHERE {
      ?r <${mig}inSeries> ?series ; <${mig}year> ?year .
      FILTER(STRENDS(STR(?series), "/world-migration-report"))
      OPTIONAL { ?r <${mig}ordinal> ?o }
      OPTIONAL { ?r <${DCT}title> ?t }
    } GROUP BY ?r ?year ORDER BY ?year ?r`,
  );
  const known = await thingsIn(ctx, rows);
  const editions = rows.flatMap((row) => {
    const r = value(row, 'r');
    const year = Number.parseInt(value(row, 'year') ?? '', 10);
    if (!r || !Number.isFinite(year)) return [];
    const report = named(ctx, known, r);
    const ordinal = Number.parseInt(value(row, 'ordinal') ?? '', 10);
    return [
      { report, year, title: value(row, 'title') ?? report.label, ...(Number.isFinite(ordinal) ? { ordinal } : {}) },
    ];
  });
  return bounded(editions);
}

/** The migrant shares (mig:MigrantShare) of Africa's subregions, largest first, with the notes on them. */
export async function africaShares(ctx: PageContext): Promise<AfricaShares> {
  const mig = ontologyNamespace(ctx.baseIri);
  const QB = 'http://purl.org/linked-data/cube#';
  const [rows, notes] = await Promise.all([
    ctx.store.select(
      `SELECT ?obs ?sub ?subLabel ?pct ?year ?ds WHERE {
        ?obs <${RDF_TYPE}> <${mig}MigrantShare> ; <${mig}subregion> ?sub ; <${mig}percentage> ?pct .
        OPTIONAL { ?obs <${mig}year> ?year }
        OPTIONAL { ?obs <${QB}dataSet> ?ds }
        OPTIONAL { ?sub <${RDFS}label> ?subLabel }
      } ORDER BY DESC(?pct) ?obs ?ds ?year`,
    ),
    ctx.store.select(
      `SELECT DISTINCT ?note WHERE {
        ?obs <${RDF_TYPE}> <${mig}MigrantShare> .
        { ?obs <${QB}dataSet> ?ds . ?ds <${SKOS}note> ?note } UNION { ?obs <${SKOS}note> ?note }
      }`,
    ),
  ]);
  const known = await thingsIn(ctx, rows);
  const shares: Share[] = [];
  let dataset: Named | undefined;
  let year: number | undefined;
  for (const row of rows) {
    const [obs, sub, pct] = [value(row, 'obs'), value(row, 'sub'), Number(value(row, 'pct'))];
    if (!obs || !sub || !Number.isFinite(pct) || shares.some((s) => s.observation.iri === obs)) continue;
    shares.push({ observation: named(ctx, known, obs), subregion: named(ctx, known, sub, value(row, 'subLabel')), percentage: pct });
    const ds = value(row, 'ds');
    if (ds && !dataset) dataset = named(ctx, known, ds);
    const y = Number.parseInt(value(row, 'year') ?? '', 10);
    if (Number.isFinite(y)) year ??= y;
  }
  const sum = shares.reduce((total, s) => total + s.percentage, 0);
  // Notes on the data set first (they are about all the shares), then those on single shares.
  const noteTexts = notes.map((n) => value(n, 'note')).filter((n): n is string => n !== undefined);
  return {
    ...(dataset ? { dataset } : {}),
    ...(year !== undefined ? { year } : {}),
    shares: shares.slice(0, MAX_PICTURE_ITEMS),
    total: shares.length,
    sum: Math.round(sum * 100) / 100,
    notes: noteTexts.sort(
      (a, b) => Number(!/sum to/.test(a)) - Number(!/sum to/.test(b)) || (a < b ? -1 : a > b ? 1 : 0),
    ),
  };
}

/** What the dataset holds, in numbers: one aggregate query, plus the store's triple count. */
export async function homeCounts(ctx: PageContext): Promise<HomeCounts> {
  const mig = ontologyNamespace(ctx.baseIri);
  const published = (collection: 'process' | 'organisation' | 'engagement'): number =>
    ctx.things.kinds(collection).members;
  const [row] = await ctx.store.select(
    `SELECT (COUNT(DISTINCT ?role) AS ?roles) (COUNT(DISTINCT ?idm) AS ?idmYears) (COUNT(DISTINCT ?wmr) AS ?wmrEditions) WHERE {
      { ?e <${ORG}member> ?member ; <${ORG}role> ?role }
      UNION { ?idm <${RDF_TYPE}> <${mig}DialogueEdition> }
      UNION { ?wmr <${mig}inSeries> ?series FILTER(STRENDS(STR(?series), "/world-migration-report")) }
    }`,
  );
  const n = (key: string): number => Number(row?.[key]?.value ?? 0);
  return {
    processes: published('process'),
    organisations: published('organisation'),
    engagements: published('engagement'),
    roles: n('roles'),
    idmYears: n('idmYears'),
    wmrEditions: n('wmrEditions'),
    triples: ctx.tripleCount,
  };
}
