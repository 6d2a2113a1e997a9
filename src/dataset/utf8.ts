// Turtle is UTF-8. A file that is not is refused at its first invalid byte: decoded leniently it would
// be served with replacement characters (N3.js) or fail deep inside Oxigraph's loader.
import { Buffer, isUtf8 } from 'node:buffer';
import { DatasetError } from './errors.js';

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. A
 * sequence cut short or continued wrongly is reported at its first byte. Well-formed means what
 * Unicode (and a fatal TextDecoder) accepts: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // The length of the sequence, and the range its second byte must fall in (Unicode table 3-7).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // past U+10FFFF
    } else return i; // a continuation byte, or a byte UTF-8 never uses
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] ?? 0;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] ?? 0;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** The 1-based line and column of a byte offset, the column counted in characters as N3.js counts them. */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let line = 1;
  let lineStart = 0;
  for (let at = buffer.indexOf(0x0a); at !== -1 && at < offset; at = buffer.indexOf(0x0a, at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  // Every byte before `offset` is valid UTF-8, so this decodes without replacement.
  return { line, column: buffer.toString('utf8', lineStart, offset).length + 1 };
}

/** Throws a DatasetError at the first byte of `bytes` that is not valid UTF-8 (file:line:column). */
export function assertUtf8(bytes: Uint8Array, file: string): void {
  // isUtf8 is native and fast; the byte-by-byte search runs only for a file already known to be bad.
  if (isUtf8(bytes)) return;
  const offset = firstInvalidUtf8(bytes);
  if (offset < 0) throw new DatasetError('invalid UTF-8; Turtle files must be saved as UTF-8', file);
  const { line, column } = lineAndColumn(bytes, offset);
  const hex = (byte: number | undefined): string => `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  const utf16 = offset === 0 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  throw new DatasetError(
    utf16
      ? 'the file is UTF-16 (it starts with a UTF-16 byte order mark); Turtle files must be saved as UTF-8'
      : `invalid UTF-8 (byte ${hex(bytes[offset])}); Turtle files must be saved as UTF-8`,
    file,
    line,
    column,
  );
}
