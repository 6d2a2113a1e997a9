// SHACL validation in bounded batches: what validating needs in memory is one batch of files and
// an index of the data's things, not the whole data (10 M triples did not fit; validate.ts checks
// one graph whole, and checks each batch here).
//
// Why a batch's verdict is the whole graph's: a focus node is checked in the batch of the files
// that state anything about it (files that share a subject are one group, never split), and the
// batch holds, beside its files and the ontology, the rdf:type of every IRI its statements link
// to. Our shapes look no further than that: paths are single predicates out of the focus node,
// sh:class reads the value's types, and the SPARQL-based shapes read the focus node's own
// statements and whether what it links to has a type. A shape that reads further (an inverse
// path, sh:node on a value, a SPARQL query over other things' statements) would need more
// context; assertBatchable refuses such shapes rather than give a partial verdict.
import { DataFactory, Store, type Quad, type Term } from 'n3';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { RDF, SH, XSD } from '../rdf/vocab.js';
import { DatasetError } from './errors.js';
import { listTurtleFiles, readPartFile, type LoadProgress } from './load.js';
import { readIssues, validateDataset, type ValidationOutcome } from './validate.js';

/** Triples per batch (a group of files sharing subjects is never split, so a batch may hold more). */
export const DEFAULT_BATCH_TRIPLES = 250_000;

export interface BatchJob {
  readonly root: string;
  readonly baseIri: string;
  readonly batchTriples?: number;
}

export interface BatchProgress extends LoadProgress {
  /** parse: the index is read from every file; check: the batches are validated (files of total). */
  readonly phase: 'parse' | 'check';
}

const TYPE = `${RDF}type`;

/** Validates the dataset under `root` batch by batch; see the module comment. */
export async function validateInBatches(
  job: BatchJob,
  tell: (progress: BatchProgress) => void = () => undefined,
): Promise<ValidationOutcome> {
  const { root, baseIri } = job;
  const ontologyFiles = await listTurtleFiles(path.join(root, 'ontology'));
  const dataFiles = await listTurtleFiles(path.join(root, 'data'));
  const shapeFiles = await listTurtleFiles(path.join(root, 'shapes'));
  const totalFiles = ontologyFiles.length + dataFiles.length + shapeFiles.length;
  let filesRead = 0;
  let triples = 0;
  const readAll = async (part: 'ontology' | 'shapes', files: string[]): Promise<Quad[]> => {
    const quads: Quad[] = [];
    for (const file of files) {
      for (const quad of (await readPartFile(part, file, baseIri)).quads) quads.push(quad);
      tell({ phase: 'parse', files: ++filesRead, totalFiles, triples: triples + quads.length });
    }
    triples += quads.length;
    return quads;
  };
  const shapes = await readAll('shapes', shapeFiles);
  assertBatchable(shapes, root);
  const ontology = await readAll('ontology', ontologyFiles);

  // The index: who states things about each IRI (a data file, grouped with the others that do),
  // and each IRI's types. Strings are kept once: types are few.
  const index = new SubjectIndex(dataFiles.length);
  for (const quad of ontology) index.noteType(quad);
  const fileTriples: number[] = [];
  for (const [i, file] of dataFiles.entries()) {
    const { quads } = await readPartFile('data', file, baseIri);
    for (const quad of quads) index.note(quad, i);
    fileTriples.push(quads.length);
    triples += quads.length;
    tell({ phase: 'parse', files: ++filesRead, totalFiles, triples });
  }

  const batches = index.batches(fileTriples, job.batchTriples ?? DEFAULT_BATCH_TRIPLES);
  const results: Quad[] = [];
  let filesChecked = 0;
  tell({ phase: 'check', files: 0, totalFiles: dataFiles.length, triples });
  for (const [b, batch] of batches.entries()) {
    const data: Quad[] = [];
    for (const i of batch)
      for (const quad of (await readPartFile('data', dataFiles[i] as string, baseIri)).quads) data.push(quad);
    const context = index.contextFor(data, b);
    for (const quad of context) data.push(quad);
    // Ontology subjects (and IRIs no data file describes) are checked in the first batch only.
    const keep = (focus: Term): boolean => focus.termType !== 'NamedNode' || index.batchOf(focus.value) === b;
    const outcome = await validateDataset({ data, ontology, shapes }, undefined, keep);
    for (const quad of outcome.report) results.push(quad);
    filesChecked += batch.length;
    // What the batch held is garbage now: collected before the next batch is read. The worker's
    // heap limit is set high for the index (validate-in-worker.ts), and V8 would otherwise let
    // garbage pile up towards it (4 GB at 10 M triples) before collecting.
    collectGarbage();
    tell({ phase: 'check', files: filesChecked, totalFiles: dataFiles.length, triples });
  }
  if (batches.length === 0) {
    const outcome = await validateDataset({ data: [], ontology, shapes });
    for (const quad of outcome.report) results.push(quad);
  }
  return mergeReports(results);
}

let gc: (() => void) | undefined;

/** A full garbage collection, now (V8's gc(), reached through a context of its own). */
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Subjects' groups of files, types, and the batches made of them. */
class SubjectIndex {
  /** The first data file stating something about each IRI subject. */
  private readonly owner = new Map<string, number>();
  /** Each IRI's types, space-separated (IRIs have no spaces), the strings shared. */
  private readonly types = new Map<string, string>();
  private readonly typeSets = new Map<string, string>();
  /** Union-find over data files: files that share a subject are one group. */
  private readonly parent: number[];
  private batchOfGroup = new Map<number, number>();

