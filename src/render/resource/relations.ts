// What a resource page needs beyond the thing's description, read through the store interface
// only (DataReads: select and labels), so it works unchanged on a remote SPARQL store:
// the engagements (org:Membership) that connect the thing, the posts of a person or a unit,
// the year and ordinal of everything listed (the data's order), and the series it is part of.
import type { Quad } from 'n3';
import type { Description } from '../../rdf/document.js';
import { ORG, RDF, SCHEMA, ontologyNamespace } from '../../rdf/vocab.js';
import { writableIri } from '../../rdf/lexical.js';
import { compareRows, type DataReads, type Row } from '../../store/store.js';

/** One engagement: who, in what role, in which body and process, with whom; IRIs. */
export interface Engagement {
  readonly iri: string;
  readonly members: string[];
  readonly roles: string[];
  readonly bodies: string[];
  readonly processes: string[];
  readonly partners: string[];
  readonly consulted: string[];
  readonly through: string[];
  readonly since?: string;
}

/** A post and where it is, or who holds it. */
export interface Post {
  readonly post: string;
  readonly units: string[];
  readonly holders: string[];
}

/** Where a thing stands in a series: its siblings in order (by year, then ordinal, then label). */
export interface Series {
  readonly property: string;
  readonly parent: string;
  readonly members: string[];
}

export interface OrderKey {
  readonly year?: number;
  readonly ordinal?: number;
}

export interface Relations {
  readonly engagements: Engagement[];
  /** The posts the thing (a person) holds, with their units. */
  readonly posts: Post[];
  /** The posts in the thing (a unit), with their holders. */
  readonly staff: Post[];
  readonly order: ReadonlyMap<string, OrderKey>;
  readonly series: Series[];
  /** The thing's postal addresses (schema:address) with their parts, by schema.org name. */
  readonly addresses: Address[];
  /** The label triples of every IRI above. */
  readonly labels: Quad[];
}

/** A postal address: its IRI and the parts the data gives (streetAddress, postalCode, ...). */
export interface Address {
  readonly iri: string;
  readonly parts: Readonly<Record<string, string>>;
}

/** The parts of a schema:PostalAddress the pages read, by their schema.org names. */
export const ADDRESS_PARTS = ['streetAddress', 'postalCode', 'addressLocality', 'addressRegion', 'addressCountry'];

export const NO_RELATIONS: Relations = {
  engagements: [],
  posts: [],
  staff: [],
  order: new Map(),
  series: [],
  addresses: [],
  labels: [],
};

/** The engagement properties that link a thing to an engagement, and what each slot holds. */
export function engagementProperties(baseIri: string): Readonly<Record<string, keyof Engagement>> {
  const mig = ontologyNamespace(baseIri);
  return {
    [`${ORG}member`]: 'members',
    [`${ORG}organization`]: 'bodies',
    [`${ORG}role`]: 'roles',
    [`${mig}forProcess`]: 'processes',
    [`${mig}togetherWith`]: 'partners',
    [`${mig}inConsultationWith`]: 'consulted',
    [`${mig}through`]: 'through',
  };
}

/** The properties along which a thing has previous and next siblings. */
export function seriesProperties(baseIri: string): string[] {
  const mig = ontologyNamespace(baseIri);
  return [`${mig}inSeries`, `${mig}editionOf`, `${mig}sessionOf`];
}

const iriList = (iris: Iterable<string>): string => [...iris].map((i) => `<${i}>`).join(' ');
/**
 * IRIs for `FILTER(?p IN (...))`. A predicate from a VALUES block (`VALUES ?p {...} ?e ?p ?o`) makes
 * Oxigraph read every triple of those predicates before the join: 3.3 s for a page's engagements at
 * 1 M triples, 29 ms with the filter (the subject is then bound first, by its VALUES).
 */
const iriSet = (iris: Iterable<string>): string => [...iris].map((i) => `<${i}>`).join(', ');

/**
 * IRIs per VALUES block: a much-linked thing lists tens of thousands, and a store refuses a query
 * that large (Virtuoso: "Maximum size (32767) of a code vector exceeded" at 450 KB).
 */
const VALUES_BATCH = 500;

