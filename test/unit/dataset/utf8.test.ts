// Files that are not UTF-8: refused at the first invalid byte, with its line and column, by every reader.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src/dataset/errors.js';
import { loadTurtleFiles, oxigraphLoadError, readTurtleFile } from '../../../src/dataset/read-turtle.js';
import { assertUtf8, firstInvalidUtf8 } from '../../../src/dataset/utf8.js';
import { TEST_BASE } from '../../support/dataset.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function errorOf(run: () => unknown): DatasetError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('firstInvalidUtf8', () => {
  it.each([
    ['plain ASCII', bytes('abc'), -1],
    ['two-, three- and four-byte characters', bytes('é€😀'), -1],
    ['a Latin-1 é', bytes('caf', [0xe9]), 3],
    ['a stray continuation byte', bytes('a', [0x80], 'b'), 1],
    ['an overlong slash (C0 AF)', bytes([0xc0, 0xaf]), 0],
    ['an overlong three-byte form (E0 80 AF)', bytes('x', [0xe0, 0x80, 0xaf]), 1],
    ['a surrogate (ED A0 80)', bytes([0xed, 0xa0, 0x80]), 0],
    ['past U+10FFFF (F4 90 80 80)', bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a sequence cut short by the end', bytes('ab', [0xe2, 0x82]), 2],
    ['a sequence cut short by ASCII', bytes([0xe2, 0x82], 'c'), 0],
    ['FF', bytes('ok', [0xff]), 2],
  ])('%s', (_name, input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected);
  });

  it('agrees with a fatal TextDecoder on random bytes, and everything before the offset decodes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 3000; round++) {
      // Mostly high bytes, so that well-formed and ill-formed sequences both come up often.
      const input = Uint8Array.from({ length: 1 + (round % 12) }, () =>
        random() < 96 ? random() % 128 : 128 + (random() % 128),
      );
      const offset = firstInvalidUtf8(input);
      let valid = true;
      try {
        decoder.decode(input);
      } catch {
        valid = false;
      }
      expect(offset === -1, Buffer.from(input).toString('hex')).toBe(valid);
      if (offset >= 0) expect(() => decoder.decode(input.subarray(0, offset))).not.toThrow();
    }
  });
});

describe('assertUtf8', () => {
  it('names the line and column (in characters) of the first invalid byte', () => {
    const error = errorOf(() => assertUtf8(bytes('@prefix : <x#> .\n:a :b "naïve €", "caf', [0xe9], '" .\n'), 'f.ttl'));
    expect(error.toString()).toBe('f.ttl:2:22: invalid UTF-8 (byte 0xE9); Turtle files must be saved as UTF-8');
  });

  it('says so when the file is UTF-16', () => {
    const error = errorOf(() => assertUtf8(Buffer.from('\ufeff<a> <b> <c> .', 'utf16le'), 'f.ttl'));
    expect(error.toString()).toMatch(/^f\.ttl:1:1: the file is UTF-16 .*must be saved as UTF-8$/);
  });

  it('accepts valid UTF-8', () => {
    expect(() => assertUtf8(bytes('# ok: é€😀\n'), 'f.ttl')).not.toThrow();
  });
});

describe('the readers of dataset files', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'utf8-'));
    file = path.join(dir, 'latin1.ttl');
    // A comment line first, so the bad byte is not on line 1; 0xEF 0xBF 0xBD (a real U+FFFD) is fine.
    await writeFile(file, bytes('# \ufffd is fine\n<id/x> <ontology#p> "Bogot', [0xe1], '" .\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const expected = (): string => `${file}:2:27: invalid UTF-8 (byte 0xE1); Turtle files must be saved as UTF-8`;

  it('N3.js (validation) refuses the file instead of reading replacement characters', async () => {
    const error: unknown = await readTurtleFile(file, TEST_BASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(String(error)).toBe(expected());
  });

  it('Oxigraph (the store served) refuses it the same way, not with a WebAssembly parser error', async () => {
    const error: unknown = await loadTurtleFiles([file], TEST_BASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(String(error)).toBe(expected());
  });
});

describe('oxigraphLoadError', () => {
  it.each([
    ['Parser error at line 1 column 11: Invalid UTF-8: bad', 1, 11, 'Invalid UTF-8: bad'],
    [
      "Parser error at line 4 between columns 27 and 41: Invalid IRI code point ' '",
      4,
      27,
      "Invalid IRI code point ' '",
    ],
    [
      'Parser error between line 3 column 7 and line 4 column 1: Unexpected end of file',
      3,
      7,
      'Unexpected end of file',
    ],
  ])('reads the place out of %j', (message, line, column, rest) => {
    const error = oxigraphLoadError(new Error(message), 'f.ttl');
    expect(error.toString()).toBe(`f.ttl:${line}:${column}: ${rest}`);
  });

  it('keeps a message without a place, with the file', () => {
    expect(oxigraphLoadError(new Error('something else'), 'f.ttl').toString()).toBe('f.ttl: something else');
  });
});
