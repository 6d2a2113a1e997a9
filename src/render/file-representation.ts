// A rendered body kept on disk instead of in memory (the dumps): written once to a file that is
// unlinked as soon as it is open, so it lives while its descriptor is open (at most as long as the
// process) and leaves nothing behind after a crash; served by streaming, 64 KiB at a time.
import { randomUUID } from 'node:crypto';
import { close, createReadStream, createWriteStream, fstat, open, writeFile } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { etagOf } from './representation.js';

const openFd = promisify(open);
const closeFd = promisify(close);
const writeFd = promisify(writeFile);
const statFd = promisify(fstat);

/** One encoding of a file-backed body. */
export interface StoredBody {
  readonly size: number;
  /** A new stream of the whole body (positional reads: any number may run at once). */
  stream(): Readable;
}

export interface FileRepresentation extends StoredBody {
  readonly contentType: string;
  /** A strong ETag derived from the body. */
  readonly etag: string;
  /** The gzip copy, compressed off the event loop on first call and then kept on disk too. */
  gzipped(): Promise<StoredBody>;
}

// A body nobody can reach any more (a Site replaced, a test's app dropped) gives its disk space
// back: its descriptor is closed when the body is collected. Plain descriptors rather than
// FileHandles, whose closing by the collector is deprecated and meant to become an error.
const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => close(fd, () => undefined));

/** A new file under `dir`, already unlinked: its data stays reachable through the descriptor only. */
async function anonymousFile(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `.body-${process.pid}-${randomUUID()}`);
  const fd = await openFd(file, 'wx+', 0o600);
  try {
    await unlink(file);
  } catch (error) {
    await closeFd(fd);
    throw error;
  }
  return fd;
}

function storedBody(fd: number, size: number): StoredBody {
  const body: StoredBody = {
    size,
    stream: () => {
      if (size === 0) return Readable.from([]); // `end` is inclusive: an empty body has no byte to end at
      const stream = createReadStream('', { fd, start: 0, end: size - 1, autoClose: false });
      // The descriptor closes when `body` is collected, so an open stream keeps `body` reachable.
      stream.once('close', () => void body);
      return stream;
    },
  };
  closeWhenUnreachable.register(body, fd);
  return body;
}

/** Writes a body to an anonymous file under `dir`; the returned representation keeps the file open. */
export async function writeFileRepresentation(
  dir: string,
  body: string | Buffer,
  contentType: string,
): Promise<FileRepresentation> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = etagOf(bytes);
  const fd = await anonymousFile(dir);
  try {
    await writeFd(fd, bytes);
  } catch (error) {
    await closeFd(fd);
    throw error;
  }
  const plain = storedBody(fd, bytes.length);
  let gz: Promise<StoredBody> | undefined;
  const makeGzip = async (): Promise<StoredBody> => {
    const out = await anonymousFile(dir);
    try {
      await pipeline(plain.stream(), createGzip(), createWriteStream('', { fd: out, start: 0, autoClose: false }));
      return storedBody(out, (await statFd(out)).size);
    } catch (error) {
      await closeFd(out);
      throw error;
    }
  };
  return {
    ...plain,
    contentType,
    etag,
    gzipped: () =>
      (gz ??= makeGzip().catch((error: unknown) => {
        gz = undefined; // a failed compression is not kept: the next request tries again
        throw error;
      })),
  };
}
