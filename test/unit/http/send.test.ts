// If-None-Match against an entity tag (RFC 9110 §13.1.2, weak comparison), without a server.
import { describe, expect, it } from 'vitest';
import { matchesIfNoneMatch } from '../../../src/http/send.js';

const ETAG = '"abc123"';

describe('matchesIfNoneMatch', () => {
  it.each([
    { clause: 'no If-None-Match', header: undefined, etag: ETAG, matches: false },
    { clause: '`*` matches any current representation', header: '*', etag: ETAG, matches: true },
    { clause: '`*` with surrounding whitespace', header: '  * ', etag: ETAG, matches: true },
    { clause: 'the same strong tag', header: '"abc123"', etag: ETAG, matches: true },
    { clause: 'a different tag', header: '"abc124"', etag: ETAG, matches: false },
    { clause: 'a list naming the tag', header: '"x", "abc123", "y"', etag: ETAG, matches: true },
    { clause: 'a list without spaces naming the tag', header: '"x","abc123"', etag: ETAG, matches: true },
    { clause: 'a list not naming the tag', header: '"x", "y"', etag: ETAG, matches: false },
    { clause: 'weak comparison: W/ in the header', header: 'W/"abc123"', etag: ETAG, matches: true },
    { clause: 'weak comparison: W/ on our tag', header: '"abc123"', etag: 'W/"abc123"', matches: true },
    { clause: 'weak comparison: W/ on both', header: 'W/"abc123"', etag: 'W/"abc123"', matches: true },
    { clause: 'weak comparison in a list', header: '"x", W/"abc123"', etag: ETAG, matches: true },
    { clause: 'a weak tag with another value', header: 'W/"abc"', etag: ETAG, matches: false },
    { clause: 'malformed: the tag unquoted', header: 'abc123', etag: ETAG, matches: false },
    { clause: 'malformed: an empty header', header: '', etag: ETAG, matches: false },
    { clause: 'malformed: only commas', header: ', ,', etag: ETAG, matches: false },
    { clause: 'malformed: `*` inside a list', header: '*, "x"', etag: ETAG, matches: false },
    { clause: 'malformed: a lower-case w/', header: 'w/"abc123"', etag: ETAG, matches: false },
    { clause: 'malformed: an unterminated quote', header: '"abc123', etag: ETAG, matches: false },
  ])('$clause → $matches', ({ header, etag, matches }) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(matches);
  });
});
