// Quads as flat arrays, to cross a worker boundary: structured cloning copies a few strings and
// arrays far more cheaply than an object per term. Rebuilt as N3 quads on the other side with the
// same terms (blank node labels kept), so what is written from them is the same bytes.
import { DataFactory, type Quad, type Term } from 'n3';
import type { Description, DescriptionExtent } from '../rdf/document.js';

/**
 * Quads packed three terms at a time: `kinds` has one letter per term (N a named node, B a blank
 * node, S a plain string literal, L a language-tagged literal, T a literal of another datatype),
 * `values` its value, and `extras` the language or datatype of each L and T term, in order.
 * Every quad is in the default graph (the platform's reads read no other).
 */
export interface PackedQuads {
  readonly kinds: string;
  readonly values: readonly string[];
  readonly extras: readonly string[];
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

export function packQuads(quads: readonly Quad[]): PackedQuads {
  const kinds: string[] = [];
  const values: string[] = [];
  const extras: string[] = [];
  const term = (t: Term): void => {
    values.push(t.value);
    switch (t.termType) {
      case 'NamedNode':
        kinds.push('N');
        return;
      case 'BlankNode':
        kinds.push('B');
        return;
      case 'Literal':
        if (t.language) {
          kinds.push('L');
          extras.push(t.language);
        } else if (t.datatype.value === XSD_STRING) kinds.push('S');
        else {
          kinds.push('T');
          extras.push(t.datatype.value);
        }
        return;
      default:
        throw new Error(`a ${t.termType} cannot be packed`);
    }
  };
  for (const q of quads) {
    if (q.graph.termType !== 'DefaultGraph') throw new Error('only quads of the default graph are packed');
    term(q.subject);
    term(q.predicate);
    term(q.object);
  }
  return { kinds: kinds.join(''), values, extras };
}

export function unpackQuads(packed: PackedQuads): Quad[] {
  const { kinds, values, extras } = packed;
  if (kinds.length !== values.length || kinds.length % 3 !== 0) throw new Error('malformed packed quads');
  const named = new Map<string, Term>();
  let extra = 0;
  const nextExtra = (): string => {
    const value = extras[extra++];
    if (value === undefined) throw new Error('malformed packed quads: a language or datatype is missing');
    return value;
  };
  const term = (i: number): Term => {
    const value = values[i] as string;
    switch (kinds[i]) {
      case 'N': {
        let node = named.get(value);
        if (!node) named.set(value, (node = DataFactory.namedNode(value)));
        return node;
      }
      case 'B':
        return DataFactory.blankNode(value);
      case 'S':
        return DataFactory.literal(value);
      case 'L':
        return DataFactory.literal(value, nextExtra());
      case 'T':
        return DataFactory.literal(value, DataFactory.namedNode(nextExtra()));
      default:
        throw new Error(`malformed packed quads: kind ${kinds[i]}`);
    }
  };
  const quads: Quad[] = [];
  for (let i = 0; i < kinds.length; i += 3)
    quads.push(
      DataFactory.quad(term(i) as Quad['subject'], term(i + 1) as Quad['predicate'], term(i + 2) as Quad['object']),
    );
  return quads;
}

/** A description's parts in some form (quads, packed quads), with its IRI and extent. */
interface Parts<T> {
  readonly iri: string;
  readonly own: T;
  readonly inbound: T;
  readonly labels: T;
  readonly extent?: DescriptionExtent;
}

/** A description with its quads packed. */
export type PackedDescription = Parts<PackedQuads>;

function mapParts<A, B>(d: Parts<A>, f: (part: A) => B): Parts<B> {
  return {
    iri: d.iri,
    own: f(d.own),
    inbound: f(d.inbound),
    labels: f(d.labels),
    ...(d.extent ? { extent: d.extent } : {}),
  };
}

export function packDescription(d: Description): PackedDescription {
  return mapParts(d, packQuads);
}

export function unpackDescription(d: PackedDescription): Description {
  return mapParts(d, unpackQuads);
}
