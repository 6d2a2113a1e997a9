// Validation in batches gives the verdict of validating the graph whole: the real data with every
// shape fixture beside it, checked one group of files per batch, reports what the whole graph
// reports, no more, no less; links and statements across files are read as across the graph.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src/dataset/errors.js';
import { loadDataset } from '../../../src/dataset/load.js';
import { validateInBatches } from '../../../src/dataset/validate-batches.js';
import { validateDataset, type ValidationIssue } from '../../../src/dataset/validate.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/shapes');
const HEAD = `@prefix mig: <ontology#> .
@prefix organisation: <id/organisation/> .
@prefix engagement: <id/engagement/> .
@prefix process: <id/process/> .
@prefix role: <id/role/> .
@prefix section: <id/section/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dct: <http://purl.org/dc/terms/> .
`;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'batches-'));
  for (const part of ['ontology', 'shapes', 'data'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  // Every fixture, valid and invalid, as a data file of its own.
  for (const name of await readdir(FIXTURES))
    if (name.endsWith('.ttl')) await cp(path.join(FIXTURES, name), path.join(root, 'data', `fixture-${name}`));
  // An engagement whose process is described in other files only: its sh:class holds
  // through the other file's rdf:type.
  await writeFile(
    path.join(root, 'data', 'x-cross-link.ttl'),
    `${HEAD}engagement:x-cross a mig:Engagement ;
  rdfs:label "IOM as participant of the cross-file process"@en ;
  org:member organisation:iom ;
  org:organization process:x-cross-process ;
  org:role role:participant ;
  dct:source section:iscm-iom-participation .
`,
  );
  // A process described in two files, one of which gives it a label in a second language twice.
  await writeFile(
    path.join(root, 'data', 'x-split-1.ttl'),
    `${HEAD}process:x-cross-process a mig:RegionalConsultativeProcess ;
  rdfs:label "Cross-file process"@en ;
  dct:source section:inter-state-consultation-mechanisms .
`,
  );
  await writeFile(
    path.join(root, 'data', 'y-split-2.ttl'),
    `${HEAD}process:x-cross-process rdfs:label "Processus"@fr , "Processus transversal"@fr ;
  org:linkedTo process:x-not-described .
`,
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An issue as a string, a blank node's label (which each parse gives anew) left out. */
const key = (i: ValidationIssue): string =>
  JSON.stringify({
    ...i,
    value: i.value !== undefined && i.valueIsLiteral === false && !i.value.includes(':') ? '_:' : i.value,
  });

describe('validation in batches', () => {
  it('reports what validating the graph whole reports, with one group of files per batch', async () => {
    const whole = await validateDataset(await loadDataset({ root, baseIri: TEST_BASE }));
    const batched = await validateInBatches({ root, baseIri: TEST_BASE, batchTriples: 1 });
    expect(whole.conforms).toBe(false);
    expect(whole.issues.length).toBeGreaterThan(30);
    expect(batched.issues.map(key).sort()).toEqual(whole.issues.map(key).sort());
    expect(batched.conforms).toBe(false);
    // One report node, one sh:result per issue.
    const results = batched.report.filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#result');
    expect(new Set(results.map((q) => q.subject.value)).size).toBe(1);
    expect(results).toHaveLength(batched.issues.length);
  });

  it('reads links and statements across files as the whole graph does', async () => {
    const batched = await validateInBatches({ root, baseIri: TEST_BASE, batchTriples: 1 });
    const about = (iri: string): ValidationIssue[] =>
      batched.issues.filter((i) => i.focusNode === `${TEST_BASE}id/${iri}`);
    // The engagement's process has its type in another file: no issue.
    expect(about('engagement/x-cross')).toEqual([]);
    // The process's two files are checked together: both French labels, and the undescribed link.
    const process = about('process/x-cross-process');
    expect(process.map((i) => i.constraint)).toEqual(
      expect.arrayContaining(['SPARQLConstraintComponent', 'UniqueLangConstraintComponent']),
    );
    expect(process.find((i) => i.constraint === 'SPARQLConstraintComponent')?.value).toBe(
      `${TEST_BASE}id/process/x-not-described`,
    );
  });

  it('gives the real data, in the default batches, the verdict it has whole: it conforms', async () => {
    const outcome = await validateInBatches({ root: ROOT, baseIri: TEST_BASE });
    expect(outcome.issues).toEqual([]);
    expect(outcome.conforms).toBe(true);
  });

  it('refuses shapes it cannot check in batches, rather than give a partial verdict', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'batches-shape-'));
    try {
      for (const part of ['ontology', 'data'])
        await cp(path.join(ROOT, part), path.join(other, part), { recursive: true });
      await mkdir(path.join(other, 'shapes'));
      await writeFile(
        path.join(other, 'shapes', 'inverse.ttl'),
        `@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix org: <http://www.w3.org/ns/org#> .
<shapes#Inverse> a sh:NodeShape ; sh:targetClass org:Organization ;
  sh:property [ sh:path [ sh:inversePath org:member ] ; sh:minCount 1 ] .
`,
      );
      const error = await validateInBatches({ root: other, baseIri: TEST_BASE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as Error).message).toMatch(/complex sh:path, which validation in batches does not check/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
