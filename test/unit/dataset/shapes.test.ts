// The SHACL shapes: every shape's fixtures, coverage of the data's classes, and the real data.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type LoadedDataset } from '../../../src/dataset/load.js';
import { parseTurtle } from '../../../src/dataset/read-turtle.js';
import { validateDataset, type ValidationIssue } from '../../../src/dataset/validate.js';
import { RDF, SH } from '../../../src/rdf/vocab.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/shapes');

interface ValidFixture {
  readonly file: string;
  readonly nodeShape: string;
}

interface InvalidFixture extends ValidFixture {
  readonly focusNode: string;
  readonly shape: string;
  readonly constraint: string;
  readonly path?: string;
  readonly value?: string;
  readonly why: string;
}

interface Manifest {
  readonly valid: ValidFixture[];
  readonly invalid: InvalidFixture[];
}

const manifest = JSON.parse(await readFile(path.join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;

/** A manifest IRI (relative to the base, or absolute for other vocabularies) made absolute. */
function absolute(iri: string): string {
  return new URL(iri, TEST_BASE).href;
}

let real: LoadedDataset;

beforeAll(async () => {
  real = await loadDataset({ root: ROOT, baseIri: TEST_BASE });
});

/** Validates a fixture's quads as the data, against the real ontology and shapes. */
async function validateFixture(file: string) {
  const text = await readFile(path.join(FIXTURES, file), 'utf8');
  const data: Quad[] = parseTurtle(text, file, TEST_BASE).quads;
  return validateDataset({ ...real, data });
}

function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.focusNode} ${i.path ?? ''} ${i.shape} ${i.constraint}: ${i.message}`).join('\n');
}

/** The subjects of `?s predicate object` in a list of quads. */
function subjectsOf(quads: Quad[], predicate: string, object?: string): string[] {
  return quads
    .filter((q) => q.predicate.value === predicate && (object === undefined || q.object.value === object))
    .map((q) => q.subject.value);
}

describe('shape fixtures', () => {
  it.each(manifest.valid.map((f) => [f.nodeShape, f] as const))(
    '%s accepts its valid fixture',
    async (_shape, fixture) => {
      const outcome = await validateFixture(fixture.file);
      expect(describeIssues(outcome.issues)).toBe('');
      expect(outcome.conforms).toBe(true);
    },
  );

  it.each(manifest.invalid.map((f) => [f.nodeShape, f.why, f] as const))(
    '%s rejects a fixture where %s',
    async (_shape, _why, fixture) => {
      const outcome = await validateFixture(fixture.file);
      expect(outcome.conforms).toBe(false);
      const expected = {
        focusNode: absolute(fixture.focusNode),
        shape: absolute(fixture.shape),
        constraint: fixture.constraint,
        ...(fixture.path !== undefined ? { path: absolute(fixture.path) } : {}),
        ...(fixture.value !== undefined ? { value: absolute(fixture.value) } : {}),
      };
      // The intended violation, and nothing else: every result is that one.
      expect(outcome.issues.length).toBeGreaterThan(0);
      for (const issue of outcome.issues) expect(issue).toMatchObject(expected);
      for (const issue of outcome.issues) expect(issue.message).not.toBe('');
    },
  );
});

describe('shape coverage', () => {
  it('every sh:NodeShape has a valid and an invalid fixture', () => {
    const nodeShapes = subjectsOf(real.shapes, `${RDF}type`, `${SH}NodeShape`).sort();
    const withValid = [...new Set(manifest.valid.map((f) => absolute(f.nodeShape)))].sort();
    const withInvalid = [...new Set(manifest.invalid.map((f) => absolute(f.nodeShape)))].sort();
    expect(withValid).toEqual(nodeShapes);
    expect(withInvalid).toEqual(nodeShapes);
  });

  it('every class used as rdf:type in data/ is the sh:targetClass of a node shape', () => {
    const used = [...new Set(real.data.filter((q) => q.predicate.value === `${RDF}type`).map((q) => q.object.value))];
    const targeted = new Set(
      real.shapes.filter((q) => q.predicate.value === `${SH}targetClass`).map((q) => q.object.value),
    );
    expect(used.filter((c) => !targeted.has(c)).sort()).toEqual([]);
  });

  it('every property shape has an sh:order, an English sh:name and an English sh:message', () => {
    const propertyShapes = subjectsOf(real.shapes, `${RDF}type`, `${SH}PropertyShape`);
    const objects = (subject: string, predicate: string) =>
      real.shapes.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
    const lacking = propertyShapes.filter(
      (shape) =>
        objects(shape, `${SH}order`).length !== 1 ||
        !objects(shape, `${SH}name`).some((n) => n.termType === 'Literal' && n.language === 'en') ||
        !objects(shape, `${SH}message`).some((m) => m.termType === 'Literal' && m.language === 'en'),
    );
    expect(propertyShapes.length).toBeGreaterThan(0);
    expect(lacking).toEqual([]);
  });

  it('no node shape gives two of its property shapes the same sh:order', () => {
    const nodeShapes = subjectsOf(real.shapes, `${RDF}type`, `${SH}NodeShape`);
    const clashes = nodeShapes.flatMap((nodeShape) => {
      const orders = real.shapes
        .filter((q) => q.subject.value === nodeShape && q.predicate.value === `${SH}property`)
        .flatMap((p) => real.shapes.filter((q) => q.subject.equals(p.object) && q.predicate.value === `${SH}order`))
        .map((q) => q.object.value);
      return orders.filter((order, i) => orders.indexOf(order) !== i).map((order) => `${nodeShape} ${order}`);
    });
    expect(clashes).toEqual([]);
  });
});

describe('the real data', () => {
  it('conforms to the shapes', async () => {
    const outcome = await validateDataset(real);
    expect(describeIssues(outcome.issues)).toBe('');
    expect(outcome.conforms).toBe(true);
  });
});
