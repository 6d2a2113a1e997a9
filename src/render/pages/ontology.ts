// The ontology: HTML documentation of every class and property (label, definitions, domain, range,
// super- and sub-terms, how much the data uses it, an example), the diagram of the model (SVG), or
// the ontology's RDF.
import { DataFactory, type Term } from 'n3';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { curieOf, thingSpace } from '../../rdf/layout.js';
import { OWL, RDF, RDFS, SKOS, XSD, ontologyNamespace } from '../../rdf/vocab.js';
import { alternatesFor } from '../html.js';
import { modelDiagram, type DiagramEdge, type DiagramNode } from '../model-diagram.js';
import { makeRepresentation, type Representation } from '../representation.js';
import { describeValue, hrefFor, type ValueView } from '../resource/value-view.js';
import type { SchemaNode } from '../schema-org.js';
import { vocabularyUsage, type TermUse, type VocabularyUsage } from '../vocabulary-usage.js';
import { htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';
import type { ThingInfo } from '../../resolve/thing-index.js';

const { namedNode } = DataFactory;

export type TermKind = 'class' | 'object' | 'datatype';

/** One class or property of our namespace, as the ontology states it. */
export interface OntologyTerm {
  readonly iri: string;
  readonly local: string;
  readonly curie: string;
  readonly kind: TermKind;
  readonly label: string;
  readonly comment?: string;
  readonly definitions: readonly string[];
  readonly domain: readonly Term[];
  readonly range: readonly Term[];
  /** rdfs:subClassOf / rdfs:subPropertyOf, and the terms of ours stating this one as theirs. */
  readonly parents: readonly Term[];
  readonly children: readonly string[];
}

/** Every class and property of our namespace, in order of local name. */
export function ontologyTerms(ctx: PageContext): { classes: OntologyTerm[]; properties: OntologyTerm[] } {
  const mig = ontologyNamespace(ctx.baseIri);
  const store = ctx.ontologyStore;
  const kindOf = (types: string[]): TermKind | undefined =>
    types.includes(`${OWL}Class`) || types.includes(`${RDFS}Class`)
      ? 'class'
      : types.includes(`${OWL}ObjectProperty`)
        ? 'object'
        : types.includes(`${OWL}DatatypeProperty`) || types.includes(`${RDF}Property`)
          ? 'datatype'
          : undefined;
  const terms = store
    .typedSubjects()
    .filter((s) => s.termType === 'NamedNode' && s.value.startsWith(mig) && s.value.length > mig.length)
    .flatMap((s) => {
      const kind = kindOf(store.types(s));
      if (!kind) return [];
      const parent = kind === 'class' ? `${RDFS}subClassOf` : `${RDFS}subPropertyOf`;
      return [
        {
          iri: s.value,
          local: s.value.slice(mig.length),
          curie: `mig:${s.value.slice(mig.length)}`,
          kind,
          label: ctx.labels.label(s.value),
          comment: ctx.labels.comment(s.value),
          definitions: store.objects(s, `${SKOS}definition`).map((d) => d.value),
          domain: store.objects(s, `${RDFS}domain`),
          range: store.objects(s, `${RDFS}range`),
          parents: store.objects(s, parent),
          children: [] as string[],
        },
      ];
    })
    .sort((a, b) => a.local.localeCompare(b.local));
  const byIri = new Map(terms.map((t) => [t.iri, t]));
  for (const term of terms)
    for (const p of term.parents) {
      const parent = byIri.get(p.value);
      if (parent && (parent.kind === 'class') === (term.kind === 'class')) parent.children.push(term.iri);
    }
  for (const term of terms) term.children.sort();
  return {
    classes: terms.filter((t) => t.kind === 'class'),
    properties: terms.filter((t) => t.kind !== 'class'),
  };
}

/** The diagram's nodes and edges: our classes, the classes our object properties link, and how. */
export function diagramModel(ctx: PageContext): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const mig = ontologyNamespace(ctx.baseIri);
  const { classes, properties } = ontologyTerms(ctx);
  const nodes = new Map<string, DiagramNode>();
  const page = onSite(ctx, `${ctx.baseIri}ontology`);
  for (const c of classes) nodes.set(c.iri, { id: c.iri, label: c.local, title: c.label, href: `${page}#${c.local}` });
  const node = (iri: string): string => {
    if (!nodes.has(iri)) {
      const name = curieOf(ctx.prefixes, iri) ?? iri;
      const href = hrefFor(iri, ctx.baseIri, ctx.siteUrl);
      nodes.set(iri, { id: iri, label: name, title: name, external: true, ...(href ? { href } : {}) });
    }
    return iri;
  };
  const edges: DiagramEdge[] = [];
  for (const p of properties) {
    if (p.kind !== 'object') continue;
    const isClass = (t: Term): boolean =>
      t.termType === 'NamedNode' && !t.value.startsWith(XSD) && t.value !== `${RDF}langString`;
    for (const d of p.domain.filter(isClass))
      for (const r of p.range.filter(isClass))
        edges.push({
          from: node(d.value),
          to: node(r.value),
          kind: 'property',
          label: p.iri.startsWith(mig) ? p.local : p.curie,
          title: `${p.curie} (${p.label})`,
          href: `${page}#${p.local}`,
        });
  }
  // Each class to its superclasses, ours and those of the vocabularies it is aligned to.
  for (const c of classes)
    for (const p of c.parents)
      if (p.termType === 'NamedNode') edges.push({ from: c.iri, to: node(p.value), kind: 'subclass', label: '' });
  return { nodes: [...nodes.values()], edges };
}

