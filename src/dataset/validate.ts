// SHACL validation of the data (with the ontology's class hierarchy) against the shapes.
import { DataFactory, Store, type Quad, type Term } from 'n3';
import { Validator } from 'shacl-engine';
import { RDF, SH, XSD } from '../rdf/vocab.js';
import { MemoryStore } from '../oxigraph/memory-store.js';
import type { LoadedDataset } from './load.js';
import { sparqlPlugins } from './shacl-sparql.js';

/** One result of the validation report, as plain values for printing. */
export interface ValidationIssue {
  readonly severity: string;
  readonly focusNode: string;
  readonly path?: string;
  readonly message: string;
  readonly value?: string;
  /** True when the value is a literal (printed quoted), false for an IRI or blank node. */
  readonly valueIsLiteral?: boolean;
  readonly shape: string;
  readonly constraint: string;
}

export interface ValidationOutcome {
  readonly conforms: boolean;
  readonly issues: ValidationIssue[];
  /** The W3C SHACL validation report as RDF. */
  readonly report: Quad[];
}

const factory = { ...DataFactory, dataset: () => new Store() };

/**
 * Validates the data graph: the data plus the ontology, so that `sh:class` sees the
 * `rdfs:subClassOf` axioms (a mig:Division is an org:Organization). The core constraints run in
 * shacl-engine over an N3 store; SHACL-SPARQL runs in Oxigraph over `store`, which must hold the
 * same data and ontology (the validation worker loads it from the files). Without one, a store
 * is built from the dataset's quads.
 */
export async function validateDataset(
  dataset: Pick<LoadedDataset, 'data' | 'ontology' | 'shapes'>,
  given?: MemoryStore,
  keepFocus?: (focus: Term) => boolean,
): Promise<ValidationOutcome> {
  const store = given ?? MemoryStore.fromDataset(dataset);
  try {
    return await validateWith(dataset, store, keepFocus);
  } finally {
    if (!given) store.free();
  }
}

async function validateWith(
  dataset: Pick<LoadedDataset, 'data' | 'ontology' | 'shapes'>,
  store: MemoryStore,
  keepFocus?: (focus: Term) => boolean,
): Promise<ValidationOutcome> {
  // shacl-engine reads rdfs:subClassOf for sh:class from the shapes graph, so the ontology goes there too.
  const shapes = new Store(dataset.shapes);
  shapes.addQuads(dataset.ontology);
  const data = new Store(dataset.data);
  data.addQuads(dataset.ontology);
  const validator = new Validator(shapes, { factory, ...sparqlPlugins((query) => store.select(query)) });
  const report = await validator.validate({ dataset: data });
  const reportStore = new Store([...report.dataset]);
  const conforms = keepFocus ? keepResults(reportStore, keepFocus) : report.conforms;
  return {
    conforms,
    issues: readIssues(reportStore),
    report: reportStore.getQuads(null, null, null, null),
  };
}

/**
 * Drops from a report the results whose focus node `keep` refuses, with what hangs from them
 * (their blank nodes), and sets sh:conforms to what remains: true when no result does, as
 * shacl-engine reports it (every result counts, whatever its severity). Returns sh:conforms.
 */
function keepResults(report: Store, keep: (focus: Term) => boolean): boolean {
  const result = DataFactory.namedNode(`${SH}result`);
  for (const link of report.getQuads(null, result, null, null)) {
    const focus = report.getObjects(link.object, DataFactory.namedNode(`${SH}focusNode`), null)[0];
    if (focus && keep(focus)) continue;
    report.removeQuad(link);
    removeTree(report, link.object);
  }
  const conforms = report.getQuads(null, result, null, null).length === 0;
  const flag = DataFactory.namedNode(`${SH}conforms`);
  for (const old of report.getQuads(null, flag, null, null)) {
    report.removeQuad(old);
    report.addQuad(old.subject, flag, DataFactory.literal(String(conforms), DataFactory.namedNode(`${XSD}boolean`)));
  }
  return conforms;
}

/** Removes a node's statements, and those of the blank nodes below it. */
function removeTree(report: Store, node: Term): void {
  for (const quad of report.getQuads(node, null, null, null)) {
    report.removeQuad(quad);
    if (quad.object.termType === 'BlankNode' && report.countQuads(null, null, quad.object, null) === 0)
      removeTree(report, quad.object);
  }
}

/** Reads the sh:result nodes of a report graph into plain issues, sorted for stable output. */
export function readIssues(report: Store): ValidationIssue[] {
  const one = (subject: Term, predicate: string): Term | undefined =>
    report.getObjects(subject, DataFactory.namedNode(SH + predicate), null)[0];
  return report
    .getObjects(null, DataFactory.namedNode(`${SH}result`), null)
    .map((result) => {
      const path = one(result, 'resultPath');
      const value = one(result, 'value');
      return {
        severity: localName(one(result, 'resultSeverity')?.value ?? `${SH}Violation`),
        focusNode: one(result, 'focusNode')?.value ?? '',
        ...(path ? { path: describePath(report, path) } : {}),
        message: report
          .getObjects(result, DataFactory.namedNode(`${SH}resultMessage`), null)
          .map((m) => m.value)
          .join(' '),
        ...(value ? { value: value.value, valueIsLiteral: value.termType === 'Literal' } : {}),
        shape: one(result, 'sourceShape')?.value ?? '',
        constraint: localName(one(result, 'sourceConstraintComponent')?.value ?? ''),
      };
    })
    .sort((a, b) => a.focusNode.localeCompare(b.focusNode) || (a.path ?? '').localeCompare(b.path ?? ''));
}

// A result path is an IRI or a SHACL path node; inverse paths are the only complex
// paths our shapes use, shown as `^p` like SPARQL property paths.
function describePath(report: Store, path: Term): string {
  if (path.termType === 'NamedNode') return path.value;
  const inverse = report.getObjects(path, DataFactory.namedNode(`${SH}inversePath`), null)[0];
  if (inverse) return `^${inverse.value}`;
  const first = report.getObjects(path, DataFactory.namedNode(`${RDF}first`), null)[0];
  return first ? `(${first.value} ...)` : '(complex path)';
}

function localName(iri: string): string {
  return iri.replace(/^.*[#/]/, '');
}
