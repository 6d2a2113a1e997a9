// The resolution of /id/ and /doc/ paths, on a tiny hand-built index (no data, no app).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatByExtension, type FormatEntry } from '../../../src/rdf/formats.js';
import { documentIri } from '../../../src/rdf/layout.js';
import {
  resolveCollectionPath,
  resolveDocPath,
  resolveIdPath,
  splitExtension,
} from '../../../src/resolve/resolve-path.js';
import type { ThingIndex, ThingInfo } from '../../../src/resolve/thing-index.js';
import type { Collection } from '../../../src/rdf/vocab.js';
import { ThingCatalogue } from '../../../src/resolve/thing-catalogue.js';
import { writeCatalogue } from '../../../src/resolve/thing-catalogue-file.js';
import { IndexedThings, type Things } from '../../../src/resolve/things.js';

const BASE = 'https://example.org/';

function thing(collection: Collection, slug: string, extra: Partial<ThingInfo> = {}): ThingInfo {
  return {
    iri: `${BASE}id/${collection}/${slug}`,
    collection,
    slug,
    label: slug,
    types: [],
    withdrawn: false,
    ...extra,
  };
}

const live = thing('process', 'bali-process');
const renamed = thing('process', 'old-name', { replacedBy: `${BASE}id/process/bali-process` });
const movedAway = thing('process', 'moved-away', { replacedBy: 'https://elsewhere.example/thing/1' });
const withdrawn = thing('organisation', 'closed-office', { withdrawn: true });
const INDEX: ThingIndex = {
  baseIri: BASE,
  things: new Map([live, renamed, movedAway, withdrawn].map((t) => [t.iri, t])),
  byCollection: new Map<Collection, readonly ThingInfo[]>([
    ['process', [live, renamed, movedAway]],
    ['organisation', [withdrawn]],
  ]),
};

function format(extension: string): FormatEntry {
  const entry = formatByExtension(extension);
  if (!entry) throw new Error(`no format for .${extension}`);
  return entry;
}

describe('documentIri', () => {
  it('maps BASE/id/c/s to BASE/doc/c/s', () => {
    expect(documentIri(live, BASE)).toBe(`${BASE}doc/process/bali-process`);
  });
  it('adds the extension of a format', () => {
    expect(documentIri(live, BASE, format('ttl'))).toBe(`${BASE}doc/process/bali-process.ttl`);
  });
});

describe('splitExtension', () => {
  it.each([
    { segment: 'bali-process', name: 'bali-process', id: undefined, badExtension: false },
    { segment: 'bali-process.ttl', name: 'bali-process', id: 'turtle', badExtension: false },
    { segment: 'bali-process.jsonld', name: 'bali-process', id: 'jsonld', badExtension: false },
    { segment: 'bali-process.nt', name: 'bali-process', id: 'ntriples', badExtension: false },
    { segment: 'bali-process.rdf', name: 'bali-process', id: 'rdfxml', badExtension: false },
    { segment: 'bali-process.html', name: 'bali-process', id: 'html', badExtension: false },
    { segment: 'bali-process.pdf', name: 'bali-process.pdf', id: undefined, badExtension: true },
    { segment: 'bali-process.', name: 'bali-process.', id: undefined, badExtension: true },
    { segment: 'a.b.ttl', name: 'a.b', id: 'turtle', badExtension: false },
  ])('$segment → name $name, format $id, bad extension $badExtension', ({ segment, name, id, badExtension }) => {
    const split = splitExtension(segment);
    expect(split.name).toBe(name);
    expect(split.format?.id).toBe(id);
    expect(split.badExtension).toBe(badExtension);
  });
});

