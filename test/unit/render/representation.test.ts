// The representation cache: bounded in bytes, least recently used out first, one rendering per key at
// a time, failures and oversize representations never kept.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ENTRY_OVERHEAD_BYTES,
  RepresentationCache,
  makeRepresentation,
  type Representation,
} from '../../../src/render/representation.js';

/** What the cache counts for an entry before any gzip copy. */
function cost(key: string, bodyBytes: number): number {
  return bodyBytes + Buffer.byteLength(key) + ENTRY_OVERHEAD_BYTES;
}

function rep(bytes: number, fill = 'x'): Representation {
  return makeRepresentation(fill.repeat(bytes), 'text/plain; charset=utf-8');
}

/** A cache and a counter of renderings per key. */
function counted(maxBytes: number): {
  cache: RepresentationCache;
  renders: Map<string, number>;
  get(key: string, bytes: number): Promise<Representation>;
} {
  const cache = new RepresentationCache(maxBytes);
  const renders = new Map<string, number>();
  return {
    cache,
    renders,
    get: (key, bytes) =>
      cache.get(key, () => {
        renders.set(key, (renders.get(key) ?? 0) + 1);
        return rep(bytes);
      }),
  };
}

describe('RepresentationCache', () => {
  it('counts body, key and overhead, and keeps entries while they fit', async () => {
    const { cache, get } = counted(3 * cost('a', 1000));
    await get('a', 1000);
    await get('b', 1000);
    expect(cache.bytes).toBe(cost('a', 1000) + cost('b', 1000));
    expect(cache.size).toBe(2);
    expect(cache.peek('a')?.body.length).toBe(1000);
  });

  it('evicts the least recently used entries first, until the bytes fit', async () => {
    const { cache, get } = counted(3 * cost('a', 1000));
    await get('a', 1000);
    await get('b', 1000);
    await get('c', 1000);
    expect(cache.peek('a')).toBeDefined(); // a is now the most recently used; b the least
    await get('d', 1000);
    expect(cache.peek('b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((k) => cache.peek(k) !== undefined)).toBe(true);
    // One entry of twice the size pushes out the two least recently used (a then c, after the peeks above: a, c, d).
    await get('e', 2 * 1000 + 100);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBeUndefined();
    expect(cache.peek('d')).toBeDefined();
    expect(cache.peek('e')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('a hit through get() counts as a use too, and does not render again', async () => {
    const { cache, renders, get } = counted(2 * cost('a', 1000));
    await get('a', 1000);
    await get('b', 1000);
    await get('a', 1000); // hit: b is now the least recently used
    await get('c', 1000);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBeDefined();
    expect(renders.get('a')).toBe(1);
  });

  it('serves a representation larger than the bound but does not keep it', async () => {
    const { cache, renders, get } = counted(10_000);
    await get('small', 100);
    const big = await get('big', 20_000);
    expect(big.body.length).toBe(20_000);
    expect(cache.peek('big')).toBeUndefined();
    expect(cache.peek('small')).toBeDefined(); // nothing was evicted to make room for it
    await get('big', 20_000);
    expect(renders.get('big')).toBe(2);
  });

  it('with a bound of 0 keeps nothing, and still answers', async () => {
    const { cache, renders, get } = counted(0);
    expect((await get('a', 10)).body.toString()).toBe('x'.repeat(10));
    await get('a', 10);
    expect(renders.get('a')).toBe(2);
    expect(cache.bytes).toBe(0);
  });

  it('concurrent callers share one rendering and get the same object', async () => {
    const cache = new RepresentationCache(1_000_000);
    let renders = 0;
    // The rendering finishes when the test says so (make itself is called on a later microtask).
    let finish: (r: Representation) => void = () => undefined;
    const rendered = new Promise<Representation>((resolve) => (finish = resolve));
    const make = (): Promise<Representation> => {
      renders += 1;
      return rendered;
    };
    const first = cache.get('k', make);
    const second = cache.get('k', make);
    await Promise.resolve();
    expect(cache.peek('k')).toBeUndefined(); // not ready yet
    const third = cache.get('k', make);
    finish(rep(10));
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(cache.peek('k')).toBe(a);
  });

  it('concurrent callers of an oversize rendering share it too', async () => {
    const cache = new RepresentationCache(100);
    let renders = 0;
    const make = async (): Promise<Representation> => {
      renders += 1;
      await Promise.resolve();
      return rep(1000);
    };
    const [a, b] = await Promise.all([cache.get('big', make), cache.get('big', make)]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
  });

  it('never keeps a failed rendering: every waiting caller sees the failure, the next one renders again', async () => {
    const cache = new RepresentationCache(1_000_000);
    let attempts = 0;
    const make = async (): Promise<Representation> => {
      attempts += 1;
      await Promise.resolve();
      if (attempts === 1) throw new Error('store unavailable');
      return rep(10);
    };
    const results = await Promise.allSettled([cache.get('k', make), cache.get('k', make)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(attempts).toBe(1);
    expect(cache.peek('k')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    expect((await cache.get('k', make)).body.length).toBe(10);
    expect(attempts).toBe(2);
  });

  it('a rendering that throws synchronously is a rejection, not a throw from get()', async () => {
    const cache = new RepresentationCache(1_000_000);
    const failing = cache.get('k', () => {
      throw new Error('bug');
    });
    await expect(failing).rejects.toThrow('bug');
    expect(cache.size).toBe(0);
  });

  it('counts the gzip copy once it is made, and evicts others when the entry no longer fits beside them', async () => {
    const body = 5000;
    const { cache, get } = counted(2 * cost('a', body) + 100);
    // Random bytes as base64 compress to about three quarters: a copy large enough to matter.
    const noisy = randomBytes(body).toString('base64').slice(0, body);
    await get('b', body);
    const a = await cache.get('a', () => makeRepresentation(noisy, 'text/plain'));
    expect(cache.bytes).toBe(cost('a', body) + cost('b', body));
    const gz = a.gzipped();
    expect(gunzipSync(gz).toString()).toBe(noisy);
    expect(gz.length).toBeGreaterThan(1000);
    // a grew past the bound: the least recently used entry (b) makes room.
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe(a);
    expect(cache.bytes).toBe(cost('a', body) + gz.length);
    // A second call returns the same copy and counts nothing more.
    expect(a.gzipped()).toBe(gz);
    expect(cache.bytes).toBe(cost('a', body) + gz.length);
  });

  it("an evicted entry's gzip copy is not counted", async () => {
    const { cache, get } = counted(cost('a', 1000));
    const a = await get('a', 1000);
    await get('b', 1000); // evicts a
    expect(cache.peek('a')).toBeUndefined();
    a.gzipped();
    expect(cache.bytes).toBe(cost('b', 1000));
  });

  it('adds the gzip copy of a kept entry to the count', async () => {
    const cache = new RepresentationCache(1_000_000);
    const a = await cache.get('a', () => rep(10_000));
    const before = cache.bytes;
    const gz = a.gzipped();
    expect(cache.bytes).toBe(before + gz.length);
    a.gzipped();
    expect(cache.bytes).toBe(before + gz.length);
  });

  it('never holds more than its bound over a long mixed run', async () => {
    const max = 50_000;
    const cache = new RepresentationCache(max);
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let peak = 0;
    for (let i = 0; i < 3000; i += 1) {
      const key = `doc ${next(200)}`;
      const size = 50 + next(8000);
      const got = await cache.get(key, () => rep(size, String.fromCharCode(97 + next(26))));
      if (next(10) === 0) got.gzipped();
      if (next(3) === 0) cache.peek(`doc ${next(200)}`);
      peak = Math.max(peak, cache.bytes);
      expect(cache.bytes).toBeLessThanOrEqual(max);
    }
    // The run did fill the cache (the assertion above was not vacuous).
    expect(peak).toBeGreaterThan(max * 0.8);
  });
});
