// Answering a store's authentication challenge with its credentials (STORE_USER, STORE_PASSWORD):
// Basic, or Digest as Virtuoso asks (RFC 7616).
import { createHash, randomBytes } from 'node:crypto';
import { unavailable } from './store.js';

export interface StoreCredentials {
  readonly user: string;
  readonly password: string;
}


/** The store's last authentication challenge, and how many times its Digest nonce was answered. */
export interface Challenge {
  readonly header: string;
  count: number;
}

/** The Authorization header answering a challenge: Basic, or Digest (see digest). */
export function authorization(credentials: StoreCredentials, challenge: Challenge, method: string, url: URL): string {
  if (!/^Digest /i.test(challenge.header)) return basic(credentials);
  challenge.count += 1;
  return digest(credentials, challenge.header, method, url, challenge.count);
}

function basic({ user, password }: StoreCredentials): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** RFC 7616's algorithms: the hash each names, and whether it is a session variant. */
const DIGEST_ALGORITHMS: Record<string, { hash: 'md5' | 'sha256'; session: boolean }> = {
  MD5: { hash: 'md5', session: false },
  'MD5-SESS': { hash: 'md5', session: true },
  'SHA-256': { hash: 'sha256', session: false },
  'SHA-256-SESS': { hash: 'sha256', session: true },
};

/**
 * An Authorization header answering a Digest challenge (RFC 7616): MD5, MD5-sess, SHA-256 or
 * SHA-256-sess, qop "auth" or none; `count` is the nonce's use (nc). Another algorithm is the
 * store's to change: a 503 that names it.
 */
export function digest(
  { user, password }: StoreCredentials,
  challenge: string,
  method: string,
  url: URL,
  count = 1,
  cnonce = randomBytes(8).toString('hex'),
): string {
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g))
    if (key) params[key.toLowerCase()] = quoted ?? bare ?? '';
  const named = params.algorithm ?? 'MD5';
  const algorithm = DIGEST_ALGORITHMS[named.toUpperCase()];
  if (!algorithm)
    throw unavailable(
      `asks for Digest authentication with ${named.slice(0, 40)}, which the platform does not answer (MD5 and SHA-256 it does)`,
    );
  const h = (text: string): string => createHash(algorithm.hash).update(text).digest('hex');
  const uri = `${url.pathname}${url.search}`;
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const qop = params.qop
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const nc = count.toString(16).padStart(8, '0');
  const secret = h(`${user}:${realm}:${password}`);
  const ha1 = algorithm.session ? h(`${secret}:${nonce}:${cnonce}`) : secret;
  const ha2 = h(`${method}:${uri}`);
  const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
  const fields = [
    `username="${user}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${uri}"`,
    `response="${response}"`,
    ...(params.opaque !== undefined ? [`opaque="${params.opaque}"`] : []),
    ...(qop || algorithm.session ? [`cnonce="${cnonce}"`] : []),
    ...(qop ? [`qop=${qop}`, `nc=${nc}`] : []),
    `algorithm=${named}`,
  ];
  return `Digest ${fields.join(', ')}`;
}