/** BASE/ontology.svg: the classes and the object properties between them, laid out by Graphviz. */
export async function ontologyDiagram(ctx: PageContext): Promise<Representation> {
  return makeRepresentation(await diagramSvg(ctx, true), 'image/svg+xml; charset=utf-8');
}

function diagramSvg(ctx: PageContext, standalone: boolean): Promise<string> {
  const { nodes, edges } = diagramModel(ctx);
  const title = `Diagram of the ${ctx.ontologyStore.label(namedNode(`${ctx.baseIri}ontology`)) ?? 'ontology'}`;
  const classes = nodes.filter((n) => !n.external).length;
  const linked = edges.filter((e) => e.kind === 'property').length;
  const description =
    `${classes} classes of the ontology (blue boxes) and the classes of other vocabularies they build on or link to (grey boxes), ` +
    `with ${linked} object properties from their domain to their range (labelled arrows) and each subclass ` +
    `pointing to its superclasses (dashed arrows with a hollow head). The tables of the ontology page list the same in text.`;
  return modelDiagram({ title, description, nodes, edges, standalone });
}

export function ontologyDocument(ctx: PageContext, format: FormatEntry): Promise<Representation> | Representation {
  const stem = `${ctx.baseIri}ontology`;
  if (format.rdf) return rdfDocument(ctx, ctx.ontology, format, stem);
  return ontologyPage(ctx, stem);
}

async function ontologyPage(ctx: PageContext, stem: string): Promise<Representation> {
  const mig = ontologyNamespace(ctx.baseIri);
  const [usage, svg] = await Promise.all([vocabularyUsage(ctx.store, thingSpace(ctx.baseIri)), diagramSvg(ctx, false)]);
  const labelOf = (iri: string): string | undefined => ctx.ontologyStore.label(namedNode(iri));
  const value = (t: Term): ValueView => {
    const shown = describeValue(t, labelOf, ctx.baseIri, ctx.siteUrl);
    if (t.termType !== 'NamedNode') return shown;
    const curie = curieOf(ctx.prefixes, t.value);
    return {
      ...shown,
      // Prefixed names, as a query writes them (the label is the entry's own heading).
      ...(curie ? { text: curie } : {}),
      href: t.value.startsWith(mig) ? `#${t.value.slice(mig.length)}` : hrefFor(t.value, ctx.baseIri, ctx.siteUrl),
    };
  };
  const { classes, properties } = ontologyTerms(ctx);
  const examples = await ctx.things.getMany(
    [...usage.classes.values(), ...usage.properties.values()].flatMap((use) => (use.example ? [use.example] : [])),
  );
  const view = (term: OntologyTerm, uses: VocabularyUsage['classes']) => ({
    local: term.local,
    curie: term.curie,
    iri: term.iri,
    isClass: term.kind === 'class',
    kind: term.kind === 'object' ? 'object property' : term.kind === 'datatype' ? 'datatype property' : 'class',
    label: term.label,
    comment: term.comment,
    definitions: term.definitions,
    domain: term.domain.map(value),
    range: term.range.map(value),
    parents: term.parents.map(value),
    children: term.children.map((c) => value(namedNode(c))),
    ...useView(ctx, examples, uses.get(term.iri)),
  });
  const ontology = namedNode(stem);
  const title = ctx.ontologyStore.label(ontology) ?? 'Ontology';
  const comment = ctx.ontologyStore.objects(ontology, `${RDFS}comment`)[0]?.value;
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTermSet',
    '@id': stem,
    url: stem,
    name: title,
    ...(comment ? { description: comment } : {}),
  };
  return htmlPage(
    ctx,
    'ontology',
    {
      title,
      canonical: stem,
      alternates: alternatesFor(
        onSite(ctx, stem),
        FORMATS.filter((f) => f.rdf),
      ),
      schema,
    },
    {
      comment,
      namespace: mig,
      version: ctx.ontologyStore.objects(ontology, `${OWL}versionInfo`)[0]?.value,
      diagram: svg,
      diagramHref: onSite(ctx, `${stem}.svg`),
      classes: classes.map((c) => view(c, usage.classes)),
      properties: properties.map((p) => view(p, usage.properties)),
    },
  );
}

/** The count and example of one term, for the page. */
function useView(
  ctx: PageContext,
  examples: ReadonlyMap<string, ThingInfo>,
  use: TermUse | undefined,
): Record<string, unknown> {
  const count = use?.count ?? 0;
  if (!use?.example) return { count };
  const thing = examples.get(use.example);
  const href = hrefFor(use.example, ctx.baseIri, ctx.siteUrl);
  return {
    count,
    example: {
      text: thing?.label ?? curieOf(ctx.prefixes, use.example) ?? use.example,
      iri: use.example,
      ...(href ? { href } : {}),
    },
  };
}
