// Parsing Turtle: relative IRIs resolve against the base; syntax errors name file, line and column.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src/dataset/errors.js';
import { parseTurtle, readTurtleFile } from '../../../src/dataset/read-turtle.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

const fixture = (name: string): string => path.join(ROOT, 'test/fixtures/syntax', name);

async function errorOf(promise: Promise<unknown>): Promise<DatasetError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe('parseTurtle', () => {
  it('resolves relative IRIs and relative prefixes against the base IRI', () => {
    const { quads, prefixes } = parseTurtle(
      '@prefix process: <id/process/> .\nprocess:bali-process <ontology#x> <id/organisation/iom> .',
      'inline.ttl',
      TEST_BASE,
    );
    expect(prefixes.process).toBe(`${TEST_BASE}id/process/`);
    expect(quads.map((q) => [q.subject.value, q.predicate.value, q.object.value])).toEqual([
      [`${TEST_BASE}id/process/bali-process`, `${TEST_BASE}ontology#x`, `${TEST_BASE}id/organisation/iom`],
    ]);
  });
});

describe('readTurtleFile syntax errors', () => {
  it.each([
    ['missing-dot.ttl', 6, 1, /Expected punctuation|Unexpected/],
    ['unknown-prefix.ttl', 4, 5, /Undefined prefix "nope:"/],
    ['unterminated-string.ttl', 3, 27, /Unexpected/],
  ])('%s is reported at line %i, column %i', async (name, line, column, message) => {
    const error = await errorOf(readTurtleFile(fixture(name), TEST_BASE));
    expect(error.file).toBe(fixture(name));
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
    expect(error.message).toMatch(message);
    expect(error.toString()).toBe(`${fixture(name)}:${line}:${column}: ${error.message}`);
  });

  it('reports an unreadable file with its name', async () => {
    const error = await errorOf(readTurtleFile(fixture('does-not-exist.ttl'), TEST_BASE));
    expect(error.toString()).toBe(`${fixture('does-not-exist.ttl')}: cannot read file (ENOENT)`);
  });
});
