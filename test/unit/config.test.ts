// The configuration: identifiers (BASE_IRI) that do not follow the port, and where the server is
// reached (SITE_URL), with their defaults and the messages of bad values.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASE_IRI, loadConfig } from '../../src/config.js';

describe('BASE_IRI and SITE_URL', () => {
  it('without either, identifiers are under the fixed default and links go to the port (8080 by default)', () => {
    const config = loadConfig({});
    expect(DEFAULT_BASE_IRI).toBe('http://localhost:8080/');
    expect(config.baseIri).toBe('http://localhost:8080/');
    expect(config.siteUrl).toBe('http://localhost:8080/');
  });

  it.each([
    ['9000', 'http://localhost:9000/'],
    ['3000', 'http://localhost:3000/'],
    ['80', 'http://localhost/'],
  ])('PORT=%s alone moves the links (%s), never the identifiers', (port, siteUrl) => {
    const config = loadConfig({ PORT: port });
    expect(config.baseIri).toBe('http://localhost:8080/');
    expect(config.siteUrl).toBe(siteUrl);
  });

  it.each(['8080', '9000'])('BASE_IRI set (PORT=%s): SITE_URL is BASE_IRI, as normalised', (port) => {
    const config = loadConfig({ PORT: port, BASE_IRI: 'https://data.example.org/lod' });
    expect(config.baseIri).toBe('https://data.example.org/lod/');
    expect(config.siteUrl).toBe('https://data.example.org/lod/');
  });

  it('SITE_URL set: links go there, identifiers stay under BASE_IRI (or its default)', () => {
    expect(loadConfig({ BASE_IRI: 'https://data.example.org/', SITE_URL: 'http://127.0.0.1:9000' })).toMatchObject({
      baseIri: 'https://data.example.org/',
      siteUrl: 'http://127.0.0.1:9000/',
    });
    expect(loadConfig({ PORT: '9000', SITE_URL: 'https://test.example.org/iom/' })).toMatchObject({
      baseIri: 'http://localhost:8080/',
      siteUrl: 'https://test.example.org/iom/',
    });
  });

  it('an empty SITE_URL is the default', () => {
    expect(loadConfig({ PORT: '9000', SITE_URL: '' }).siteUrl).toBe('http://localhost:9000/');
    expect(loadConfig({ BASE_IRI: 'https://data.example.org/', SITE_URL: '' }).siteUrl).toBe(
      'https://data.example.org/',
    );
  });

  it.each([
    ['not a url', 'SITE_URL must be an absolute http(s) URL; got "not a url"'],
    ['/relative/', 'SITE_URL must be an absolute http(s) URL; got "/relative/"'],
    ['ftp://example.org/', 'SITE_URL must use http or https; got "ftp://example.org/"'],
    ['https://example.org/?a=1', 'SITE_URL must not have a query or fragment; got "https://example.org/?a=1"'],
    ['https://example.org/#top', 'SITE_URL must not have a query or fragment; got "https://example.org/#top"'],
  ])('SITE_URL=%s is refused: %s', (value, message) => {
    expect(() => loadConfig({ SITE_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ SITE_URL: value })).toThrow(message);
  });

  it('a bad BASE_IRI is named as BASE_IRI, even when SITE_URL is good', () => {
    expect(() => loadConfig({ BASE_IRI: 'mailto:x@example.org', SITE_URL: 'http://localhost:9000/' })).toThrow(
      'BASE_IRI must use http or https; got "mailto:x@example.org"',
    );
  });
});