/** The rows of one query per batch of IRIs, one batch after another, together. */
async function inBatches(iris: readonly string[], query: (batch: readonly string[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < iris.length; i += VALUES_BATCH) rows.push(...(await query(iris.slice(i, i + VALUES_BATCH))));
  return rows;
}

/** Reads the relations of a described thing: a few SELECTs and one labels call. */
export async function readRelations(store: DataReads, described: Description, baseIri: string): Promise<Relations> {
  const { iri } = described;
  const mig = ontologyNamespace(baseIri);
  const slots = engagementProperties(baseIri);
  const links = Object.keys(slots).filter((p) => p !== `${ORG}role`);
  const own = described.own.filter((q) => q.subject.value === iri);
  const seriesOf = own.filter(
    (q) =>
      seriesProperties(baseIri).includes(q.predicate.value) &&
      q.object.termType === 'NamedNode' &&
      writableIri(q.object.value),
  );

  // Only what the description holds is looked up (a document's page: rdf/document.ts), so the cost
  // follows the page: the engagements and posts pointing here are its inbound subjects, the posts
  // held its own objects, and the thing itself may be an engagement.
  const inboundBy = (predicates: readonly string[]): string[] => [
    ...new Set(
      described.inbound
        .filter((q) => predicates.includes(q.predicate.value) && q.subject.termType === 'NamedNode')
        .map((q) => q.subject.value)
        .filter(writableIri),
    ),
  ];
  const candidates = [iri, ...inboundBy(links).filter((e) => e !== iri)];
  const held = [
    ...new Set(
      own
        .filter((q) => q.predicate.value === `${ORG}holds` && q.object.termType === 'NamedNode')
        .map((q) => q.object.value)
        .filter(writableIri),
    ),
  ];
  const postsIn = inboundBy([`${ORG}postIn`]);
  const [engagementRows, postRows, staffRows, addressRows, ...seriesRows] = await Promise.all([
    inBatches(candidates, (batch) =>
      store.select(`SELECT ?e ?p ?o WHERE { VALUES ?e { ${iriList(batch)} }
        ?e <${RDF}type> ?type FILTER(?type IN (${iriSet([`${ORG}Membership`, `${mig}Engagement`])}))
        ?e ?p ?o FILTER(?p IN (${iriSet([...Object.keys(slots), `${SCHEMA}startDate`])})) }`),
    ),
    inBatches(held, (batch) =>
      store.select(
        `SELECT ?post ?unit WHERE { VALUES ?post { ${iriList(batch)} } OPTIONAL { ?post <${ORG}postIn> ?unit } }`,
      ),
    ),
    inBatches(postsIn, (batch) =>
      store.select(`SELECT ?post ?holder WHERE { VALUES ?post { ${iriList(batch)} }
        OPTIONAL { { ?holder <${ORG}holds> ?post } UNION { ?post <${ORG}heldBy> ?holder } } }`),
    ),
    store.select(`SELECT ?address ?part ?value WHERE { <${iri}> <${SCHEMA}address> ?address .
      ?address ?part ?value FILTER(?part IN (${iriSet(ADDRESS_PARTS.map((p) => SCHEMA + p))})) }`),
    ...seriesOf.map((q) => store.select(`SELECT ?s WHERE { ?s <${q.predicate.value}> <${q.object.value}> }`)),
  ]);

  // Rows in one order whatever store answered (stores return them in their own index order), so
  // the lists built from them (partners, posts, holders) read the same from every store.
  for (const rows of [engagementRows, postRows, staffRows, addressRows, ...seriesRows]) rows.sort(compareRows);

  const engagements = new Map<
    string,
    { -readonly [K in keyof Engagement]-?: K extends 'iri' | 'since' ? string : string[] }
  >();
  for (const row of engagementRows) {
    const e = row.e?.value;
    const p = row.p?.value;
    const o = row.o;
    if (!e || !p || !o) continue;
    let entry = engagements.get(e);
    if (!entry) {
      entry = {
        iri: e,
        members: [],
        roles: [],
        bodies: [],
        processes: [],
        partners: [],
        consulted: [],
        through: [],
        since: '',
      };
      engagements.set(e, entry);
    }
    if (p === `${SCHEMA}startDate`) entry.since = o.value;
    else if (o.termType === 'NamedNode') {
      const list = entry[slots[p] as Exclude<keyof Engagement, 'iri' | 'since'>];
      if (!list.includes(o.value)) list.push(o.value);
    }
  }
  const posts = groupPosts(postRows.map((r) => [r.post?.value, r.unit?.value, undefined]));
  const staff = groupPosts(staffRows.map((r) => [r.post?.value, undefined, r.holder?.value]));
  const addresses = new Map<string, Record<string, string>>();
  for (const row of addressRows) {
    const address = row.address?.value;
    if (!address || !row.part || !row.value) continue;
    const parts = addresses.get(address) ?? {};
    parts[row.part.value.slice(SCHEMA.length)] ??= row.value.value;
    addresses.set(address, parts);
  }
  const series = seriesOf.map((q, i) => ({
    property: q.predicate.value,
    parent: q.object.value,
    members: [...new Set((seriesRows[i] ?? []).map((r) => r.s?.value).filter((s): s is string => !!s))],
  }));

  // Everything listed: its year and ordinal (the data's order) and its label.
  const listed = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value && writableIri(value)) listed.add(value);
  };
  for (const q of described.own) if (q.object.termType === 'NamedNode') add(q.object.value);
  for (const q of described.inbound) add(q.subject.value);
  for (const e of engagements.values()) {
    add(e.iri);
    for (const list of [e.members, e.roles, e.bodies, e.processes, e.partners, e.consulted, e.through])
      list.forEach(add);
  }
  for (const p of [...posts, ...staff]) [p.post, ...p.units, ...p.holders].forEach(add);
  for (const s of series) [s.parent, ...s.members].forEach(add);
  const [orderRows, labels] = listed.size
    ? await Promise.all([
        inBatches([...listed], (batch) =>
          store.select(`SELECT ?s ?year ?ordinal WHERE { VALUES ?s { ${iriList(batch)} }
            OPTIONAL { ?s <${mig}year> ?year } OPTIONAL { ?s <${mig}ordinal> ?ordinal } }`),
        ),
        store.labels([...listed]),
      ])
    : [[], []];
  const order = new Map<string, OrderKey>();
  orderRows.sort(compareRows);
  for (const row of orderRows) {
    const s = row.s?.value;
    if (!s) continue;
    const year = row.year ? Number.parseInt(row.year.value, 10) : Number.NaN;
    const ordinal = row.ordinal ? Number(row.ordinal.value) : Number.NaN;
    const before = order.get(s) ?? {};
    order.set(s, {
      ...(Number.isFinite(year) ? { year } : before.year !== undefined ? { year: before.year } : {}),
      ...(Number.isFinite(ordinal) ? { ordinal } : before.ordinal !== undefined ? { ordinal: before.ordinal } : {}),
    });
  }
  return {
    engagements: [...engagements.values()].map(({ since, ...rest }) => ({ ...rest, ...(since ? { since } : {}) })),
    posts,
    staff,
    addresses: [...addresses].map(([address, parts]) => ({ iri: address, parts })),
    order,
    series,
    labels,
  };
}

