// The one typed, frozen configuration, built from defaults and the environment and checked at boot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  /** TCP port the server listens on. */
  readonly port: number;
  /** Host/interface the server binds to. */
  readonly host: string;
  /** The base of every IRI we publish; always ends with `/`. */
  readonly baseIri: string;
  /** The folder holding ontology/, data/ and shapes/. */
  readonly root: string;
  /** pino log level. */
  readonly logLevel: string;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

// src/config.ts runs from src/ under tsx and from dist/src/ when built: the project is above either.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(HERE, path.basename(path.dirname(HERE)) === 'dist' ? '../..' : '..');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Builds the configuration from environment variables; throws ConfigError on a bad value. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const port = parsePort(env.PORT ?? '8080');
  const baseIri = parseBaseIri(env.BASE_IRI ?? `http://localhost:${port}/`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  }
  return Object.freeze({
    port,
    host: env.HOST ?? '0.0.0.0',
    baseIri,
    root: path.resolve(env.DATA_ROOT ?? PROJECT_ROOT),
    logLevel,
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535; got "${value}"`);
  }
  return port;
}

function parseBaseIri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`BASE_IRI must be an absolute http(s) IRI; got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`BASE_IRI must use http or https; got "${value}"`);
  }
  if (url.search || url.hash) throw new ConfigError(`BASE_IRI must not have a query or fragment; got "${value}"`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
