// Log lines for a person at a terminal: pino's JSON lines turned into one readable line each by
// pino-pretty. Production (stdout not a terminal) keeps the JSON lines and never comes here.
import { prettyFactory } from 'pino-pretty';
import type { LogFormat } from './config.js';

/** Where lines go, the way pino's destination and the request log's fast path write them. */
export interface LineSink {
  write(chunk: string): unknown;
}

/** `json` or `pretty` lines: LOG_FORMAT when set, else pretty exactly when stdout is a terminal. */
export function chooseLogFormat(setting: LogFormat, stdoutIsTTY: boolean): 'json' | 'pretty' {
  if (setting !== 'auto') return setting;
  return stdoutIsTTY ? 'pretty' : 'json';
}

// Request lines read as `GET /doc/x 200 1.2 ms 5.3 kB`; their fields say nothing more.
const REQUEST_FIELDS = ['method', 'url', 'status', 'ms', 'bytes'];

function messageFormat(log: Record<string, unknown>, messageKey: string): string {
  const value = log[messageKey];
  const message = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  if (message !== 'request') {
    // The URL of a failed request (the error handler logs it) is worth keeping on the line.
    return typeof log.url === 'string' && Number(log.level) >= 40 ? `${message} (${log.url})` : message;
  }
  const bytes = Number(log.bytes ?? 0);
  const size = bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
  return `${String(log.method)} ${String(log.url)} ${String(log.status)} ${String(log.ms)} ms ${size}`;
}

/**
 * A sink that writes each JSON line it is given (one or several per chunk, as the request log
 * batches them) to `out` as one readable line: time, level, message. The fields of a line are left
 * out (its message says what matters: start-up lines are written to be read), except an error,
 * which pino-pretty prints with its stack.
 */
export function prettyLines(out: LineSink, colorize: boolean): LineSink {
  const options = {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'service', ...REQUEST_FIELDS].join(','),
    messageFormat,
  };
  const plain = prettyFactory({ ...options, hideObject: true });
  // hideObject would hide an error too: a line that carries one is printed with its fields.
  const withError = prettyFactory(options);
  return {
    write(chunk: string) {
      let text = '';
      for (const line of chunk.split('\n')) if (line) text += (line.includes('"err":') ? withError : plain)(line);
      if (text) out.write(text);
      return true;
    },
  };
}