function groupPosts(rows: Array<[string | undefined, string | undefined, string | undefined]>): Post[] {
  const posts = new Map<string, Post>();
  for (const [post, unit, holder] of rows) {
    if (!post) continue;
    const entry = posts.get(post) ?? { post, units: [], holders: [] };
    if (unit && !entry.units.includes(unit)) entry.units.push(unit);
    if (holder && !entry.holders.includes(holder)) entry.holders.push(holder);
    posts.set(post, entry);
  }
  return [...posts.values()];
}

/** Compares two IRIs in the data's order: by year, then ordinal; `undefined` when neither has one. */
export function compareByData(order: ReadonlyMap<string, OrderKey>, a: string, b: string): number | undefined {
  const ka = order.get(a) ?? {};
  const kb = order.get(b) ?? {};
  if (ka.year !== undefined && kb.year !== undefined && ka.year !== kb.year) return ka.year - kb.year;
  if (ka.ordinal !== undefined && kb.ordinal !== undefined && ka.ordinal !== kb.ordinal) return ka.ordinal - kb.ordinal;
  if ((ka.year !== undefined) !== (kb.year !== undefined)) return ka.year !== undefined ? -1 : 1;
  if ((ka.ordinal !== undefined) !== (kb.ordinal !== undefined)) return ka.ordinal !== undefined ? -1 : 1;
  return undefined;
}
