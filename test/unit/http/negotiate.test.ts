// Content negotiation on Accept (RFC 9110 §12.5.1), on the platform's format table and a small one.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/rdf/formats.js';
import { negotiateFormat, type Negotiable } from '../../../src/http/negotiate.js';

describe('negotiateFormat on the format table (html, turtle, jsonld, ntriples, rdfxml)', () => {
  it.each([
    { clause: 'no Accept: any type is acceptable → the first offered', accept: undefined, chosen: 'html' },
    { clause: 'an empty Accept → the first offered', accept: '', chosen: 'html' },
    { clause: 'a blank Accept → the first offered', accept: '   ', chosen: 'html' },
    { clause: 'one media range → its type', accept: 'text/turtle', chosen: 'turtle' },
    { clause: 'media types are case-insensitive', accept: 'Text/Turtle', chosen: 'turtle' },
    { clause: 'a list: the higher q wins', accept: 'text/html;q=0.5, text/turtle', chosen: 'turtle' },
    {
      clause: 'a list: q decides, not order',
      accept: 'application/n-triples;q=0.2, application/rdf+xml;q=0.9',
      chosen: 'rdfxml',
    },
    {
      clause: 'equal q: the order of the Accept header decides',
      accept: 'application/ld+json, text/turtle',
      chosen: 'jsonld',
    },
    {
      clause: 'a specific range beats a wildcard of equal q',
      accept: 'application/n-triples;q=0.5, */*;q=0.5',
      chosen: 'ntriples',
    },
    { clause: '*/* → the first offered', accept: '*/*', chosen: 'html' },
    { clause: 'a specific type beats */* of lower q', accept: '*/*;q=0.1, application/ld+json', chosen: 'jsonld' },
    { clause: 'text/* → the first text type offered', accept: 'text/*', chosen: 'html' },
    { clause: 'text/* with text/html refused → turtle', accept: 'text/*, text/html;q=0', chosen: 'turtle' },
    {
      clause: 'application/* → the first application type, never html through its alias',
      accept: 'application/*',
      chosen: 'jsonld',
    },
    { clause: 'q=0 refuses a type; another acceptable one answers', accept: 'text/html;q=0, */*', chosen: 'turtle' },
    { clause: 'a parameter (charset) still matches', accept: 'text/turtle;charset=utf-8', chosen: 'turtle' },
    { clause: 'a parameter with spaces still matches', accept: 'text/turtle ; charset = utf-8', chosen: 'turtle' },
    {
      clause: 'a quoted JSON-LD profile still matches',
      accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
      chosen: 'jsonld',
    },
    {
      clause: 'a parameter and q: q still counts',
      accept: 'text/turtle;charset=utf-8;q=0.3, application/n-triples;q=0.6',
      chosen: 'ntriples',
    },
    { clause: 'an alias asked by name → the format it belongs to', accept: 'application/xhtml+xml', chosen: 'html' },
    { clause: 'another alias asked by name', accept: 'application/x-turtle', chosen: 'turtle' },
    { clause: 'application/json → JSON-LD', accept: 'application/json', chosen: 'jsonld' },
    { clause: 'nothing acceptable → undefined (406)', accept: 'image/png', chosen: undefined },
    { clause: 'every offered type refused → undefined (406)', accept: '*/*;q=0', chosen: undefined },
    { clause: 'the only asked type refused → undefined (406)', accept: 'text/turtle;q=0', chosen: undefined },
  ])('$clause', ({ accept, chosen }) => {
    expect(negotiateFormat(accept, FORMATS)?.id).toBe(chosen);
  });
});

describe('negotiateFormat: aliases are never picked through a wildcard', () => {
  // html is offered first and has an application/ alias; json is a main application/ type.
  const offered: readonly (Negotiable & { id: string })[] = [
    { id: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'] },
    { id: 'json', mediaType: 'application/json', aliases: [] },
  ];

  it.each([
    {
      clause: 'application/* → the main application type, not html through its alias',
      accept: 'application/*',
      chosen: 'json',
    },
    { clause: '*/* → the first offered', accept: '*/*', chosen: 'html' },
    { clause: 'the alias by name → html', accept: 'application/xhtml+xml', chosen: 'html' },
    {
      clause: 'the alias by name beats application/* of equal q',
      accept: 'application/*, application/xhtml+xml',
      chosen: 'html',
    },
    { clause: 'text/* → html', accept: 'text/*', chosen: 'html' },
    { clause: 'missing Accept → the first offered', accept: undefined, chosen: 'html' },
  ])('$clause', ({ accept, chosen }) => {
    expect(negotiateFormat(accept, offered)?.id).toBe(chosen);
  });

  // A wildcard never reaches an entry through an alias: application/* does not accept text/html.
  it('application/* with only an alias under application/ → nothing (406)', () => {
    const htmlAndCsv = [
      { mediaType: 'text/html', aliases: ['application/xhtml+xml'] },
      { mediaType: 'text/csv', aliases: [] },
    ];
    expect(negotiateFormat('application/*', htmlAndCsv)).toBeUndefined();
    expect(negotiateFormat('application/xhtml+xml', htmlAndCsv)?.mediaType).toBe('text/html');
    expect(negotiateFormat('application/xhtml+xml;q=0, application/*', htmlAndCsv)).toBeUndefined();
  });

  it('nothing offered → undefined even for */*', () => {
    expect(negotiateFormat('*/*', [])).toBeUndefined();
  });
});
