// CACHE_DIR: files derived from the data (validation verdicts, the thing index), each one an entry
// that is checked before it is believed. Anything wrong with the folder or an entry costs the
// shortcut (the work is done again, with a warning saying why), never a crash or a wrong answer.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the start-up stages log through: a pino logger, or a stand-in (tests). */
export interface StartupLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * What identifies an entry, stored in its first line: what it is, the version of its format (the
 * code that writes it), and the data it was derived from (the content hash of scanDataset).
 */
export interface EntryKey {
  readonly kind: string;
  readonly format: string;
  readonly contentHash: string;
}

/**
 * The first line of an entry file; the payload (JSON) follows the newline. The checksum and size
 * of the payload catch a truncated write, a damaged disk and a hand edit: any entry whose payload
 * does not hash to what its header says is not read.
 */
interface Header extends EntryKey {
  readonly sha256: string;
  readonly bytes: number;
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/** An open, usable CACHE_DIR. */
export class CacheDir {
  private writable = true;

  private constructor(
    readonly dir: string,
    private readonly log: StartupLog,
  ) {}

  /**
   * The cache folder, created if need be; undefined (with a warning) when it cannot be used: the
   * path is a regular file, or the folder cannot be created. The server then runs without one.
   */
  static async open(dir: string | undefined, log: StartupLog): Promise<CacheDir | undefined> {
    if (!dir) return undefined;
    try {
      const info = await stat(dir).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
        return undefined;
      });
      if (info && !info.isDirectory()) {
        log.warn({ cacheDir: dir }, `CACHE_DIR ${dir} is not a folder; starting without the cache`);
        return undefined;
      }
      if (!info) await mkdir(dir, { recursive: true });
    } catch (error) {
      log.warn(
        { cacheDir: dir, code: errorCode(error) },
        `CACHE_DIR ${dir} cannot be used (${errorCode(error)}); starting without the cache`,
      );
      return undefined;
    }
    return new CacheDir(dir, log);
  }

  /** Where the entry of a kind for some content lives. */
  file(kind: string, contentHash: string): string {
    return path.join(this.dir, kind, `${contentHash}.json`);
  }

  /**
   * The payload of the entry for `key`, or undefined when there is none or it cannot be believed:
   * unreadable, not an entry, another format, another content, or a payload that does not match
   * its checksum. Each of those is a warning saying why; a missing entry is not.
   */
  async read(key: EntryKey, what: string): Promise<unknown> {
    const file = this.file(key.kind, key.contentHash);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT')
        this.log.warn(
          { file, code: errorCode(error) },
          `cannot read the cached ${what} (${errorCode(error)}); redoing it`,
        );
      return undefined;
    }
    const reject = (why: string): undefined => {
      this.log.warn({ file }, `the cached ${what} ${why}; redoing it`);
      return undefined;
    };
    const newline = bytes.indexOf(0x0a);
    let header: Partial<Header> | undefined;
    try {
      header = JSON.parse(bytes.subarray(0, newline < 0 ? bytes.length : newline).toString('utf8')) as Partial<Header>;
    } catch {
      header = undefined;
    }
    if (newline < 0 || typeof header !== 'object' || header === null || header.kind !== key.kind)
      return reject('is not a cache entry of this platform (damaged, truncated or from an older version)');
    if (header.format !== key.format)
      return reject(`has format ${JSON.stringify(header.format)}, not ${JSON.stringify(key.format)}`);
    if (header.contentHash !== key.contentHash) return reject('was made from other data (its content hash differs)');
    const payload = bytes.subarray(newline + 1);
    if (header.bytes !== payload.length || header.sha256 !== sha256(payload))
      return reject('does not match its checksum (truncated, damaged or edited)');
    try {
      return JSON.parse(payload.toString('utf8')) as unknown;
    } catch {
      return reject('is not valid JSON');
    }
  }

  /**
   * Saves an entry: written under a temporary name and renamed, so a reader never sees half of one.
   * With `only`, the other entries of its kind are removed (the folder keeps the newest). A folder
   * that cannot be written is a warning, once; nothing is cached from then on.
   */
  async write(key: EntryKey, payload: unknown, what: string, options: { only?: boolean } = {}): Promise<void> {
    if (!this.writable) return;
    const file = this.file(key.kind, key.contentHash);
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const header: Header = { ...key, sha256: sha256(body), bytes: body.length };
    // A random name, not the pid: two servers sharing the folder (each pid 1 in its container)
    // would otherwise write the same temporary file at once.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.writable = false;
      this.log.warn(
        { cacheDir: this.dir, code: errorCode(error) },
        `cannot write the ${what} to CACHE_DIR ${this.dir} (${errorCode(error)}); serving without caching`,
      );
      return;
    }
    if (!options.only) return;
    const folder = path.dirname(file);
    for (const name of await readdir(folder).catch(() => []))
      if (path.join(folder, name) !== file && !name.endsWith('.tmp'))
        await rm(path.join(folder, name), { force: true }).catch(() => undefined);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
