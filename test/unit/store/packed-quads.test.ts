// Quads packed to cross the reads worker's boundary come back as the same terms, blank node labels
// and all, so that what is written from them is the same bytes.
import { DataFactory, Writer, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { packQuads, unpackQuads } from '../../../src/store/packed-quads.js';

const { quad, namedNode, blankNode, literal } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

function turtle(quads: readonly Quad[]): string {
  const writer = new Writer({ format: 'N-Triples' });
  writer.addQuads([...quads]);
  let out = '';
  writer.end((_error, result: string) => (out = result));
  return out;
}

describe('packed quads', () => {
  const quads = [
    quad(namedNode('https://e.x/a'), namedNode('https://e.x/p'), literal('plain')),
    quad(namedNode('https://e.x/a'), namedNode('https://e.x/p'), literal('tagged', 'fr')),
    quad(namedNode('https://e.x/a'), namedNode('https://e.x/p'), literal('2024-01-01', namedNode(`${XSD}date`))),
    quad(namedNode('https://e.x/a'), namedNode('https://e.x/p'), literal('', 'en')),
    quad(namedNode('https://e.x/a'), namedNode('https://e.x/q'), blankNode('b0c1d2')),
    quad(blankNode('b0c1d2'), namedNode('https://e.x/r'), literal('7', namedNode(`${XSD}integer`))),
    quad(blankNode('b0c1d2'), namedNode('https://e.x/r'), namedNode('https://e.x/a')),
  ];

  it('round-trips every kind of term, blank node labels kept', () => {
    const back = unpackQuads(packQuads(quads));
    expect(back.map((q) => [q.subject.id, q.predicate.id, q.object.id])).toEqual(
      quads.map((q) => [q.subject.id, q.predicate.id, q.object.id]),
    );
    expect(back.every((q, i) => q.equals(quads[i] as Quad))).toBe(true);
    expect(turtle(back)).toBe(turtle(quads));
  });

  it('survives structured cloning (what postMessage does)', () => {
    expect(unpackQuads(structuredClone(packQuads(quads))).map((q) => q.object.id)).toEqual(
      quads.map((q) => q.object.id),
    );
    expect(unpackQuads(packQuads([]))).toEqual([]);
  });

  it('refuses quads in a named graph and malformed packs', () => {
    expect(() =>
      packQuads([
        quad(namedNode('https://e.x/a'), namedNode('https://e.x/p'), literal('x'), namedNode('https://e.x/g')),
      ]),
    ).toThrow(/default graph/);
    expect(() => unpackQuads({ kinds: 'NN', values: ['a', 'b'], extras: [] })).toThrow(/malformed/);
  });
});