  constructor(files: number) {
    this.parent = Array.from({ length: files }, (_, i) => i);
  }

  note(quad: Quad, file: number): void {
    const subject = quad.subject;
    if (subject.termType !== 'NamedNode') return;
    const first = this.owner.get(subject.value);
    if (first === undefined) this.owner.set(subject.value, file);
    else if (first !== file) this.union(first, file);
    this.noteType(quad);
  }

  noteType(quad: Quad): void {
    if (quad.subject.termType !== 'NamedNode' || quad.predicate.value !== TYPE || quad.object.termType !== 'NamedNode')
      return;
    const had = this.types.get(quad.subject.value);
    if (had !== undefined && had.split(' ').includes(quad.object.value)) return;
    const joined = had === undefined ? quad.object.value : `${had} ${quad.object.value}`;
    let shared = this.typeSets.get(joined);
    if (shared === undefined) this.typeSets.set(joined, (shared = joined));
    this.types.set(quad.subject.value, shared);
  }

  /** The groups packed, in file order, into batches of about `size` triples: each a list of files. */
  batches(fileTriples: readonly number[], size: number): number[][] {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < fileTriples.length; i++) {
      const root = this.find(i);
      const files = groups.get(root);
      if (files) files.push(i);
      else groups.set(root, [i]);
    }
    const batches: number[][] = [];
    let current: number[] = [];
    let held = 0;
    for (const [root, files] of groups) {
      const triples = files.reduce((sum, i) => sum + (fileTriples[i] ?? 0), 0);
      if (current.length > 0 && held + triples > size) {
        batches.push(current);
        current = [];
        held = 0;
      }
      this.batchOfGroup.set(root, batches.length);
      current.push(...files);
      held += triples;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  /** The batch that checks an IRI: its group's, or the first for what no data file describes. */
  batchOf(iri: string): number {
    const file = this.owner.get(iri);
    return file === undefined ? 0 : (this.batchOfGroup.get(this.find(file)) ?? 0);
  }

  /** The rdf:type statements of what a batch's statements link to and other batches describe. */
  contextFor(data: readonly Quad[], batch: number): Quad[] {
    const seen = new Set<string>();
    const context: Quad[] = [];
    for (const { object } of data) {
      if (object.termType !== 'NamedNode' || seen.has(object.value)) continue;
      seen.add(object.value);
      if (this.batchOf(object.value) === batch && this.owner.has(object.value)) continue;
      for (const type of this.types.get(object.value)?.split(' ') ?? [])
        context.push(DataFactory.quad(object, DataFactory.namedNode(TYPE), DataFactory.namedNode(type)));
    }
    return context;
  }

  private find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Refuses shapes that read beyond a batch's context (see the module comment): inverse or other
 * complex paths, and shapes on values (sh:node, sh:qualifiedValueShape, sh:property below a
 * property shape). SPARQL-based shapes are allowed: ours read only the focus node's statements
 * and its values' types, which shapes.test.ts checks against whole-graph validation.
 */
function assertBatchable(shapes: readonly Quad[], root: string): void {
  const store = new Store([...shapes]);
  for (const quad of store.getQuads(null, DataFactory.namedNode(`${SH}path`), null, null))
    if (quad.object.termType !== 'NamedNode')
      throw new DatasetError(
        `the shape ${quad.subject.value} has a complex sh:path, which validation in batches does not check (it reads other things' statements)`,
        path.join(root, 'shapes'),
      );
  for (const name of ['node', 'qualifiedValueShape'])
    for (const quad of store.getQuads(null, DataFactory.namedNode(`${SH}${name}`), null, null))
      throw new DatasetError(
        `the shape ${quad.subject.value} uses sh:${name}, which validation in batches does not check (it reads the values' own statements)`,
        path.join(root, 'shapes'),
      );
}

/** One report from the batches' reports: one sh:ValidationReport node holding every result. */
function mergeReports(quads: readonly Quad[]): ValidationOutcome & { report: Quad[] } {
  const store = new Store([...quads]);
  const report = DataFactory.blankNode();
  const resultIri = DataFactory.namedNode(`${SH}result`);
  const reports = store.getSubjects(
    DataFactory.namedNode(`${RDF}type`),
    DataFactory.namedNode(`${SH}ValidationReport`),
    null,
  );
  const merged: Quad[] = [];
  let results = 0;
  for (const quad of store.getQuads(null, null, null, null)) {
    if (reports.some((r) => r.equals(quad.subject))) {
      if (!quad.predicate.equals(resultIri)) continue;
      merged.push(DataFactory.quad(report, resultIri, quad.object));
      results++;
    } else merged.push(quad);
  }
  const conforms = results === 0;
  merged.push(
    DataFactory.quad(report, DataFactory.namedNode(`${RDF}type`), DataFactory.namedNode(`${SH}ValidationReport`)),
    DataFactory.quad(
      report,
      DataFactory.namedNode(`${SH}conforms`),
      DataFactory.literal(String(conforms), DataFactory.namedNode(`${XSD}boolean`)),
    ),
  );
  return { conforms, issues: readIssues(new Store(merged)), report: merged };
}
