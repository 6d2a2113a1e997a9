// Compressed copies of a representation: made once per coding, counted in the cache's bound.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeRepresentation, RepresentationCache } from '../../../src/render/representation.js';

const BODY = 'The Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime.\n'.repeat(
  50,
);

describe('compressed copies', () => {
  it('are made once per coding and decode to the body', () => {
    const rep = makeRepresentation(BODY, 'text/plain; charset=utf-8');
    const br = rep.encoded('br');
    expect(rep.encoded('br')).toBe(br);
    expect(rep.gzipped()).toBe(rep.encoded('gzip'));
    expect(brotliDecompressSync(br).toString('utf8')).toBe(BODY);
    expect(gunzipSync(rep.gzipped()).toString('utf8')).toBe(BODY);
    expect(br.length).toBeLessThan(rep.body.length / 10);
  });

  it('of a kept entry each count once in the bound, and an entry too large with them is evicted', async () => {
    const cache = new RepresentationCache(1_000_000);
    const a = await cache.get('a', () => makeRepresentation(BODY, 'text/plain'));
    const before = cache.bytes;
    const br = a.encoded('br');
    expect(cache.bytes).toBe(before + br.length);
    a.encoded('br');
    const gz = a.encoded('gzip');
    expect(cache.bytes).toBe(before + br.length + gz.length);

    const tight = new RepresentationCache(before + 10);
    const b = await tight.get('b', () => makeRepresentation(BODY, 'text/plain'));
    expect(tight.size).toBe(1);
    b.encoded('br'); // no longer fits: dropped, and the bound holds
    expect(tight.size).toBe(0);
    expect(tight.bytes).toBe(0);
  });
});