// Both implementations of Things answer alike: the index in memory (at once) and the catalogue on
// disk (after a read).
describe.each(['the thing index', 'the thing catalogue'])('over %s', (implementation) => {
  let THINGS: Things;
  let folder: string | undefined;
  beforeAll(async () => {
    if (implementation === 'the thing index') THINGS = new IndexedThings(INDEX);
    else {
      folder = await mkdtemp(path.join(os.tmpdir(), 'iom-lod-catalogue-'));
      const file = path.join(folder, 'things.ndjson');
      THINGS = await ThingCatalogue.open(file, await writeCatalogue(INDEX, 0, file), BASE);
    }
  });
  afterAll(async () => {
    await THINGS.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  describe('resolveIdPath: /id/{collection}/{slug}', () => {
    it('a live thing → 303 to its document (no extension)', async () => {
      expect(await resolveIdPath('process', 'bali-process', THINGS)).toEqual({
        kind: 'redirect',
        status: 303,
        location: `${BASE}doc/process/bali-process`,
      });
    });
    it('a replaced thing → 301 to the replacement identifier', async () => {
      expect(await resolveIdPath('process', 'old-name', THINGS)).toEqual({
        kind: 'redirect',
        status: 301,
        location: `${BASE}id/process/bali-process`,
      });
    });
    it('a withdrawn thing → gone (410)', async () => {
      expect(await resolveIdPath('organisation', 'closed-office', THINGS)).toEqual({ kind: 'gone', thing: withdrawn });
    });
    it.each([
      { clause: 'an unknown slug', collection: 'process', slug: 'nowhere' },
      { clause: 'an unknown collection', collection: 'widget', slug: 'bali-process' },
      { clause: 'a known slug in another collection', collection: 'organisation', slug: 'bali-process' },
      { clause: 'a slug with an extension (/id/ has none)', collection: 'process', slug: 'bali-process.ttl' },
    ])('$clause → not found (404)', async ({ collection, slug }) => {
      expect(await resolveIdPath(collection, slug, THINGS)).toEqual({ kind: 'not-found' });
    });
  });

  describe('resolveDocPath: /doc/{collection}/{slug}[.ext]', () => {
    it('a live thing without extension → the document, no fixed format', async () => {
      const resolution = await resolveDocPath('process', 'bali-process', THINGS);
      expect(resolution).toEqual({ kind: 'document', thing: live });
      expect(resolution).not.toHaveProperty('format');
    });
    it.each(['html', 'ttl', 'jsonld', 'nt', 'rdf'])('a live thing with .%s → the document in that format', async (ext) => {
      expect(await resolveDocPath('process', `bali-process.${ext}`, THINGS)).toEqual({
        kind: 'document',
        thing: live,
        format: format(ext),
      });
    });
    it('a replaced thing → 301 to the replacement document', async () => {
      expect(await resolveDocPath('process', 'old-name', THINGS)).toEqual({
        kind: 'redirect',
        status: 301,
        location: `${BASE}doc/process/bali-process`,
      });
    });
    it('a replaced thing with an extension → 301 to the replacement document with the same extension', async () => {
      expect(await resolveDocPath('process', 'old-name.ttl', THINGS)).toEqual({
        kind: 'redirect',
        status: 301,
        location: `${BASE}doc/process/bali-process.ttl`,
      });
    });
    it('a thing replaced by an IRI outside ours → 301 to that IRI as is', async () => {
      expect(await resolveDocPath('process', 'moved-away.ttl', THINGS)).toEqual({
        kind: 'redirect',
        status: 301,
        location: 'https://elsewhere.example/thing/1',
      });
    });
    it('a withdrawn thing, with or without extension → gone (410)', async () => {
      expect(await resolveDocPath('organisation', 'closed-office', THINGS)).toEqual({ kind: 'gone', thing: withdrawn });
      expect(await resolveDocPath('organisation', 'closed-office.nt', THINGS)).toEqual({ kind: 'gone', thing: withdrawn });
    });
    it.each([
      { clause: 'an unknown slug', collection: 'process', slug: 'nowhere' },
      { clause: 'an unknown slug with an extension', collection: 'process', slug: 'nowhere.ttl' },
      { clause: 'an unknown collection', collection: 'widget', slug: 'bali-process' },
      { clause: 'an extension we do not serve', collection: 'process', slug: 'bali-process.pdf' },
      { clause: 'a replaced thing with an extension we do not serve', collection: 'process', slug: 'old-name.pdf' },
    ])('$clause → not found (404)', async ({ collection, slug }) => {
      expect(await resolveDocPath(collection, slug, THINGS)).toEqual({ kind: 'not-found' });
    });
  });
});

describe('resolveCollectionPath: /doc/{collection}[.ext]', () => {
  it('a collection → its list, no fixed format', () => {
    expect(resolveCollectionPath('process')).toEqual({ kind: 'collection', collection: 'process' });
  });
  it('a collection with an extension → its list in that format', () => {
    expect(resolveCollectionPath('organisation.jsonld')).toEqual({
      kind: 'collection',
      collection: 'organisation',
      format: format('jsonld'),
    });
  });
  it.each(['widget', 'widget.ttl', 'process.pdf', 'process.', ''])('%j → not found (404)', (segment) => {
    expect(resolveCollectionPath(segment)).toEqual({ kind: 'not-found' });
  });
});
