// The configuration: identifiers (BASE_IRI) that do not follow the port, where the server is
// reached (SITE_URL) and where the data is (STORE and the remote store's settings), with their
// defaults and the messages of bad values.
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

describe('STORE and the remote store', () => {
  const QUERY = 'http://127.0.0.1:8890/sparql';
  const HASH = '0123456789abcdef0123456789abcdef';

  it('is the embedded store by default, whatever the remote settings say', () => {
    expect(loadConfig({}).store).toEqual({ kind: 'embedded' });
    expect(loadConfig({ STORE: '' }).store).toEqual({ kind: 'embedded' });
    expect(loadConfig({ STORE: 'embedded', STORE_QUERY_URL: 'not a url', STORE_USER: 'dba' }).store).toEqual({
      kind: 'embedded',
    });
    expect(Object.isFrozen(loadConfig({}).store)).toBe(true);
  });

  it.each(['virtuoso', 'SPARQL', 'remote', ' sparql'])('refuses STORE=%s, naming the two values', (value) => {
    expect(() => loadConfig({ STORE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: value })).toThrow(`STORE must be embedded or sparql; got "${value}"`);
  });

  it.each([{}, { STORE_QUERY_URL: '' }])('STORE=sparql needs STORE_QUERY_URL (%o)', (env) => {
    expect(() => loadConfig({ STORE: 'sparql', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'sparql', ...env })).toThrow(/^STORE=sparql needs STORE_QUERY_URL/);
  });

  it('derives Virtuoso’s update and Graph Store URLs from a query URL ending in /sparql', () => {
    const store = loadConfig({ STORE: 'sparql', STORE_QUERY_URL: QUERY }).store;
    expect(store).toEqual({
      kind: 'sparql',
      queryUrl: QUERY,
      updateUrl: 'http://127.0.0.1:8890/sparql-auth',
      graphStoreUrl: 'http://127.0.0.1:8890/sparql-graph-crud-auth',
      readTimeoutMs: 30_000,
      startupTimeoutMs: 600_000,
      connections: 8,
      followMs: 30_000,
    });
    expect(Object.isFrozen(store)).toBe(true);
    expect(loadConfig({ STORE: 'sparql', STORE_QUERY_URL: 'https://store.example/db/sparql/' }).store).toMatchObject({
      queryUrl: 'https://store.example/db/sparql/',
      updateUrl: 'https://store.example/db/sparql-auth',
      graphStoreUrl: 'https://store.example/db/sparql-graph-crud-auth',
    });
  });

  it('takes STORE_UPDATE_URL and STORE_GRAPH_STORE_URL when set, and the query URL itself for another store', () => {
    expect(
      loadConfig({
        STORE: 'sparql',
        STORE_QUERY_URL: QUERY,
        STORE_UPDATE_URL: 'http://127.0.0.1:8890/update',
        STORE_GRAPH_STORE_URL: 'http://127.0.0.1:8890/gsp',
      }).store,
    ).toMatchObject({ updateUrl: 'http://127.0.0.1:8890/update', graphStoreUrl: 'http://127.0.0.1:8890/gsp' });
    // Empty values are unset.
    expect(
      loadConfig({ STORE: 'sparql', STORE_QUERY_URL: QUERY, STORE_UPDATE_URL: '', STORE_GRAPH_STORE_URL: '' }).store,
    ).toMatchObject({ updateUrl: `${QUERY}-auth`, graphStoreUrl: `${QUERY}-graph-crud-auth` });
    // A query URL that is not Virtuoso's /sparql (Fuseki's dataset URL takes all three).
    expect(loadConfig({ STORE: 'sparql', STORE_QUERY_URL: 'http://127.0.0.1:3030/ds' }).store).toMatchObject({
      updateUrl: 'http://127.0.0.1:3030/ds',
      graphStoreUrl: 'http://127.0.0.1:3030/ds',
    });
  });

  it.each([
    ['STORE_QUERY_URL', { STORE_QUERY_URL: 'not a url' }, 'be an absolute http(s) URL; it is not a URL'],
    ['STORE_QUERY_URL', { STORE_QUERY_URL: '/sparql' }, 'be an absolute http(s) URL; it is not a URL'],
    ['STORE_QUERY_URL', { STORE_QUERY_URL: 'ftp://127.0.0.1/sparql' }, 'be an absolute http(s) URL; it uses ftp:'],
    [
      'STORE_UPDATE_URL',
      { STORE_QUERY_URL: QUERY, STORE_UPDATE_URL: 'file:///etc/passwd' },
      'be an absolute http(s) URL; it uses file:',
    ],
    [
      'STORE_GRAPH_STORE_URL',
      { STORE_QUERY_URL: QUERY, STORE_GRAPH_STORE_URL: 'localhost:8890' },
      'be an absolute http(s) URL; it uses localhost:',
    ],
    [
      'STORE_QUERY_URL',
      { STORE_QUERY_URL: 'http://dba:s3cret@127.0.0.1:8890/sparql' },
      'not hold a user name or password; give them in STORE_USER and STORE_PASSWORD',
    ],
  ])('refuses a bad %s (%o), without repeating it', (name, env, why) => {
    expect(() => loadConfig({ STORE: 'sparql', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'sparql', ...env })).toThrow(`${name} must ${why}`);
    const message = (() => {
      try {
        loadConfig({ STORE: 'sparql', ...env });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const value of Object.values(env)) if (value !== QUERY) expect(message).not.toContain(value);
  });

  it('takes STORE_USER and STORE_PASSWORD together, and refuses one without the other', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    const store = loadConfig({ ...env, STORE_USER: 'dba', STORE_PASSWORD: 's3cret' }).store;
    expect(store).toMatchObject({ credentials: { user: 'dba', password: 's3cret' } });
    expect(store.kind === 'sparql' && Object.isFrozen(store.credentials)).toBe(true);
    expect(loadConfig(env).store).not.toHaveProperty('credentials');
    for (const half of [{ STORE_USER: 'dba' }, { STORE_PASSWORD: 's3cret' }]) {
      expect(() => loadConfig({ ...env, ...half })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, ...half })).toThrow(
        'STORE_USER and STORE_PASSWORD are set together or not at all',
      );
    }
  });

  it('reads STORE_TIMEOUT_MS within its bounds', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    expect(loadConfig({ ...env, STORE_TIMEOUT_MS: '5000' }).store).toMatchObject({ readTimeoutMs: 5000 });
    expect(loadConfig({ ...env, STORE_TIMEOUT_MS: '100' }).store).toMatchObject({ readTimeoutMs: 100 });
    for (const value of ['99', '3600001', '1.5', '-1', '10s']) {
      expect(() => loadConfig({ ...env, STORE_TIMEOUT_MS: value })).toThrow(
        `STORE_TIMEOUT_MS must be an integer from 100 to 3600000; got "${value}"`,
      );
    }
  });

  it('reads STORE_STARTUP_TIMEOUT_MS within its bounds', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    expect(loadConfig({ ...env, STORE_STARTUP_TIMEOUT_MS: '120000' }).store).toMatchObject({
      startupTimeoutMs: 120_000,
    });
    for (const value of ['99', '3600001', 'long'])
      expect(() => loadConfig({ ...env, STORE_STARTUP_TIMEOUT_MS: value })).toThrow(
        `STORE_STARTUP_TIMEOUT_MS must be an integer from 100 to 3600000; got "${value}"`,
      );
  });

  it('reads STORE_CONNECTIONS within its bounds', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    expect(loadConfig({ ...env, STORE_CONNECTIONS: '16' }).store).toMatchObject({ connections: 16 });
    for (const value of ['0', '257', 'many'])
      expect(() => loadConfig({ ...env, STORE_CONNECTIONS: value })).toThrow(
        `STORE_CONNECTIONS must be an integer from 1 to 256; got "${value}"`,
      );
  });

  it('reads STORE_FOLLOW_MS within its bounds, 0 turning following off', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    expect(loadConfig({ ...env, STORE_FOLLOW_MS: '0' }).store).toMatchObject({ followMs: 0 });
    expect(loadConfig({ ...env, STORE_FOLLOW_MS: '500' }).store).toMatchObject({ followMs: 500 });
    for (const value of ['-1', '86400001', 'often'])
      expect(() => loadConfig({ ...env, STORE_FOLLOW_MS: value })).toThrow(
        `STORE_FOLLOW_MS must be an integer from 0 to 86400000; got "${value}"`,
      );
  });

  it('pins the data version with STORE_DATA_VERSION, a content hash of 32 lower-case hex digits', () => {
    const env = { STORE: 'sparql', STORE_QUERY_URL: QUERY };
    expect(loadConfig({ ...env, STORE_DATA_VERSION: HASH }).store).toMatchObject({ dataVersion: HASH });
    expect(loadConfig(env).store).not.toHaveProperty('dataVersion');
    expect(loadConfig({ ...env, STORE_DATA_VERSION: '' }).store).not.toHaveProperty('dataVersion');
    for (const value of [HASH.slice(1), `${HASH}0`, HASH.toUpperCase(), `${HASH.slice(1)}g`, ` ${HASH.slice(1)}`]) {
      expect(() => loadConfig({ ...env, STORE_DATA_VERSION: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, STORE_DATA_VERSION: value })).toThrow(
        `STORE_DATA_VERSION must be a data version's content hash (32 hex digits); got "${value}"`,
      );
    }
  });
});

describe('THING_CACHE_MAX_BYTES', () => {
  it('is 8 MiB by default, 0 keeps none, and anything else outside its bounds is refused by name', () => {
    expect(loadConfig({}).thingCacheMaxBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ THING_CACHE_MAX_BYTES: '0' }).thingCacheMaxBytes).toBe(0);
    expect(loadConfig({ THING_CACHE_MAX_BYTES: '1048576' }).thingCacheMaxBytes).toBe(1_048_576);
    for (const value of ['-1', 'lots', '1.5'])
      expect(() => loadConfig({ THING_CACHE_MAX_BYTES: value })).toThrow(/THING_CACHE_MAX_BYTES must be an integer/);
  });
});
